"""Help sessions for the hotline console (issue 13): the kiosk's place name on a session, the
screens a helped kiosk showed, and the worker's call note per session.

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("help_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("place_name", sa.String(length=40), nullable=True))
    op.create_table(
        "help_screen_visits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("help_session_id", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("title", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(["help_session_id"], ["help_sessions.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("help_screen_visits", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_help_screen_visits_help_session_id"), ["help_session_id"], unique=False
        )
    op.create_table(
        "help_notes",
        sa.Column("help_session_id", sa.String(length=32), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("ticket", sa.String(length=30), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["help_session_id"], ["help_sessions.id"]),
        sa.PrimaryKeyConstraint("help_session_id"),
    )


def downgrade() -> None:
    op.drop_table("help_notes")
    with op.batch_alter_table("help_screen_visits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_help_screen_visits_help_session_id"))
    op.drop_table("help_screen_visits")
    with op.batch_alter_table("help_sessions", schema=None) as batch_op:
        batch_op.drop_column("place_name")
