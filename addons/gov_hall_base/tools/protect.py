"""Protected fields: values that only a named action may write.

A named action checks the caller (group, the record's state, ownership) and then writes inside
``granted(...)``. The permission is a :mod:`contextvars` value: it lives in this Python thread for the
duration of the ``with`` block only. Nothing a client sends (context keys, RPC arguments, superuser mode
through ``sudo()``) can set it, so an RPC ``write``/``create`` of a protected field is refused whoever
calls it, while the action's own ``sudo()`` writes go through.
"""
import contextvars
import functools
from contextlib import contextmanager

_GRANTED = contextvars.ContextVar("gov_hall_granted_models", default=frozenset())


def _names(models):
    return frozenset(m if isinstance(m, str) else m._name for m in models)


@contextmanager
def granted(*models):
    """Allow writes of the protected fields of ``models`` (records or model names) inside the block."""
    token = _GRANTED.set(_GRANTED.get() | _names(models))
    try:
        yield
    finally:
        _GRANTED.reset(token)


def is_granted(model_name):
    return model_name in _GRANTED.get()


def protected_action(*extra_models):
    """Decorator for a named action (or a server-side job such as a cron): its body may write the
    protected fields of its own model and of ``extra_models``. The body must check the caller first."""
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            with granted(self._name, *extra_models):
                return method(self, *args, **kwargs)
        return wrapper
    return decorate
