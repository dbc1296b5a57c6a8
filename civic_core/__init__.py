"""Code both the kiosk and the reference backend need: plain Python, neither Qt nor FastAPI."""
