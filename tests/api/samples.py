"""Well-formed response bodies exactly as docs/api.md describes them (fictional data)."""

from __future__ import annotations

import copy

_CL = {"code": "pending_dispatch", "label": "待派单"}

CITIZEN = {
    "display_name": "张*华",
    "masked_id": "3301**********123X",
    "masked_phone": "138****5678",
    "address_masked": "西湖区文三路**号*幢*单元",
    "tags": [{"code": "dibao", "label": "低保"}],
}

IDENTIFICATION = {
    "session_token": "sess-abc",
    "expires_at": "2026-12-02T09:15:00+08:00",
    "citizen": CITIZEN,
}

APPLICATION_SUMMARY = {
    "number": "MZ2026110300012",
    "type": {"code": "dibao", "label": "最低生活保障"},
    "submitted_at": "2026-11-03",
    "stage": {"code": "means_check", "label": "家庭经济状况核查"},
    "stage_entered_at": "2026-11-10",
    "expected_by": "2026-11-24",
    "public_url": "http://127.0.0.1/s/tok",
}

APPLICATION_DETAIL = {
    **APPLICATION_SUMMARY,
    "history": [
        {
            "stage": {"code": "submitted", "label": "已提交"},
            "entered_at": "2026-11-03",
            "note": None,
        }
    ],
    "upcoming": [{"stage": {"code": "first_review", "label": "初审"}, "expected_by": "2026-12-01"}],
    "missing_materials": [
        {
            "item": "户口本",
            "reason": "核对家庭成员",
            "where": "社区服务中心",
            "due_date": "2026-11-20",
        }
    ],
    "decision": None,
    "monthly_amount_fen": None,
    "payments": [
        {
            "period": "2026-10",
            "amount_fen": 98000,
            "status": {"code": "paid", "label": "已发放"},
            "paid_at": "2026-10-15",
        }
    ],
}

SERVICE = {
    "code": "meal",
    "name": "助餐",
    "description": "送餐上门",
    "icon": "meal",
    "duration_minutes": 60,
    "price_fen": 1500,
    "subsidy_fen": 700,
    "you_pay_fen": 800,
    "subsidy_reason": {"code": "dibao", "label": "低保"},
}

SLOT = {
    "id": 123,
    "service_code": "meal",
    "provider": {"id": 1, "name": "颐养之家"},
    "start": "2026-12-02T09:00:00+08:00",
    "end": "2026-12-02T10:00:00+08:00",
    "capacity": 4,
    "booked": 1,
    "available": 3,
}

ORDER = {
    "number": "202612020017",
    "service": {"code": "meal", "name": "助餐"},
    "provider": {"id": 1, "name": "颐养之家"},
    "slot": {"id": 123, "start": "2026-12-02T09:00:00+08:00", "end": "2026-12-02T10:00:00+08:00"},
    "status": _CL,
    "booked_by": {"code": "self", "label": "本人"},
    "channel": {"code": "kiosk", "label": "自助终端"},
    "address_masked": "西湖区文三路**号*幢*单元",
    "price_fen": 1500,
    "subsidy_fen": 700,
    "you_pay_fen": 800,
    "created_at": "2026-11-29T10:00:00+08:00",
    "rating": None,
    "actions": ["cancel", "reschedule"],
    "public_url": "http://127.0.0.1/s/tok2",
    "history": [
        {
            "status": _CL,
            "at": "2026-11-29T10:00:00+08:00",
            "actor": {"code": "citizen", "label": "本人"},
            "channel": {"code": "kiosk", "label": "自助终端"},
            "note": None,
        }
    ],
}


def items(*bodies: dict) -> dict:
    return {"items": [copy.deepcopy(b) for b in bodies]}
