"""The hotline's desk for requests left at a kiosk (issue 15): calls placed on a callback or
reschedule request, and who closed it with which outcome.

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Batch mode: SQLite cannot add a foreign key to a table in place (it copies the table).
    with op.batch_alter_table("ops_deferred_requests") as table:
        table.add_column(sa.Column("calls", sa.Integer(), server_default="0", nullable=False))
        table.add_column(sa.Column("last_call_at", sa.DateTime(), nullable=True))
        table.add_column(sa.Column("last_call_by", sa.Integer(), nullable=True))
        table.add_column(sa.Column("outcome", sa.String(length=12), nullable=True))
        table.add_column(sa.Column("handled_at", sa.DateTime(), nullable=True))
        table.add_column(sa.Column("handled_by", sa.Integer(), nullable=True))
        table.create_foreign_key(
            "fk_ops_deferred_requests_last_call_by", "staff_accounts", ["last_call_by"], ["id"]
        )
        table.create_foreign_key(
            "fk_ops_deferred_requests_handled_by", "staff_accounts", ["handled_by"], ["id"]
        )
        table.create_index("ix_ops_deferred_requests_handled_at", ["handled_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("ops_deferred_requests") as table:
        table.drop_index("ix_ops_deferred_requests_handled_at")
        table.drop_constraint("fk_ops_deferred_requests_handled_by", type_="foreignkey")
        table.drop_constraint("fk_ops_deferred_requests_last_call_by", type_="foreignkey")
        for column in ("handled_by", "handled_at", "outcome", "last_call_by", "last_call_at",
                       "calls"):  # fmt: skip
            table.drop_column(column)
