"""Accounts, sessions and request checks for `rasid serve`.

* Accounts live in the store's ``users`` table (`rasid users add|list|remove`): a name, a role
  (``viewer`` reads when the app is private; ``reviewer`` and ``admin`` also review) and an
  argon2id hash of the password (argon2-cffi), never the password.
* A login gives a session: a random id in a cookie (HttpOnly, SameSite=Strict, Secure over TLS)
  and a CSRF token bound to it. Sessions live in the server's memory: a restart logs everyone out.
* Every state-changing request must carry that token (form field ``csrf`` or header
  ``X-CSRF-Token``) and come from the app's own origin (``Origin``/``Referer``); a Host header
  outside the allow-list is refused (DNS rebinding). Failed logins are rate-limited per client
  and per account name.
"""
from __future__ import annotations

import datetime as dt
import hmac
import secrets
import threading
import time
from dataclasses import dataclass, field

from sqlalchemy import delete, insert, select, update

ROLES = ("viewer", "reviewer", "admin")
WRITERS = ("reviewer", "admin")
MIN_PASSWORD = 8
MAX_PASSWORD = 1024
NAME_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-@")
SESSION_COOKIE = "rasid_session"
LOGIN_COOKIE = "rasid_login"  # a token for the login form itself (login CSRF)
SESSION_TTL = 12 * 3600  # seconds a session lasts without use
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


class AccountError(ValueError):
    pass


def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


def _check_name(name: str) -> str:
    name = (name or "").strip()
    if not name or len(name) > 64 or not set(name) <= NAME_CHARS:
        raise AccountError("a user name is 1-64 characters of letters, digits and . _ - @")
    return name


def add_user(store, name: str, role: str, password: str) -> None:
    """Add an account, or set the role and password of an existing one."""
    from ..store import users

    name = _check_name(name)
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if not password or len(password) < MIN_PASSWORD:
        raise AccountError(f"a password has at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"a password has at most {MAX_PASSWORD} characters")
    h = _hasher().hash(password)
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    with store.engine.begin() as c:
        if c.execute(select(users.c.name).where(users.c.name == name)).first():
            c.execute(update(users).where(users.c.name == name).values(role=role, password_hash=h))
        else:
            c.execute(insert(users).values(name=name, role=role, password_hash=h, created=now))


def remove_user(store, name: str) -> bool:
    from ..store import users

    with store.engine.begin() as c:
        return c.execute(delete(users).where(users.c.name == name)).rowcount > 0


def list_users(store) -> list[dict]:
    from ..store import users

    with store.engine.connect() as c:
        return [dict(r) for r in c.execute(select(users.c.name, users.c.role, users.c.created).order_by(users.c.name)).mappings()]


def user_role(store, name: str) -> str | None:
    """The account's role now (None once removed): checked on every request, so a removal takes effect at once."""
    from ..store import users

    with store.engine.connect() as c:
        row = c.execute(select(users.c.role).where(users.c.name == name)).first()
    return row[0] if row else None


# a hash to verify against when the name is unknown, so a login takes as long either way
_DUMMY: list[str] = []


def verify(store, name: str, password: str) -> str | None:
    """The role of ``name`` when ``password`` is right, else None."""
    from argon2.exceptions import InvalidHashError, VerificationError

    from ..store import users

    if not isinstance(name, str) or not isinstance(password, str) or len(password) > MAX_PASSWORD or len(name) > 64:
        return None
    with store.engine.connect() as c:
        row = c.execute(select(users.c.role, users.c.password_hash).where(users.c.name == name)).first()
    ph = _hasher()
    if row is None:
        if not _DUMMY:
            _DUMMY.append(ph.hash(secrets.token_hex(8)))
        try:
            ph.verify(_DUMMY[0], password)
        except (VerificationError, InvalidHashError):
            pass
        return None
    try:
        ph.verify(row[1], password)
    except (VerificationError, InvalidHashError):
        return None
    return row[0]


@dataclass
class Session:
    user: str
    role: str
    csrf: str
    seen: float = field(default_factory=time.monotonic)


class Sessions:
    """Logged-in sessions, in memory: id -> user, role, CSRF token."""

    def __init__(self, ttl: float = SESSION_TTL):
        self.ttl = ttl
        self._s: dict[str, Session] = {}
        self._lock = threading.Lock()

    def create(self, user: str, role: str) -> tuple[str, Session]:
        sid = secrets.token_urlsafe(32)
        s = Session(user, role, secrets.token_urlsafe(32))
        with self._lock:
            now = time.monotonic()
            for k in [k for k, v in self._s.items() if now - v.seen > self.ttl]:
                del self._s[k]
            self._s[sid] = s
        return sid, s

    def get(self, sid: str | None) -> Session | None:
        if not sid:
            return None
        with self._lock:
            s = self._s.get(sid)
            if s is None:
                return None
            now = time.monotonic()
            if now - s.seen > self.ttl:
                del self._s[sid]
                return None
            s.seen = now
            return s

    def drop(self, sid: str | None) -> None:
        with self._lock:
            self._s.pop(sid or "", None)


class RateLimit:
    """At most ``n`` failures per key within ``window`` seconds; then refused until the window passes."""

    def __init__(self, n: int = 5, window: float = 300.0):
        self.n, self.window = n, window
        self._fails: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> list[float]:
        times = [t for t in self._fails.get(key, []) if now - t < self.window]
        if times:
            self._fails[key] = times
        else:
            self._fails.pop(key, None)
        return times

    def blocked(self, *keys: str) -> float:
        """Seconds to wait before another try (0: go ahead)."""
        now = time.monotonic()
        with self._lock:
            waits = [self.window - (now - ts[0]) for ts in (self._recent(k, now) for k in keys) if len(ts) >= self.n]
        return max(waits, default=0.0)

    def fail(self, *keys: str) -> None:
        now = time.monotonic()
        with self._lock:
            if len(self._fails) > 100_000:  # bounded memory under a flood of names
                self._fails.clear()
            for k in keys:
                self._fails.setdefault(k, []).append(now)

    def clear(self, *keys: str) -> None:
        with self._lock:
            for k in keys:
                self._fails.pop(k, None)


def same_token(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


def host_name(host_header: str) -> str:
    """'example.org:8000' -> 'example.org'; '[::1]:8000' -> '::1' (lower case)."""
    h = (host_header or "").strip().lower()
    if h.startswith("["):
        return h[1:h.find("]")] if "]" in h else h
    if h.count(":") == 1:
        return h.split(":")[0]
    return h


def allowed_hosts(bound: str, extra: list[str] | None = None) -> set[str]:
    """The Host names a request may carry: the bound address, localhost's names and ``--allow-host``'s."""
    hosts = {h.lower() for h in LOCAL_HOSTS}
    if bound not in ("0.0.0.0", "::", ""):
        hosts.add(host_name(bound) if not bound.startswith("[") else bound.strip("[]"))
        hosts.add(bound.lower())
    for h in extra or []:
        hosts.add(host_name(h))
    return hosts


def is_loopback(host: str) -> bool:
    import ipaddress

    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
