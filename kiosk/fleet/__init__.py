"""Fleet operations on the kiosk side (issue 15): heartbeats, usage events, remote settings
and the offline outbox. No Qt here except in kiosk/fleet/service.py."""
