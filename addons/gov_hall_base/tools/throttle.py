"""Per-client throttling of the public endpoints (track pages, complaint form, hotline, evaluator devices).

A ``Throttle`` names one route family (its ``key``) with a default limit: ``limit`` attempts per fixed window
of ``minutes`` minutes and client. The administrator overrides it with the system parameter
``gov_hall_base.throttle.<key>`` = ``"N/M"`` (N attempts per M minutes; ``0/M`` switches the throttle off).

Attempts are counted in ``gov_hall_throttle`` through a cursor of their own, committed at once: a request
that fails afterwards (an exception, a rolled back transaction) still counts. (In tests every cursor nests in
the test's transaction: there a count survives only when the request is not rolled back, so the routes answer
their failures with a response rather than an exception.)

The client is the direct peer of the server (``REMOTE_ADDR`` as the socket gave it). Only when Odoo runs with
``proxy_mode`` AND that peer is one of the trusted proxies (system parameter ``gov_hall_base.trusted_proxies``,
addresses or networks separated by commas, default ``127.0.0.1,::1``: a reverse proxy on the same host) is the
client read from ``X-Forwarded-For``: the right-most address that is not itself a trusted proxy. With
``proxy_mode`` Odoo's ProxyFix rewrites ``REMOTE_ADDR`` from ``X-Forwarded-For`` for ANY peer as soon as an
``X-Forwarded-Host`` header is sent; the peer is therefore read from ``werkzeug.proxy_fix.orig``.

Usage in a controller::

    TRACK = Throttle("gov_hall_track", limit=10, minutes=15)

    @http.route(...)
    @TRACK.guard(reply="html", count="failures")   # refuse once over the limit; count() on each failure
    def track(self, ...):
        ...
        TRACK.count()

    @http.route(...)
    @SUBMIT.guard(reply="json")                     # count="all": every request counts
    def submit(self, ...):
"""
import datetime
import functools
import hashlib
import hmac
import ipaddress
import logging
import math
import time

from odoo.http import request
from odoo.tools import config

_logger = logging.getLogger(__name__)

DEFAULT_TRUSTED_PROXIES = "127.0.0.1,::1"
PARAM_TRUSTED_PROXIES = "gov_hall_base.trusted_proxies"
PARAM_PREFIX = "gov_hall_base.throttle."


def _networks(value):
    nets = []
    for part in (value or "").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            nets.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            _logger.warning("Ignoring the invalid trusted proxy address %r", part)
    return nets


def _is_in(address, nets):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in nets)


def trusted_proxies(env):
    """The networks of the trusted reverse proxies (system parameter, default the local host)."""
    return _networks(env["ir.config_parameter"].sudo().get_param(PARAM_TRUSTED_PROXIES, DEFAULT_TRUSTED_PROXIES))


def client_address(httprequest=None, env=None):
    """The address of the client of the current request, as described in the module's docstring."""
    httprequest = httprequest or request.httprequest
    env = env if env is not None else request.env
    environ = httprequest.environ
    peer = (environ.get("werkzeug.proxy_fix.orig") or {}).get("REMOTE_ADDR") or environ.get("REMOTE_ADDR") or ""
    if not config["proxy_mode"]:
        return peer
    nets = trusted_proxies(env)
    if not _is_in(peer, nets):
        return peer
    forwarded = [a.strip() for a in (environ.get("HTTP_X_FORWARDED_FOR") or "").split(",") if a.strip()]
    for address in reversed(forwarded):
        if not _is_in(address, nets):
            try:
                return str(ipaddress.ip_address(address))
            except ValueError:
                return address[:64]
    return forwarded[0][:64] if forwarded else peer


