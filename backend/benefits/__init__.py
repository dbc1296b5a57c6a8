"""我能享受哪些补贴？ — the benefits finder (issue 16): rules as data, a generic evaluator,
the household profile built from the record, kiosk and staff routes. See docs/benefits.md."""
