"""The kiosk as a terminal's session: systemd notification and watchdog, session units."""
