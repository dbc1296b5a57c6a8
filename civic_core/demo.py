"""What the kiosk and its embedded demo backend agree on without importing each other."""

# The kiosk starts the demo backend with its terminal token in this environment variable
# (not on the command line, which other local users can read); the backend then makes the
# demo terminal T-0001 answer to it.
DEMO_TERMINAL_TOKEN_ENV = "CIVIC_DEMO_TERMINAL_TOKEN"
