"""Identification (ID number 6-8-4 → phone last 4 → 您是…吗？, or the card reader)."""
