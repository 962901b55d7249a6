"""The figures and has-data groups of ``lawgov audit`` (core/audit.py): relations between a
report's own figures, only where the text makes them clear, and which canonical indicators it
states.

Every figure is placed in its section's text (its quote is verbatim there, and the figure in its
quote), so that the relations read the sentence and the clause (up to , ; : 、 before it) a figure
stands in:

- rate: a % figure whose clause names a rate (调解成功率) right after the word it is a rate of
  (成功), the count before it in the sentence whose clause has that word (调解成功4126宗: the
  part), and the count before that in the same unit (调解纠纷4231宗: the whole). It holds when
  part / whole x 100 is within half a unit of the rate's last stated decimal.
- part-whole: a figure whose clause opens with 其中 against the figure just before it in the
  sentence, in the same unit (办结731件,其中调解结案案件169宗).
- over-100: a % figure whose clause names a rate that cannot pass 100 (the rule's ``rates``),
  and no change (``change``: 增长, 同比…).
- restated: two exact figures of one canonical indicator, with the same label and unit.

A figure with a qualifier (800余件, 约90%) is a bound, never taken as an exact count here.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

from .audit import FAIL, PASS, UNKNOWN, Evidence, Result, Rule
from .model import Metric, Report
from .text import fold, sentences

_CLAUSE_MARKS = ",，;；:：、"
_NUMBER = re.compile(r"\d+(?:\.(\d+))?")


class Placed:
    """A figure where it stands: its sentence (section, index) and its clause, folded."""

    __slots__ = ("clause", "metric", "offset", "sentence")

    def __init__(self, metric: Metric, sentence: tuple[str, int], offset: int, clause: str) -> None:
        self.metric, self.sentence, self.offset, self.clause = metric, sentence, offset, clause


def place(report: Report) -> list[Placed]:
    """Each figure found in its section's text, in document order; one not found (in a
    heading) is left out."""
    by_section = {s.id: s for s in report.sections}
    out = []
    for metric in report.metrics:
        section = by_section.get(metric.section)
        if section is None or not section.text:
            continue
        at = section.text.find(metric.quote)
        inside = metric.quote.find(metric.figure) if at >= 0 else -1
        if inside < 0:
            continue
        offset = at + inside
        for index, (_, start, sentence) in enumerate(sentences(section.text)):
            if start <= offset < start + len(sentence):
                before = sentence[: offset - start]
                cut = max(before.rfind(mark) for mark in _CLAUSE_MARKS)
                out.append(Placed(metric, (section.id, index), offset, fold(before[cut + 1 :])))
                break
    return out


def _exact(metric: Metric) -> bool:
    return not metric.qualifier


def _evidence(*metrics: Metric) -> list[Evidence]:
    """Each figure's section and quote, once (figures of one list share their quote)."""
    seen = dict.fromkeys((m.section, m.quote) for m in metrics)
    return [Evidence(section, quote) for section, quote in seen]


def _same_unit(a: Metric, b: Metric) -> bool:
    from .indicators import canonical_unit

    return canonical_unit(a.unit) == canonical_unit(b.unit)


def figures_result(report: Report, rule: Rule) -> Result:
    relation = rule.params.get("relation")
    placed = place(report)
    if relation == "rate":
        return _rates(rule, placed)
    if relation == "part-whole":
        return _parts(rule, placed)
    if relation == "over-100":
        return _over_100(rule, placed)
    return _restated(rule, report.metrics)


def _verdict(
    rule: Rule, checked: int, what: str, findings: list[tuple[str, list[Evidence]]]
) -> Result:
    if findings:
        detail = "; ".join(text for text, _ in findings)
        return Result(rule, FAIL, detail, [e for _, shown in findings for e in shown])
    if not checked:
        return Result(rule, UNKNOWN, f"no {what} stated where the text makes it clear", [])
    return Result(rule, PASS, f"{checked} {what} checked, all agree", [])


