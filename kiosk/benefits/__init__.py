"""我能享受哪些补贴？ (issue 16): questions, results, the slip, home's gentle line."""
