"""Demo data: fictional citizens, terminals, providers, services, slots, applications, orders.

Everything is deterministic for a given `today` except the unguessable public-page tokens.
The citizens are obviously fictional: names carry 演/示/例, addresses are in 演示市, ID numbers
use region code 99xxxx (no such province) with valid check characters, and phone numbers
start with 100 (no Chinese mobile number does).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend import schema
from backend.auth import token_hash
from backend.benefits.demo import seed_benefits
from backend.db import Database
from backend.help.demo import seed_help
from backend.models import (
    Application,
    Citizen,
    Meta,
    MissingMaterial,
    Order,
    Payment,
    Provider,
    Service,
    Slot,
    StageEvent,
    Terminal,
)
from backend.ops.demo import seed_ops
from backend.services.orders import add_event, new_order
from backend.stage_rules import StageRules, load_rules
from civic_core.idnumber import check_character

# Demo only: these tokens are public, a real deployment registers its own terminals.
DEMO_TERMINAL_TOKEN = "demo-terminal-0001-public-not-secret"
DEMO_OTHER_TERMINAL_TOKEN = "demo-terminal-0002-public-not-secret"
DEMO_TERMINALS = (
    ("T-0001", "演示终端一号", "演示市幸福区示范社区服务中心", DEMO_TERMINAL_TOKEN),
    ("T-0002", "演示终端二号", "演示市幸福区样例街道服务站", DEMO_OTHER_TERMINAL_TOKEN),
)


@dataclass(frozen=True)
class DemoCitizen:
    id_number: str
    phone: str
    name: str
    card_payload: str
    tags: tuple[str, ...]
    address: str

    @property
    def phone_last4(self) -> str:
        return self.phone[-4:]


_NAMES = (
    "张演华",
    "李示明",
    "王例芳",
    "刘演军",
    "陈示英",
    "杨例强",
    "赵演兰",
    "黄示平",
    "周例霞",
    "吴演国",
    "徐示珍",
    "孙例德",
    "胡演秀",
    "朱示林",
    "高例梅",
    "林演生",
    "何示凤",
    "郭例华",
    "马演荣",
    "罗示云",
    "梁例桂",
    "宋演福",
    "郑示玉",
    "谢例山",
    "韩演英",
    "唐示海",
    "冯例莲",
    "于演成",
    "董示琴",
    "萧例文",
    "程演华",
    "曹示春",
)
# Citizen 0 is the main demo persona: 低保, with applications and orders in several states.
_TAGS = (("dibao",), ("tekun",), ("disabled_moderate",), ("aged_80",), (), ("dibao", "aged_80"))


def _id_number(index: int, aged_80: bool) -> str:
    region = f"9901{index % 6 + 1:02d}"
    # Everyone is 60 or older; those tagged 高龄 are born before 1946.
    year = 1936 + index % 10 if aged_80 else 1946 + (index * 7) % 20
    birth = dt.date(year, index % 12 + 1, (index * 3) % 28 + 1)
    first17 = f"{region}{birth:%Y%m%d}{(index * 37) % 1000:03d}"
    if index == 3:  # make sure one demo ID ends in X (the keypad's X key must be exercised)
        seq = next(
            s for s in range(1000) if check_character(f"{region}{birth:%Y%m%d}{s:03d}") == "X"
        )
        first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
    return first17 + check_character(first17)


def _citizen(index: int) -> DemoCitizen:
    tags = _TAGS[index % len(_TAGS)]
    id_number = _id_number(index, "aged_80" in tags)
    return DemoCitizen(
        id_number=id_number,
        phone=f"100{index:04d}{(5678 + index * 1111) % 10000:04d}",
        name=_NAMES[index],
        card_payload="DEMO-CARD-" + hashlib.sha256(id_number.encode()).hexdigest()[:16].upper(),
        tags=tags,
        address=f"演示市幸福区示范路{10 + index}号{1 + index % 5}幢{1 + index % 3}单元{101 + index}室",
    )


DEMO_CITIZENS: list[DemoCitizen] = [_citizen(i) for i in range(len(_NAMES))]

PROVIDERS = (
    (1, "幸福里居家养老服务中心（演示）"),
    (2, "安康护理站（演示）"),
    (3, "邻里帮家政服务社（演示）"),
    (4, "仁心康复中心（演示）"),
)

# code, name, description, icon, minutes, price (fen), subsidised, provider ids
SERVICES = (
    ("meal", "助餐", "送餐上门，一荤两素一汤", "meal", 60, 1500, True, (1, 3)),
    ("cleaning", "助洁", "打扫房间、清洗衣物", "cleaning", 120, 5000, True, (3,)),
    ("bathing", "助浴", "护理员上门协助洗澡", "bathing", 90, 6000, True, (1, 2)),
    ("medical", "助医", "上门量血压、测血糖、代配药", "medical", 60, 4000, True, (2,)),
    ("rehab", "康复护理", "康复师上门做康复训练", "rehab", 60, 8000, True, (4, 2)),
    ("companionship", "精神慰藉", "上门陪伴聊天、读书读报", "companionship", 60, 3000, True, (1,)),
    ("errands", "代购代办", "代买日用品、代缴水电费", "errands", 60, 2000, False, (3,)),
    ("escort", "助行陪诊", "陪同去医院看病、外出散步", "escort", 180, 6000, True, (4,)),
    ("haircut", "上门理发", "理发、修面", "haircut", 45, 2000, True, (1,)),
)
SEEDED_FOR_KEY = "demo_seeded_for"
SLOT_HOURS = (9, 14)
SLOT_DAYS = 14

_MONTHLY_FEN = {
    "dibao": 105000,
    "tekun": 135000,
    "temp_relief": None,
    "longevity": 20000,
    "care_subsidy": 30000,
    "disability": 15000,
}
_ONE_OFF_FEN = {"temp_relief": 200000}
_WINDOW = "示范社区服务中心一号窗口（周一至周五 9:00–17:00）"
_MISSING = {
    "dibao": [
        ("户口簿复印件", "核对共同生活的家庭成员", _WINDOW),
        ("近6个月银行流水", "核查家庭收入", _WINDOW),
    ],
    "tekun": [("无赡养能力证明", "确认没有法定赡养人或赡养人无能力", _WINDOW)],
    "temp_relief": [("医疗费用票据原件", "核定救助金额", _WINDOW)],
    "longevity": [("本人银行卡复印件", "用于发放津贴", _WINDOW)],
    "care_subsidy": [
        ("老年人能力评估报告", "确认失能等级", _WINDOW),
        ("户口簿复印件", "核对户籍", _WINDOW),
    ],
    "disability": [("残疾人证复印件", "确认残疾等级", _WINDOW)],
}
_NOTES = {
    "publicity": "在示范社区公告栏公示",
    "needs_materials": "材料不齐，请按告知补正",
    "rejected_intake": "不符合申请条件",
    "denied": "家庭收入超过标准",
    "advance_relief": "已先行发放救助金",
}


# A demo citizen with no applications and no orders.
DEMO_CITIZEN_WITHOUT_RECORDS = len(DEMO_CITIZENS) - 1


# --- applications -----------------------------------------------------------------------


def _stage_sequence(rules: StageRules, type_code: str, stage: str) -> list[str]:
    path = rules.path(type_code)
    if stage in path:
        return path[: path.index(stage) + 1]
    branch_from = rules.data["branches"][stage]["after"]
    return path[: path.index(branch_from) + 1] + [stage]


def _finished_stage_start(rules: StageRules, type_code: str, stage: str, ended: dt.date) -> dt.date:
    """When a finished stage began in the demo story: calendar-day stages (公示) take their full
    length, working-day stages about half their limit."""
    limit = rules.limit(type_code, stage)
    if "calendar_days" in limit:
        return ended - dt.timedelta(days=limit["calendar_days"])
    return rules.calendar.subtract_working_days(ended, max(1, (limit["working_days"] + 1) // 2))


def _application_dates(
    rules: StageRules, type_code: str, stages: list[str], today: dt.date, k: int
) -> list[dt.date]:
    """Entry date of each stage, walking back from a current stage entered a few days ago."""
    if stages[-1] == "publicity":
        entered = [today - dt.timedelta(days=2 + k % 3)]
    else:
        entered = [rules.calendar.subtract_working_days(today, 1 + k % 3)]
    for stage in reversed(stages[:-1]):
        entered.insert(0, _finished_stage_start(rules, type_code, stage, entered[0]))
    return entered


def _add_application(
    db: Session,
    rules: StageRules,
    citizen_id: int,
    type_code: str,
    stage: str,
    today: dt.date,
    k: int,
) -> None:
    stages = _stage_sequence(rules, type_code, stage)
    dates = _application_dates(rules, type_code, stages, today, k)
    decided = stage in ("approved", "payment_pending", "paid") or (stage == "advance_relief")
    decision = {"denied": "denied", "rejected_intake": "rejected_intake"}.get(
        stage, "approved" if decided else None
    )
    app = Application(
        number=f"MZ{dates[0]:%Y%m%d}{k + 1:05d}",
        citizen_id=citizen_id,
        type_code=type_code,
        submitted_on=dates[0],
        stage_code=stage,
        stage_entered_on=dates[-1],
        decision_code=decision,
        monthly_amount_fen=_MONTHLY_FEN[type_code] if decision == "approved" else None,
        public_token=secrets.token_urlsafe(16),
    )
    app.history = [
        StageEvent(seq=i, stage_code=s, entered_on=d, note=_NOTES.get(s))
        for i, (s, d) in enumerate(zip(stages, dates, strict=True))
    ]
    if stage == "needs_materials":
        due = rules.due(type_code, stage, dates[-1])
        app.missing = [
            MissingMaterial(item=i, reason=r, where=w, due_date=due)
            for i, r, w in _MISSING[type_code]
        ]
    app.payments = _payments(type_code, stage, today)
    db.add(app)


def _payments(type_code: str, stage: str, today: dt.date) -> list[Payment]:
    monthly, one_off = _MONTHLY_FEN[type_code], _ONE_OFF_FEN.get(type_code)
    if stage == "advance_relief" or (one_off and stage == "paid"):
        return [
            Payment(
                period=f"{today:%Y-%m}",
                amount_fen=one_off,
                status_code="paid",
                paid_on=today - dt.timedelta(days=1),
            )
        ]
    if one_off and stage == "payment_pending":
        return [
            Payment(
                period=f"{today:%Y-%m}", amount_fen=one_off, status_code="pending", paid_on=None
            )
        ]
    if stage == "payment_pending":
        return [
            Payment(
                period=f"{today:%Y-%m}", amount_fen=monthly, status_code="pending", paid_on=None
            )
        ]
    if stage == "paid":
        months = [_month_back(today, n) for n in (3, 2, 1)]
        return [
            Payment(
                period=f"{m:%Y-%m}",
                amount_fen=monthly,
                status_code="paid",
                paid_on=m.replace(day=10),
            )
            for m in months
        ]
    return []


def _month_back(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


# Citizen 0's own applications; every other (type, stage) goes round the other citizens.
_PERSONA_APPLICATIONS = {
    ("dibao", "publicity"),
    ("care_subsidy", "needs_materials"),
    ("temp_relief", "paid"),
    ("disability", "first_review"),
}


def _seed_applications(db: Session, citizen_ids: list[int], today: dt.date) -> int:
    rules = load_rules()
    k = 0
    for type_code in rules.data["paths"]:
        for stage in rules.applicable_stages(type_code):
            # The last citizen keeps none, so the kiosk's "no applications" screen has a case.
            owner = (
                0 if (type_code, stage) in _PERSONA_APPLICATIONS else 1 + k % (len(citizen_ids) - 2)
            )
            _add_application(db, rules, citizen_ids[owner], type_code, stage, today, k)
            k += 1
    return k


# --- services, slots, orders ------------------------------------------------------------


def _slot(db: Session, service: tuple, provider_id: int, start: dt.datetime, capacity: int) -> Slot:
    slot = Slot(
        service_code=service[0],
        provider_id=provider_id,
        start=start,
        end=start + dt.timedelta(minutes=service[4]),
        capacity=capacity,
        booked=0,
    )
    db.add(slot)
    return slot


def _seed_catalogue(db: Session, today: dt.date) -> dict[tuple[str, int, int], Slot]:
    """Services and 14 days of slots from today; returns slots by (service, day offset, hour)."""
    db.add_all(Provider(id=pid, name=name) for pid, name in PROVIDERS)
    slots: dict[tuple[str, int, int], Slot] = {}
    for sort, service in enumerate(SERVICES):
        code, name, description, icon, minutes, price, subsidised, provider_ids = service
        db.add(
            Service(
                code=code,
                name=name,
                description=description,
                icon=icon,
                duration_minutes=minutes,
                price_fen=price,
                subsidised=subsidised,
                sort=sort,
            )
        )
        for day in range(SLOT_DAYS):
            for hour in SLOT_HOURS:
                for n, pid in enumerate(provider_ids):
                    capacity = 2 + (sort + day + hour + n) % 3
                    start = dt.datetime.combine(today + dt.timedelta(days=day), dt.time(hour + n))
                    slot = _slot(db, service, pid, start, capacity)
                    slots.setdefault((code, day, hour), slot)
    db.flush()
    return slots


# (citizen, service, day offset, hour, final status, booked_by, channel, rating)
_ORDERS = (
    (0, "meal", 1, 9, "pending_dispatch", "self", "kiosk", None),
    (0, "cleaning", 3, 14, "accepted", "self", "kiosk", None),
    (0, "bathing", -1, 9, "completed", "self", "kiosk", None),
    (0, "medical", -6, 14, "completed", "volunteer", "kiosk", (5, ["on_time", "kind"])),
    (0, "companionship", 2, 9, "cancelled", "self", "kiosk", None),
    (1, "meal", 2, 14, "dispatched", "self", "window", None),
    (1, "rehab", 0, 9, "in_service", "staff", "window", None),
    (2, "escort", -2, 9, "no_show", "self", "app", None),
    (2, "haircut", -3, 14, "completed", "self", "kiosk", None),
    (3, "errands", 4, 9, "pending_dispatch", "volunteer", "kiosk", None),
    (4, "medical", -4, 9, "completed", "self", "window", (3, ["late"])),
    (5, "bathing", 5, 14, "cancelled", "self", "app", None),
)
_STATUS_PATH = ("pending_dispatch", "dispatched", "accepted", "in_service", "completed")
# The day-2 morning meal slot is booked up by other residents, so the kiosk shows 已约满.
_FULL_SLOT = ("meal", 2, 9)


def _order_slot(
    db: Session, slots: dict, service_code: str, day: int, hour: int, today: dt.date
) -> Slot:
    if day >= 0:
        return slots[(service_code, day, hour)]
    service = next(s for s in SERVICES if s[0] == service_code)
    return _slot(
        db,
        service,
        service[7][0],
        dt.datetime.combine(today + dt.timedelta(days=day), dt.time(hour)),
        3,
    )


def _seed_orders(db: Session, citizens: list[Citizen], slots: dict, today: dt.date) -> int:
    count = 0
    for who, service_code, day, hour, final, booked_by, channel, rating in _ORDERS:
        slot = _order_slot(db, slots, service_code, day, hour, today)
        slot.booked += 1
        db.flush()
        created = dt.datetime.combine(today + dt.timedelta(days=min(day, 0) - 3), dt.time(10, 30))
        order = new_order(
            db,
            citizen=citizens[who],
            slot=slot,
            booked_by=booked_by,
            volunteer_id="V-0001" if booked_by == "volunteer" else None,
            channel=channel,
            now=created,
        )
        _walk_to(order, final, created, slot, channel)
        if final in ("cancelled", "no_show"):
            slot.booked -= 1
        if rating:
            order.rating_score, order.rating_tags = rating
        count += 1
    full = slots[_FULL_SLOT]
    for n in range(full.capacity - full.booked):
        created = dt.datetime.combine(today - dt.timedelta(days=1), dt.time(15, n))
        full.booked += 1
        db.flush()
        new_order(
            db,
            citizen=citizens[10 + n],
            slot=full,
            booked_by="staff",
            volunteer_id=None,
            channel="window",
            now=created,
        )
        count += 1
    return count


def _walk_to(order: Order, final: str, created: dt.datetime, slot: Slot, channel: str) -> None:
    """Add the provider's steps: dispatched and accepted soon after booking, the visit itself
    at the slot's time."""
    if final == "cancelled":
        add_event(
            order, "cancelled", created + dt.timedelta(hours=2), "citizen", channel, "临时有事"
        )
        return
    times = {
        "dispatched": created + dt.timedelta(hours=2),
        "accepted": created + dt.timedelta(hours=4),
        "in_service": slot.start,
        "completed": slot.end,
    }
    target = "accepted" if final == "no_show" else final
    for status in _STATUS_PATH[1 : _STATUS_PATH.index(target) + 1]:
        add_event(order, status, times[status], "provider", "app")
    if final == "no_show":
        add_event(
            order,
            "no_show",
            slot.start + dt.timedelta(minutes=30),
            "provider",
            "app",
            "上门时家中无人",
        )


