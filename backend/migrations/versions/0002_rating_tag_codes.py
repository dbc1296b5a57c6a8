"""Rating tags are stored as codes (on_time, …), no longer as the Chinese words the kiosk sent.

Words of the five known tags become their codes; any other word (the old API took free text)
is kept as it was, so nothing a senior said is lost.

Revision ID: 0002
Revises: 0001
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Frozen here: a migration must not change when backend.codes does.
WORD_TO_CODE = {
    "准时": "on_time",
    "态度好": "kind",
    "手艺好": "skilled",
    "干净整洁": "tidy",
    "等待时间长": "late",
}


def upgrade() -> None:
    conn = op.get_bind()
    orders = sa.table("orders", sa.column("id", sa.Integer), sa.column("rating_tags", sa.JSON))
    rated = conn.execute(sa.select(orders.c.id, orders.c.rating_tags)).all()
    for order_id, tags in rated:
        if isinstance(tags, str):  # a driver that hands JSON back as text
            tags = json.loads(tags)
        if not tags:
            continue
        codes = [WORD_TO_CODE.get(tag, tag) for tag in tags]
        if codes != tags:
            conn.execute(orders.update().where(orders.c.id == order_id).values(rating_tags=codes))
