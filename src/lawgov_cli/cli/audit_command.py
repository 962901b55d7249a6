"""The body of ``lawgov audit``: the profile's rules (core/audit.py) applied to each report read,
or one rule explained (``--explain``)."""

from __future__ import annotations

from ..core.audit import FAIL, UNKNOWN, load_profile
from ..core.audit import audit as audit_report
from ..core.library import Entry
from ..formats.answers import AuditResults, AuditRule, Reply
from .exits import EXIT_NOT_FOUND, EXIT_OK
from .state import State


def audit(
    state: State, profile: str, explain: str | None, strict: bool, json_: bool, csv: bool
) -> Reply:
    rules = load_profile(profile)
    if explain is not None:
        return Reply(AuditRule(rules.rule(explain), rules))
    if state.several:
        entries = [e for e in state.library().entries if e.report is not None]
    else:
        report = state.report()
        entries = [Entry("", report.path or "", report)]
    audited = [(entry, audit_report(entry.report, rules)) for entry in entries if entry.report]
    failing = (FAIL, UNKNOWN) if strict else (FAIL,)
    failed = any(r.result in failing for _, results in audited for r in results)
    return Reply(AuditResults(audited, state.several), EXIT_NOT_FOUND if failed else EXIT_OK)
