"""What the kiosk and its embedded demo backend agree on without importing each other: the
demo terminal token's hand-over, and the fictional demo people (the backend seeds them; the
kiosk's simulated card reader and its tour use their cards, IDs and volunteer numbers).

The citizens are obviously fictional: names carry 演/示/例, addresses are in 演示市, ID numbers
use region code 99xxxx (no such province) with valid check characters, and phone numbers
start with 100 (no Chinese mobile number does).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from civic_core.idnumber import check_character

# The kiosk starts the demo backend with its terminal token in this environment variable
# (not on the command line, which other local users can read); the backend then makes the
# demo terminal T-0001 answer to it.
DEMO_TERMINAL_TOKEN_ENV = "CIVIC_DEMO_TERMINAL_TOKEN"


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


@dataclass(frozen=True)
class DemoVolunteer:
    number: str
    pin: str
    name: str


# V-0001 matches the volunteer recorded on the demo orders booked by a volunteer.
DEMO_VOLUNTEERS = (
    DemoVolunteer("V-0001", "246810", "周演志"),
    DemoVolunteer("V-0002", "135790", "钱示愿"),
)
