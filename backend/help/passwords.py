"""Salted slow hashes for staff passwords and volunteer PINs (hashlib.scrypt, no extra package).

Stored as "scrypt$n$r$p$salt_hex$hash_hex" so the cost can be raised later without
invalidating old hashes.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from functools import cache

_N, _R, _P = 2**14, 8, 1  # ≈ 16 MB and tens of milliseconds per check
_DKLEN = 32


def _derive(secret: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        secret.encode("utf-8", "surrogatepass"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        maxmem=2 * 128 * r * n * p,
        dklen=_DKLEN,
    )


def hash_secret(secret: str) -> str:
    salt = secrets.token_bytes(16)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${_derive(secret, salt, _N, _R, _P).hex()}"


def verify_secret(secret: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        derived = _derive(secret, bytes.fromhex(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(derived, bytes.fromhex(digest))


@cache
def dummy_hash() -> str:
    """Checked against when an account does not exist, so a wrong username costs the same
    time as a wrong password (no enumeration by timing)."""
    return hash_secret("no-such-account")
