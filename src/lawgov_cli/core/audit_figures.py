"""The figures and has-data groups of ``lawgov audit`` (core/audit.py): relations between a
report's own figures, only where the text makes them clear, and which canonical indicators it
states.

Every figure is placed in its section's text (its quote is verbatim there, and the figure in its
quote), so that the relations read the statement (a sentence, or its part between semicolons:
复议…纠错11件;一审行政应诉案件40件 are two) and the clause (up to , ; : 、 before it) a figure
stands in:

- rate: a % figure whose clause names a rate (调解成功率) right after the word it is a rate of
  (成功), the count before it in the sentence whose clause has that word (调解成功4126宗: the
  part), and the count before that in the same unit (调解纠纷4231宗: the whole). It holds when
  part / whole x 100 is within half a unit of the rate's last stated decimal.
  Counts of a change (比上年增加312宗: the rule's ``change``) are neither part nor whole.
- part-whole: a figure whose clause opens with 其中 (or follows a clause 其中 alone: 其中,依法
  受理4955件) against the figure before it in the statement that is no change, in the same unit
  (办结731件,其中调解结案案件169宗); the figures listed after it with 、 are not checked (parts
  or other counts: the text does not say).
- over-100: a % figure whose clause names a rate that cannot pass 100 (the rule's ``rates``),
  and no change (``change``: 增长, 同比…).
- restated: two exact figures of one canonical indicator, with the same label and unit, neither
  quoted with a word that narrows or widens what it counts (the rule's ``scope``: 累计, 上半年,
  其中…). No quantity stated twice: unknown, as nothing was compared.

A figure with a qualifier (800余件, 约90%) is a bound, never taken as an exact count here.
"""

from __future__ import annotations

import bisect
import re
from decimal import Decimal
from fractions import Fraction

from .audit import FAIL, PASS, UNKNOWN, Evidence, Result, Rule
from .model import Metric, Report
from .text import fold, sentences

_CLAUSE_MARKS = ",，;；:：、"
_NUMBER = re.compile(r"\d+(?:\.(\d+))?")


Statement = tuple[str, int, int]  # section id, sentence, part of it between semicolons


class Placed:
    """A figure where it stands: its statement, its clause, folded, and the gap: the text
    since the figure before it in the statement (or the sentence's start), folded (、备案 in
    其中印发14件、备案6件)."""

    __slots__ = ("clause", "gap", "metric", "offset", "sentence")

    def __init__(
        self, metric: Metric, sentence: Statement, offset: int, clause: str, gap: str
    ) -> None:
        self.metric, self.sentence, self.offset, self.clause = metric, sentence, offset, clause
        self.gap = gap


def place(report: Report) -> list[Placed]:
    """Each figure found in its section's text, in document order; one not found (in a
    heading) is left out. Each section is split into sentences once, and a quote is looked for
    from where the section's figure before it stood (figures come in document order; a quote
    said twice is then found where it stands the second time): a report of 12,000 figures took
    minutes when each figure split and searched its section from the start."""
    by_section = {s.id: s for s in report.sections}
    split: dict[str, tuple[list[int], list[str]]] = {}
    last: dict[str, int] = {}
    ends: dict[Statement, int] = {}  # where the statement's last figure placed ends
    out = []
    for metric in report.metrics:
        section = by_section.get(metric.section)
        if section is None or not section.text:
            continue
        at = section.text.find(metric.quote, last.get(section.id, 0))
        if at < 0:
            at = section.text.find(metric.quote)
        else:
            last[section.id] = at
        inside = metric.quote.find(metric.figure) if at >= 0 else -1
        if inside < 0:
            continue
        offset = at + inside
        if section.id not in split:
            found = sentences(section.text)
            split[section.id] = ([start for _, start, _ in found], [t for _, _, t in found])
        starts, texts = split[section.id]
        index = bisect.bisect_right(starts, offset) - 1
        if index < 0 or offset >= starts[index] + len(texts[index]):
            continue
        before = texts[index][: offset - starts[index]]
        cut = max(before.rfind(mark) for mark in _CLAUSE_MARKS)
        clause = before[cut + 1 :]
        if cut >= 0:
            # 其中,依法受理4955件: a clause that is 其中 alone opens the figure's clause
            previous = before[max(before.rfind(m, 0, cut) for m in _CLAUSE_MARKS) + 1 : cut]
            if fold(previous).strip() == "其中":
                clause = previous + before[cut] + clause
        # a ; opens another statement (复议…纠错11件;一审行政应诉案件40件,出庭应诉率98.5%): the
        # relations read within one
        where = (section.id, index, before.count(";") + before.count("；"))
        gap = before[min(ends.get(where, 0), len(before)) :]
        ends[where] = len(before) + len(metric.figure)
        out.append(Placed(metric, where, offset, fold(clause), fold(gap)))
    return out


