"""Usage events from the kiosks: batches stored once (a batch sent again is recognised by
its id), each event with its terminal's site and local day for the console's filters."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backend.clock import local_naive
from backend.models import Terminal
from backend.ops.models import EventBatch, UsageEvent
from backend.ops.schemas import EventBatchIn


def ingest(db: Session, terminal: Terminal, batch: EventBatchIn, now: dt.datetime) -> bool:
    """Store the batch; False when this terminal already sent a batch with this id."""
    if db.get(EventBatch, (terminal.id, batch.batch_id)) is not None:
        return False
    db.add(
        EventBatch(
            terminal_id=terminal.id,
            batch_id=batch.batch_id,
            received_at=now,
            count=len(batch.events),
        )
    )
    rows = []
    for event in batch.events:
        at = local_naive(event.at)
        fields = event.model_dump(exclude={"at"})
        rows.append({"terminal_id": terminal.id, "site": terminal.site, "day": at.date(),
                     "at": at, **fields})  # fmt: skip
    try:
        db.flush()  # the batch row first: a duplicate id stops here
        db.execute(insert(UsageEvent), rows)  # one executemany: batches arrive all the time
        db.commit()
    except IntegrityError:  # the same batch raced in on another connection
        db.rollback()
        return False
    return True