class Throttle:
    """A named attempt counter per client and fixed time window, with its refusal (HTTP 429)."""

    def __init__(self, key, limit=10, minutes=15):
        self.key = key
        self.default_limit = limit
        self.default_minutes = minutes

    # -- settings --------------------------------------------------------------------------------------
    def settings(self, env=None):
        """(limit, minutes) from the system parameter ``gov_hall_base.throttle.<key>``, else the defaults."""
        env = env if env is not None else request.env
        value = env["ir.config_parameter"].sudo().get_param(PARAM_PREFIX + self.key)
        limit, minutes = self.default_limit, self.default_minutes
        if value:
            try:
                n, _sep, m = value.partition("/")
                limit, minutes = int(n), int(m or minutes)
            except ValueError:
                _logger.warning("Ignoring the invalid throttle setting %s=%r", PARAM_PREFIX + self.key, value)
        return max(limit, 0), max(minutes, 1)

    # -- counting --------------------------------------------------------------------------------------
    def _window(self, minutes):
        seconds = minutes * 60
        start = int(time.time()) // seconds * seconds
        return datetime.datetime.fromtimestamp(start, datetime.UTC).replace(tzinfo=None), start + seconds

    def _client_hash(self, env):
        secret = env["ir.config_parameter"].sudo().get_param("database.secret", "")
        return hmac.new(secret.encode(), client_address(env=env).encode(), hashlib.sha256).hexdigest()

    def count(self):
        """Count one attempt of the current client, committed at once in a transaction of its own; return
        the number of attempts in the current window, this one included."""
        env = request.env
        limit, minutes = self.settings(env)
        window, _end = self._window(minutes)
        client = self._client_hash(env)
        with env.registry.cursor() as cr:
            cr.execute("""
                INSERT INTO gov_hall_throttle (key, client_hash, window_start, count) VALUES (%s, %s, %s, 1)
                ON CONFLICT (key, client_hash, window_start) DO UPDATE SET count = gov_hall_throttle.count + 1
                RETURNING count""", [self.key, client, window])
            return cr.fetchone()[0]

    def attempts(self):
        """The attempts of the current client in the current window."""
        env = request.env
        _limit, minutes = self.settings(env)
        window, _end = self._window(minutes)
        env.cr.execute("SELECT count FROM gov_hall_throttle WHERE key = %s AND client_hash = %s "
                       "AND window_start = %s", [self.key, self._client_hash(env), window])
        row = env.cr.fetchone()
        return row[0] if row else 0

    def blocked(self):
        """Whether the current client has used up its attempts in the current window."""
        limit, _minutes = self.settings()
        return bool(limit) and self.attempts() >= limit

    # -- refusal ---------------------------------------------------------------------------------------
    def retry_after(self):
        _limit, minutes = self.settings()
        _window, end = self._window(minutes)
        return max(int(math.ceil(end - time.time())), 1)

    def refusal(self, reply="html"):
        """The 429 answer: a page for website routes, ``{code, message}`` JSON for machine routes."""
        from .lang import center_lang  # noqa: PLC0415 (tools/__init__ imports this module first)

        env = request.env
        headers = [("Retry-After", str(self.retry_after()))]
        _logger.info("Throttled %s for %s", self.key, client_address())
        if reply == "json":
            env = env(context=dict(env.context, lang=center_lang(env(su=True))))
            message = env._("Too many attempts from your address. Please wait %(minutes)s minutes and try "
                            "again.", minutes=math.ceil(self.retry_after() / 60))
            return request.make_json_response({"code": "too_many_attempts", "message": message},
                                              status=429, headers=headers)
        message = env._("Too many attempts from your address. Please wait %(minutes)s minutes and try again.",
                        minutes=math.ceil(self.retry_after() / 60))
        response = request.render("gov_hall_base.throttled_page", {"message": message}, status=429,
                                  headers=headers)
        return response

    def guard(self, reply="html", count="all"):
        """Decorator of a controller method (put it below ``@http.route``): ``count="all"`` counts every
        request and refuses the one over the limit; ``count="failures"`` only refuses once the limit is
        used up, the method calls ``count()`` on each failed attempt (a wrong code, a bad token)."""
        def decorator(func):
            @functools.wraps(func)
            def wrapper(*args, **kwargs):
                limit, _minutes = self.settings()
                if limit:
                    if count == "all":
                        if self.count() > limit:
                            return self.refusal(reply)
                    elif self.attempts() >= limit:
                        return self.refusal(reply)
                return func(*args, **kwargs)
            return wrapper
        return decorator
