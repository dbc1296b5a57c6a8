"""我能享受哪些补贴？: what the question and results screens show, and the slip, from the
backend's screening and the locale pack. No Qt: the view model adapts these to QML.

Nothing is decided at the kiosk: a likely policy is 可能符合, never 符合. Policy names, reasons
and where to apply are the backend's words (its rule files); the frame around them is the
pack's. Texts that are spoken come shown and spoken (numbers and dates in words).
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.api.benefits_models import PolicyResult, Screening
from kiosk.locale_pack import LocalePack
from kiosk.speech import spoken

ANSWERS = ("yes", "no", "dont_know")
LISTED = ("likely", "need_info")  # a line each; receiving / applied are named briefly


@dataclass(frozen=True)
class Said:
    shown: str
    spoken: str


@dataclass(frozen=True)
class ResultLine:
    policy: str
    title: str  # the policy's name
    status: str  # 可能符合 / 还要问清楚
    heading: str  # 可能符合：高龄津贴
    outcome: str
    reason: str
    amount: str


@dataclass(frozen=True)
class ResultsView:
    lines: tuple[ResultLine, ...]
    brief: tuple[str, ...]  # 已在享受：… / 已申请：…
    bring: str  # 请带上：…
    where: tuple[str, ...]  # 到这里申请：office name, address, hours
    prompt: Said  # with the amounts: after 显示金额
    prompt_hidden: Said  # before 显示金额: no amount said (someone may stand behind)

    @property
    def has_amounts(self) -> bool:
        return any(x.amount for x in self.lines)


def _joined(items, pack: LocalePack) -> str:
    return pack.text("benefits.separator").join(items)


def said(pack: LocalePack, key: str, **values: object) -> Said:
    template = pack.templates.get(key, key)
    return Said(pack.fill(key, **values), spoken.fill(template, pack.locale, **values))


def question_prompt(screening: Screening, asked: int, pack: LocalePack) -> Said:
    """The instruction over a question (which one it is, how to answer; the question itself
    is the screen's large text) and what is spoken: the question in full."""
    question = screening.next_question
    assert question is not None
    template = pack.templates.get("benefits.question.spoken", "{question}")
    return Said(
        pack.fill("benefits.question.shown", n=asked + 1),
        spoken.fill(template, pack.locale, n=asked + 1, question=question.text),
    )


def _reason(result: PolicyResult, pack: LocalePack) -> str:
    if result.outcome == "likely":
        return pack.fill("benefits.reason.likely", who=result.who)
    return "；".join(result.reasons)


def _amount(result: PolicyResult, pack: LocalePack) -> str:
    if result.outcome != "likely":
        return ""
    if result.monthly_yuan is not None:
        return pack.fill("benefits.amount", yuan=result.monthly_yuan)
    return result.amount_note or ""


def _line(result: PolicyResult, pack: LocalePack) -> ResultLine:
    return ResultLine(
        policy=result.policy,
        title=result.name,
        status=pack.text(f"benefits.{result.outcome}"),
        heading=pack.fill(
            "benefits.line.heading",
            status=pack.text(f"benefits.{result.outcome}"),
            policy=result.name,
        ),
        outcome=result.outcome,
        reason=_reason(result, pack),
        amount=_amount(result, pack),
    )


def _brief(results: tuple[PolicyResult, ...], pack: LocalePack) -> tuple[str, ...]:
    brief = []
    for outcome in ("receiving", "applied"):
        names = [r.short_name for r in results if r.outcome == outcome]
        if names:
            brief.append(pack.fill(f"benefits.brief.{outcome}", policies=_joined(names, pack)))
    return tuple(brief)


def _prompt(lines: tuple[ResultLine, ...], pack: LocalePack, *, amounts: bool) -> Said:
    """What entering the results speaks: every listed line with its reason (and its amount
    once 显示金额 was tapped), or that none fit."""
    if not lines:
        return said(pack, "benefits.results.none")
    parts = [said(pack, "benefits.results.line", policy=x.title, status=x.status,
                  reason=f"{x.amount}，{x.reason}" if x.amount and amounts else x.reason)
             for x in lines]  # fmt: skip
    if not amounts and any(x.amount for x in lines):
        parts.append(said(pack, "benefits.results.amounts_hidden"))
    head = said(pack, "benefits.results.head", count=len(lines))  # shown: the lines are below
    return Said(head.shown, " ".join([head.spoken, *(p.spoken for p in parts)]))


def results_view(screening: Screening, pack: LocalePack) -> ResultsView:
    listed = tuple(r for r in screening.results if r.outcome in LISTED)
    lines = tuple(_line(r, pack) for r in listed)
    offices = {r.office.name: r.office for r in listed}
    bring = dict.fromkeys(item for r in listed for item in r.bring)
    return ResultsView(
        lines=lines,
        brief=_brief(screening.results, pack),
        bring=pack.fill("benefits.bring", items=_joined(bring, pack)) if bring else "",
        where=tuple(
            pack.fill("benefits.where", office=o.name, address=o.address, hours=o.hours)
            for o in offices.values()
        ),  # fmt: skip
        prompt=_prompt(lines, pack, amounts=True),
        prompt_hidden=_prompt(lines, pack, amounts=False),
    )


def slip_lines(view: ResultsView, display_name: str, pack: LocalePack) -> tuple[str, ...]:
    """The printed slip: the masked name, each line, what to bring, where; nothing else."""
    lines = [pack.fill("benefits.slip.name", display_name=display_name)]
    lines += [x.heading + (pack.fill("benefits.slip.amount", amount=x.amount) if x.amount else "")
              for x in view.lines]  # fmt: skip
    lines += [*view.brief, *([view.bring] if view.bring else [])]
    lines += [w.replace("\n", " ") for w in view.where]
    lines.append(pack.text("benefits.note"))
    return tuple(lines)


def hint_line(short_name: str | None, pack: LocalePack) -> str:
    """Home's one gentle line for a policy likely from the record ("" = none)."""
    return pack.fill("benefits.hint", policy=short_name) if short_name else ""
