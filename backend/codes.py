"""Every enum the API exposes, as code -> Chinese label.

The kiosk shows the label and never hard-codes these names, so adding a code here is
enough for a new state to appear on screen.
"""

from __future__ import annotations

APPLICATION_TYPES = {
    "dibao": "最低生活保障",
    "tekun": "特困人员救助供养",
    "temp_relief": "临时救助",
    "longevity": "高龄津贴",
    "care_subsidy": "养老服务补贴",
    "disability": "残疾人两项补贴",
}

STAGES = {
    "submitted": "已提交",
    "accepted": "已受理",
    "needs_materials": "待补正",
    "rejected_intake": "不予受理",
    "means_check": "家庭经济状况核查",
    "first_review": "初审",
    "publicity": "公示",
    "final_review": "审核确认",
    "approved": "已确认",
    "denied": "不予确认",
    "payment_pending": "待发放",
    "paid": "已发放",
    "advance_relief": "先行救助",
}

DECISIONS = {"approved": "已确认", "denied": "不予确认", "rejected_intake": "不予受理"}

PAYMENT_STATUSES = {"pending": "待发放", "paid": "已发放"}

CITIZEN_TAGS = {
    "dibao": "低保",
    "tekun": "特困",
    "disabled_moderate": "中度以上失能",
    "aged_80": "高龄（80周岁以上）",
}

ORDER_STATUSES = {
    "pending_dispatch": "待派单",
    "dispatched": "已派单",
    "accepted": "已接单",
    "in_service": "服务中",
    "completed": "已完成（待评价）",
    "cancelled": "已取消",
    "no_show": "未履约",
}

# The label of a completed order once it has been rated.
COMPLETED_RATED_LABEL = "已完成"

ACTORS = {
    "citizen": "本人",
    "volunteer": "志愿者代办",
    "staff": "工作人员",
    "provider": "服务机构",
}

CHANNELS = {"kiosk": "自助终端", "window": "服务窗口", "app": "手机应用", "hotline": "服务热线"}

BOOKED_BY = {"self": "本人", "volunteer": "志愿者代办", "staff": "工作人员代办"}

RATING_SCORES = {5: "非常满意", 4: "满意", 3: "一般", 2: "不满意", 1: "非常不满意"}

# What a senior may add to a rating (sent and stored as codes; the kiosk words them itself).
RATING_TAGS = {
    "on_time": "准时",
    "kind": "态度好",
    "skilled": "手艺好",
    "tidy": "干净整洁",
    "late": "等待时间长",
}

# What the citizen may do with an order now; the kiosk offers exactly these.
ORDER_ACTIONS = {"cancel": "取消预约", "reschedule": "改约", "rate": "评价"}


def code_label(table: dict, code) -> dict:
    """{code, label}; an unknown code keeps its code as label rather than failing."""
    return {"code": code, "label": table.get(code, str(code))}