def _listed(p: Placed) -> bool:
    """``p`` follows the figure before it in a list: 、 alone between them (印发14件、备案6件),
    no other mark (其中印发14件;清理规章、规范性文件200件 is a new clause)."""
    return p.gap.count("、") == 1 and not any(m in p.gap for m in _CLAUSE_MARKS if m != "、")


def _by_sentence(placed: list[Placed]) -> list[list[Placed]]:
    """The placed figures of each statement, in order."""
    groups: dict[Statement, list[Placed]] = {}
    for p in placed:
        groups.setdefault(p.sentence, []).append(p)
    return list(groups.values())


def _exact(metric: Metric) -> bool:
    return not metric.qualifier


def _evidence(*metrics: Metric) -> list[Evidence]:
    """Each figure's section and quote, once (figures of one list share their quote)."""
    seen = dict.fromkeys((m.section, m.quote) for m in metrics)
    return [Evidence(section, quote) for section, quote in seen]


def _same_unit(a: Metric, b: Metric) -> bool:
    from .indicators import canonical_unit

    return canonical_unit(a.unit) == canonical_unit(b.unit)


def figures_result(report: Report, rule: Rule, placed: list[Placed] | None = None) -> Result:
    """The rule's relation checked; ``placed``: the report's figures placed already (each
    figures rule of a profile reads the same)."""
    relation = rule.params.get("relation")
    placed = place(report) if placed is None else placed
    if relation == "rate":
        return _rates(rule, placed)
    if relation == "part-whole":
        return _parts(rule, placed)
    if relation == "over-100":
        return _over_100(rule, placed)
    return _restated(rule, report.metrics, placed)


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
    rates = (
        (rate, [p for p in group[:at] if p.metric.unit != "%" and not change.search(p.clause)])
        for group in _by_sentence(placed)
        for at, rate in enumerate(group)
    )
    for rate, before in rates:
        m = rate.metric
        word = re.search(r"(\w{2,4})率", rate.clause)
        if m.unit != "%" or not _exact(m) or word is None or change.search(rate.clause):
            continue
        # what the rate is of, up to four characters (调解成功, 出庭应诉: not 应诉 alone, which
        # an 应诉案件 count has too)
        stem = word.group(1)
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


def _part_pairs(rule: Rule, placed: list[Placed]) -> list[tuple[Placed, Placed]]:
    """(whole, part) for each part the text makes clear: a figure whose clause opens with 其中,
    against the last figure before it in its sentence that is no change (比上年增加200宗). A
    whole that is itself the second of a list (受理咨询3500件、投诉1200件,其中咨询类…) leaves
    it unclear which the part is of: none is checked. The figures listed after the part with
    、 may be parts too (其中印发14件、备案6件) or other counts (其中区政府文件20件、部门文件30件、
    提出修改意见120件): they are not checked."""
    change = re.compile(str(rule.params.get("change", "$^")))
    pairs = []
    for group in _by_sentence(placed):
        for at, p in enumerate(group):
            if not p.clause.lstrip().startswith("其中"):
                continue
            earlier = [q for q in group[:at] if not change.search(q.clause)]
            whole = earlier[-1] if earlier else None
            if whole is not None and not (group.index(whole) > 0 and _listed(whole)):
                pairs.append((whole, p))
    return pairs


