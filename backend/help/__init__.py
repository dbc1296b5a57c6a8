"""Human help (issue 8): help sessions with screen mirroring and pointing, the staff web
console at /staff, and volunteer accounts. `backend.help.mount.install(app)` wires it in.
"""
