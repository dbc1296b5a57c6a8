"""我的预约 (issue 4): a citizen's bookings, one booking, cancel, rate."""
