"""Public machine endpoints (12345 hotline, evaluator devices) as ``type='http'`` routes answering JSON.

Odoo's ``jsonrpc`` routes answer an error with its Python traceback; these endpoints are called by machines
outside the center and must not show one. ``@json_endpoint`` below ``@http.route(type="http", csrf=False,
methods=["POST"])`` reads the request body as a JSON object (a JSON-RPC envelope ``{"jsonrpc", "params"}`` is
accepted too: its ``params`` are the body), passes it as ``body`` to the method, and turns a ``JsonError``
into ``{"ok": false, "code", "message"}`` with its 4xx status; any other exception is logged and answered
``500 {"code": "server_error"}`` without detail. Messages read in the center's language.
"""
import functools
import json
import logging

from odoo.http import request

from .lang import center_lang

_logger = logging.getLogger(__name__)


class JsonError(Exception):
    """An error answered to the caller: ``code`` (stable, English), ``message`` (for people), ``status``."""

    def __init__(self, code, message, status=400):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


def json_reply(payload=None, status=200, **values):
    """A JSON answer: ``{"ok": status < 400, "code": "ok", ...}``."""
    body = {"ok": status < 400, "code": "ok" if status < 400 else "error"}
    body.update(payload or {})
    body.update(values)
    return request.make_json_response(body, status=status)


def json_error(code, message, status=400):
    return json_reply({"code": code, "message": message}, status=status)


def read_json_body():
    """The request body as a dict, or a JsonError (400) for anything else."""
    _ = request.env._
    data = request.httprequest.get_data(cache=True)
    try:
        body = json.loads(data or b"null")
    except (ValueError, UnicodeDecodeError):
        raise JsonError("malformed_body", _("The request body is not valid JSON.")) from None
    if isinstance(body, dict) and "jsonrpc" in body and isinstance(body.get("params"), dict):
        body = body["params"]
    if not isinstance(body, dict):
        raise JsonError("malformed_body", _("The request body must be a JSON object."))
    return body


def text_field(body, key, required=True, max_length=None):
    """``body[key]`` as stripped text; JsonError (400) when missing (if required), not text or too long."""
    _ = request.env._
    value = body.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise JsonError("bad_request", _("Field %(field)s is required.", field=key))
        return None
    if not isinstance(value, str):
        raise JsonError("bad_request", _("Field %(field)s must be text.", field=key))
    if max_length and len(value) > max_length:
        raise JsonError("bad_request", _("Field %(field)s is too long (at most %(max)s characters).",
                                         field=key, max=max_length))
    return value.strip()


def json_endpoint(func):
    """Decorator of a machine endpoint ``func(self, body, **kwargs)``; see the module docstring."""
    @functools.wraps(func)
    def wrapper(self, *args, **kwargs):
        try:
            env = request.env
            request.update_env(context=dict(env.context, lang=center_lang(env(su=True))))
            body = read_json_body()
            return func(self, body, *args, **kwargs)
        except JsonError as error:
            # raised before any write, or out of a savepoint: nothing to roll back (and the attempt counted
            # by a throttle stays counted, also in tests where every cursor nests in the test's transaction)
            return json_error(error.code, error.message, error.status)
        except Exception:
            _logger.exception("Public endpoint %s failed", request.httprequest.path)
            request.env.cr.rollback()
            return json_error("server_error", request.env._("The request could not be processed."), 500)
    return wrapper
