"""GET /metrics: Prometheus text format, behind the metrics bearer token.

The token comes from `serve --metrics-token` or KIOSK_BACKEND_METRICS_TOKEN; without one the
endpoint is off (404). With several workers every process's samples are added up here.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Iterator

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import func, select

from backend.errors import ApiError, not_found
from backend.metrics import MULTIPROC_ENV, OWN_METRICS
from backend.safe_route import SafeRoute

router = APIRouter(route_class=SafeRoute, include_in_schema=False)


class HelpSessionsLive(Collector):
    """Help sessions not yet over, counted in the database at scrape time: the same figure
    whichever worker (or host) answers, where a per-process gauge would count one worker's."""

    def __init__(self, ctx) -> None:
        self.ctx = ctx

    def collect(self) -> Iterator[GaugeMetricFamily]:
        from backend.help.models import HelpSession
        from backend.help.sessions import MAX_SESSION

        since = self.ctx.clock.now() - MAX_SESSION
        with self.ctx.db.session(write=False) as db:
            live = db.scalar(
                select(func.count(HelpSession.id)).where(
                    HelpSession.ended_at.is_(None), HelpSession.created_at > since
                )
            )
        yield GaugeMetricFamily(
            "kiosk_help_sessions_live", "Help sessions open (waiting or joined)", value=live or 0
        )


def _registry(ctx) -> CollectorRegistry:
    """A registry per scrape: every worker's files in multiprocess mode, else this process."""
    registry = CollectorRegistry()
    if os.environ.get(MULTIPROC_ENV):
        multiprocess.MultiProcessCollector(registry)
    else:
        for metric in OWN_METRICS:
            registry.register(metric)
    registry.register(HelpSessionsLive(ctx))
    return registry


def _authorised(request: Request, token: str) -> bool:
    supplied = request.headers.get("authorization", "")
    scheme, _, value = supplied.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(
        value.encode("utf-8", "replace"), token.encode()
    )


@router.get("/metrics")
def metrics(request: Request) -> Response:
    ctx = request.app.state.ctx
    token = ctx.settings.metrics_token
    if not token:
        raise not_found("监控指标")
    if not _authorised(request, token):
        raise ApiError(401, "unauthorized", "需要监控令牌", headers={"WWW-Authenticate": "Bearer"})
    return Response(generate_latest(_registry(ctx)), media_type=CONTENT_TYPE_LATEST)
