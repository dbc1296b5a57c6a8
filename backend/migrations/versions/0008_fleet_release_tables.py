"""Fleet operations, releases (issue 15): the wheels operators publish, which version a
terminal or a site is told to run (kept as the audit log), and what each terminal reports.

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ops_releases",
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("filename", sa.String(length=120), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("wheel", sa.LargeBinary(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["operator_id"], ["ops_operators.id"]),
        sa.PrimaryKeyConstraint("version"),
    )
    op.create_table(
        "ops_release_assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=10), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(["operator_id"], ["ops_operators.id"]),
        sa.ForeignKeyConstraint(["version"], ["ops_releases.version"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_ops_release_assignments_target", "ops_release_assignments", ["target"], unique=False
    )
    op.create_table(
        "ops_release_reports",
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("terminal_id", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("detail", sa.String(length=120), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["assignment_id"], ["ops_release_assignments.id"]),
        sa.ForeignKeyConstraint(["terminal_id"], ["terminals.id"]),
        sa.PrimaryKeyConstraint("assignment_id", "terminal_id"),
    )


def downgrade() -> None:
    op.drop_table("ops_release_reports")
    op.drop_index("ix_ops_release_assignments_target", table_name="ops_release_assignments")
    op.drop_table("ops_release_assignments")
    op.drop_table("ops_releases")
