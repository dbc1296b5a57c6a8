"""The frame every screen shares: navigator, network, session, i18n, idle, preferences, voice, operator."""
