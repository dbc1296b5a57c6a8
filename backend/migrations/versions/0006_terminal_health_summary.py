"""A summary hash on each terminal's health row (fleet operations): a heartbeat with the
same summary as the last one is a single UPDATE. Rows already there get an empty summary,
so their next heartbeat counts as a change.

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("ops_terminal_health", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("summary", sa.String(length=64), nullable=False, server_default="")
        )