def _rates(rule: Rule, placed: list[Placed]) -> Result:
    change = re.compile(str(rule.params.get("change", "$^")))
    checked, findings, agreeing = 0, [], []
    for at, rate in enumerate(placed):
        m = rate.metric
        word = re.search(r"(\w{2})率", rate.clause)
        if m.unit != "%" or not _exact(m) or word is None or change.search(rate.clause):
            continue
        stem = word.group(1)
        before = [p for p in placed[:at] if p.sentence == rate.sentence and p.metric.unit != "%"]
        parts = [i for i, p in enumerate(before) if stem in p.clause]
        if not parts:
            continue
        part = before[parts[-1]]
        wholes = [
            p
            for p in before[: parts[-1]]
            if _same_unit(p.metric, part.metric) and stem not in p.clause
        ]
        if not wholes:
            continue
        whole = wholes[-1]
        if not (_exact(part.metric) and _exact(whole.metric)) or not whole.metric.value:
            continue
        checked += 1
        computed = (
            Fraction(Decimal(str(part.metric.value)))
            / Fraction(Decimal(str(whole.metric.value)))
            * 100
        )
        number = _NUMBER.search(fold(m.figure))
        decimals = len(number.group(1) or "") if number else 0
        stated = Fraction(Decimal(str(m.value)))
        shown = _evidence(whole.metric, part.metric, m)
        if abs(computed - stated) <= Fraction(1, 2 * 10**decimals):
            agreeing.append(shown)
            continue
        findings.append(
            (
                f"{m.figure} stated, but {part.metric.figure} of {whole.metric.figure} is "
                f"{float(computed):.{decimals + 2}f}%",
                shown,
            )
        )
    result = _verdict(
        rule,
        checked,
        "rate with its counts" if checked == 1 else "rates with their counts",
        findings,
    )
    if result.result == PASS:
        first = agreeing[0]
        result.detail = (
            f"{first[2].quote}: {first[1].quote} of {first[0].quote}"
            + (f" (and {checked - 1} more)" if checked > 1 else "")
            + ", within the rounding of the stated decimals"
        )
        result.evidence = [e for shown in agreeing for e in shown]
    return result


def _parts(rule: Rule, placed: list[Placed]) -> Result:
    checked, findings = 0, []
    for at, part in enumerate(placed):
        if not part.clause.lstrip().startswith("其中") or at == 0:
            continue
        whole = placed[at - 1]
        if whole.sentence != part.sentence or not _same_unit(whole.metric, part.metric):
            continue
        if not (_exact(whole.metric) and _exact(part.metric)):
            continue
        checked += 1
        if part.metric.value > whole.metric.value:
            findings.append(
                (
                    f"part {part.metric.figure} is larger than its whole {whole.metric.figure}",
                    _evidence(whole.metric, part.metric),
                )
            )
    result = _verdict(
        rule,
        checked,
        "part (其中) with its whole" if checked == 1 else "parts (其中) with their wholes",
        findings,
    )
    if result.result == PASS:
        result.evidence = [
            e
            for at, p in enumerate(placed)
            if at and p.clause.lstrip().startswith("其中") and p.sentence == placed[at - 1].sentence
            for e in _evidence(placed[at - 1].metric, p.metric)
        ][:4]
    return result


def _over_100(rule: Rule, placed: list[Placed]) -> Result:
    rates = re.compile(str(rule.params.get("rates", "$^")))
    change = re.compile(str(rule.params.get("change", "$^")))
    checked, findings, read = 0, [], []
    for p in placed:
        m = p.metric
        if m.unit != "%" or not rates.search(p.clause) or change.search(p.clause):
            continue
        checked += 1
        read.append(m)
        if m.value > 100:
            word = rates.search(p.clause)
            named = word.group() if word else "rate"
            findings.append((f"{named} {m.figure} is over 100%", _evidence(m)))
    result = _verdict(rule, checked, "rate" if checked == 1 else "rates", findings)
    if result.result == PASS:
        result.evidence = _evidence(*read[:3])
    return result


def _restated(rule: Rule, metrics: tuple[Metric, ...]) -> Result:
    from .indicators import canonical_unit

    seen: dict[tuple[str, str, str], Metric] = {}
    checked, findings = 0, []
    for m in metrics:
        if not m.indicator or not _exact(m):
            continue
        key = (m.indicator, fold(m.label), canonical_unit(m.unit))
        first = seen.setdefault(key, m)
        if first is m:
            continue
        checked += 1
        if first.value != m.value:
            findings.append((f"{m.label}: {first.figure} and {m.figure}", _evidence(first, m)))
    tagged = sum(1 for m in metrics if m.indicator)
    if not findings and tagged:
        what = "figure" if tagged == 1 else "figures"
        stated = f"{tagged} {what} of canonical indicators: none stated twice with different values"
        return Result(rule, PASS, stated, [])
    if not findings:
        return Result(rule, UNKNOWN, "no figure of a canonical indicator to compare", [])
    return _verdict(rule, checked, "quantity stated twice", findings)


def has_data_result(report: Report, rule: Rule, excerpt: str) -> Result:
    """Pass with the figures of the indicators under ``prefix``; else fail, or unknown for an
    excerpt."""
    prefix = str(rule.params.get("prefix", ""))
    found = [m for m in report.metrics if m.indicator and m.indicator.startswith(prefix)]
    if found:
        indicators = list(dict.fromkeys(m.indicator for m in found))
        listed = ", ".join(indicators[:6]) + (
            f" and {len(indicators) - 6} more" if len(indicators) > 6 else ""
        )
        what = "figure" if len(found) == 1 else "figures"
        return Result(rule, PASS, f"{len(found)} {what}: {listed}", _evidence(*found[:3]))
    named = f"a {prefix}* indicator" if prefix else "a canonical indicator"
    if report.excerpt:
        return Result(rule, UNKNOWN, f"no figure of {named}; {excerpt}", [])
    return Result(rule, FAIL, f"no figure of {named} (lawgov indicators lists them)", [])
