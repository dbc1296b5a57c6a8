"""The kiosk's fleet parts without a backend: CUPS states, remote settings checked by the
config parser and kept across a restart, usage batches resent under the same id."""

from __future__ import annotations

import dataclasses
import json

import pytest

from kiosk.config import KioskConfig
from kiosk.fleet import heartbeat, probes
from kiosk.fleet.remote import RemoteSettings
from kiosk.fleet.usage import UsageRecorder, task_of

CUPS = "printer receipt is idle.  enabled since Mon 30 Nov 2026\n\tAlerts: {}\n"


@pytest.mark.parametrize(
    "alerts, expected",
    [
        ("none", {"state": "ok"}),
        ("media-empty-error", {"state": "paper_out", "code": "media-empty"}),
        ("media-needed", {"state": "paper_out", "code": "media-needed"}),
        ("media-jam-error", {"state": "jam", "code": "media-jam"}),
        ("offline-report", {"state": "offline", "code": "offline"}),
    ],
)
def test_cups_printer_states(alerts, expected):
    report = CUPS.format(alerts)
    assert probes.printer_state(KioskConfig(), lambda _args: report) == expected


def test_no_cups_printer_is_missing():
    state = probes.printer_state(KioskConfig(), lambda _args: "")
    assert state == {"state": "missing", "code": "no-cups-printer"}


def test_error_codes_keep_codes_only():
    codes = heartbeat.ErrorCodes(keep=3)
    for code in ("offline", "timeout", "人名", "id_110105194912310021", "offline", "printer"):
        codes.add(code)
    assert codes.recent() == ["timeout", "offline", "printer"]


def test_config_hash_leaves_the_token_out_and_follows_settings():
    base = KioskConfig()
    other_token = dataclasses.replace(base, backend=dataclasses.replace(base.backend,
                                                                      terminal_token="x"))  # fmt: skip
    louder = dataclasses.replace(base, speech=dataclasses.replace(base.speech, volume_step=5))
    assert heartbeat.config_hash(base) == heartbeat.config_hash(other_token)
    assert heartbeat.config_hash(base) != heartbeat.config_hash(louder)


def test_remote_settings_refuse_by_the_config_parser_and_persist(tmp_path):
    path = tmp_path / "remote.json"
    remote = RemoteSettings(path, KioskConfig())
    assert remote.offer(1, {"speech.rate": "very fast"}) == (
        "speech.rate: 'very fast' is not one of slow, medium, fast"
    )
    assert remote.offer(2, {"backend.url": "http://elsewhere"}) == (
        "backend.url: not a remote setting"
    )
    assert remote.offer(3, {"idle.countdown_s": 45}) is None
    applied = []
    outcome = remote.apply_pending(applied.append, lambda _config: {"speech": True})
    assert outcome.status == "applied" and applied[-1].idle.countdown_s == 45
    assert json.loads(path.read_text()) == {"idle.countdown_s": 45}
    assert RemoteSettings(path, KioskConfig()).config.idle.countdown_s == 45  # after a restart


def test_a_broken_remote_file_is_ignored(tmp_path):
    path = tmp_path / "remote.json"
    path.write_text('{"speech.volume_step": 99}')
    assert RemoteSettings(path, KioskConfig()).config.speech.volume_step == 3


def test_a_batch_not_confirmed_is_sent_again_under_the_same_id():
    usage = UsageRecorder()
    usage.screen("home")  # waiting at home is no visit
    assert usage.take() is None and not usage.in_visit
    usage.screen("identify", task_of("identify", "booking"))
    first = usage.take()
    assert [e["kind"] for e in first[1]] == ["screen", "dwell", "screen"]
    assert first[1][2]["task"] == "booking"
    assert usage.take() == first  # not confirmed: the same batch, the same id
    usage.confirm(first[0])
    usage.visit_ended(idle_wipe=True)
    second = usage.take()
    assert second[0] != first[0]
    assert [e["kind"] for e in second[1]] == ["dwell", "idle_wipe"]
    assert not usage.in_visit


def test_outbox_keeps_entries_while_offline_and_purges_after_24_hours(tmp_path):
    import datetime as dt
    import stat

    from kiosk.api import errors
    from kiosk.fleet.outbox import Outbox, load_key

    key = load_key(tmp_path / "keys" / "outbox.key")
    assert stat.S_IMODE((tmp_path / "keys" / "outbox.key").stat().st_mode) == 0o600
    clock = [dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))]
    box = Outbox(tmp_path / "outbox.bin", key, now=lambda: clock[0])
    box.add("callback", "grant-token-abcdefghijklmnop", {})
    clock[0] += dt.timedelta(hours=23)
    box.add("rating", "grant-token-abcdefghijklmnop", {"number": "A1", "score": 4, "tags": []})

    def offline(_entry):
        raise errors.Offline("offline")

    assert box.replay(offline) == 0 and box.depth() == 2  # nothing lost while offline
    clock[0] += dt.timedelta(hours=2)  # the first is now 25 h old
    sent = []
    assert box.replay(sent.append) == 1 and [e["kind"] for e in sent] == ["rating"]
    assert Outbox(tmp_path / "outbox.bin", key).depth() == 0  # persisted
    box.add("callback", "grant-token-abcdefghijklmnop", {})
    assert Outbox(tmp_path / "outbox.bin", key).depth() == 1
    assert Outbox(tmp_path / "outbox.bin", load_key(tmp_path / "other.key")).depth() == 0


def test_voice_off_is_a_remote_setting_checked_and_rolled_back(tmp_path):
    """speech.enabled: the parser refuses a non-boolean; turning voice on where the speech
    check then fails (no espeak-ng, say) is put back."""
    remote = RemoteSettings(tmp_path / "remote.json", KioskConfig())
    assert (
        remote.offer(1, {"speech.enabled": "no"})
        == "speech.enabled: expected true or false, got 'no'"
    )
    assert remote.offer(2, {"speech.enabled": False}) is None
    applied = []
    outcome = remote.apply_pending(applied.append, lambda _config: {"speech": True})
    assert outcome.status == "applied" and applied[-1].speech.enabled is False
    assert remote.offer(3, {"speech.enabled": True}) is None
    outcome = remote.apply_pending(applied.append, lambda c: {"speech": not c.speech.enabled})
    assert outcome.status == "rolled_back" and "speech" in outcome.detail
    assert applied[-1].speech.enabled is False and remote.config.speech.enabled is False