def _parts(rule: Rule, placed: list[Placed]) -> Result:
    checked, findings, agreeing = 0, [], []
    for whole, part in _part_pairs(rule, placed):
        if not _same_unit(whole.metric, part.metric):
            continue
        if not (_exact(whole.metric) and _exact(part.metric)):
            continue
        checked += 1
        shown = _evidence(whole.metric, part.metric)
        if part.metric.value > whole.metric.value:
            findings.append(
                (f"part {part.metric.figure} is larger than its whole {whole.metric.figure}", shown)
            )
        else:
            agreeing.extend(shown)
    result = _verdict(
        rule,
        checked,
        "part (其中) with its whole" if checked == 1 else "parts (其中) with their wholes",
        findings,
    )
    if result.result == PASS:
        result.evidence = list({(e.section, e.quote): e for e in agreeing}.values())[:4]
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


def _restated(rule: Rule, metrics: tuple[Metric, ...], placed: list[Placed]) -> Result:
    from .indicators import canonical_unit

    scope = re.compile(str(rule.params.get("scope", "$^")))
    seen: dict[tuple[str, str, str], Metric] = {}
    checked, findings = 0, []
    scoped = False  # the figure before, in the same sentence, counts another span
    last: Statement | None = None
    for p in placed:
        m = p.metric
        # the text since the figure before it: 2021年改革以来,累计新收… counts more than the
        # year (but 累计开展宣传活动20场,新收…900宗: the 累计 is the 20场's); a list shares it
        # (上半年新收…400宗、办结…380件: both of the half year)
        listed = p.sentence == last and _listed(p)
        scoped = bool(scope.search(p.gap)) or (listed and scoped)
        last = p.sentence
        if not m.indicator or not _exact(m) or scoped:
            continue
        key = (m.indicator, fold(m.label), canonical_unit(m.unit))
        first = seen.setdefault(key, m)
        if first is m:
            continue
        checked += 1
        if first.value != m.value:
            findings.append((f"{m.label}: {first.figure} and {m.figure}", _evidence(first, m)))
    tagged = sum(1 for m in metrics if m.indicator)
    if not findings and not checked and tagged:
        what = "figure" if tagged == 1 else "figures"
        stated = (
            f"{tagged} {what} of canonical indicators, no quantity stated twice: nothing to compare"
        )
        return Result(rule, UNKNOWN, stated, [])
    if not findings and not checked:
        return Result(rule, UNKNOWN, "no figure of a canonical indicator to compare", [])
    what = "quantity stated twice" if checked == 1 else "quantities stated twice"
    return _verdict(rule, checked, what, findings)


def has_data_result(report: Report, rule: Rule, excerpt: str) -> Result:
    """Pass with the figures of the indicators under ``prefix``; else fail, or unknown for an
    excerpt."""
    prefix = str(rule.params.get("prefix", ""))
    found = [m for m in report.metrics if m.indicator and m.indicator.startswith(prefix)]
    if found:
        indicators = list(dict.fromkeys(m.indicator for m in found))
        listed = ", ".join(indicators)
        what = "figure" if len(found) == 1 else "figures"
        return Result(rule, PASS, f"{len(found)} {what}: {listed}", _evidence(*found[:3]))
    named = f"a {prefix}* indicator" if prefix else "a canonical indicator"
    if report.excerpt:
        return Result(rule, UNKNOWN, f"no figure of {named}; {excerpt}", [])
    return Result(rule, FAIL, f"no figure of {named} (lawgov indicators lists them)", [])