# --- entry points -----------------------------------------------------------------------


def seed(database: Database, today: dt.date) -> dict[str, int]:
    """Replace everything in the database with the demo data for `today`."""
    schema.recreate(database)
    with database.session(write=True) as db:
        for tid, name, site, token in DEMO_TERMINALS:
            db.add(Terminal(id=tid, name=name, site=site, token_hash=token_hash(token)))
        citizens = [
            Citizen(
                id_number=c.id_number,
                name=c.name,
                phone=c.phone,
                address=c.address,
                card_hash=token_hash(c.card_payload),
                tags=list(c.tags),
            )
            for c in DEMO_CITIZENS
        ]
        db.add_all(citizens)
        db.flush()
        applications = _seed_applications(db, [c.id for c in citizens], today)
        slots = _seed_catalogue(db, today)
        orders = _seed_orders(db, citizens, slots, today)
        helpers = seed_help(db)  # staff accounts and volunteers (backend/help/demo.py)
        benefits = seed_benefits(db, citizens, today)  # assessments, a community worker
        helpers |= seed_ops(db)  # the fleet operator (backend/ops/demo.py)
        db.add(Meta(key=SEEDED_FOR_KEY, value=today.isoformat()))
        db.commit()
    return {
        "citizens": len(DEMO_CITIZENS),
        "applications": applications,
        "orders": orders,
        **helpers,
        **benefits,
    }


def use_terminal_token(database: Database, token: str) -> None:
    """Demo terminal T-0001 answers to `token` (the embedded kiosk's own, from its environment)
    instead of the public DEMO_TERMINAL_TOKEN."""
    with database.session(write=True) as db:
        terminal = db.get(Terminal, DEMO_TERMINALS[0][0])
        if terminal is not None:
            terminal.token_hash = token_hash(token)
            db.commit()


def needs_seed(database: Database, today: dt.date) -> bool:
    """Empty, or demo data seeded for another day (its slots would lie in the past). A database
    that was never seeded with demo data is never replaced. Migrates first: the embedded demo
    brings its own database up to date."""
    schema.upgrade(database)
    with database.session(write=False) as db:
        if db.scalar(select(Terminal.id).limit(1)) is None:
            return True
        seeded_for = db.get(Meta, SEEDED_FOR_KEY)
        return seeded_for is not None and seeded_for.value != today.isoformat()
