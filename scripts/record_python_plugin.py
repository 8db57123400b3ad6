"""pytest plugin for scripts/record-outputs: records the result of every call into the `clir`
Python module while the test suite runs, one line per call, in call order.

Each line is `test id | function | result`, the result written out field by field (NumPy arrays
as lists, result objects by their public attributes, floats with repr) so that two builds that
behave the same give the same file. Exceptions are recorded by type and message. Timing
attributes (names ending in `seconds` or `_s`, or `timings`) are left out.
"""
import functools
import math
import os

import pytest

_current = ["<collection>"]
_lines = []


def _is_timing(name: str) -> bool:
    return name.endswith("seconds") or name.endswith("_s") or name.startswith("timing")


def _describe(value, depth=0):
    if depth > 6:
        return "…"
    try:
        import numpy as np
    except ImportError:  # pragma: no cover
        np = None
    if value is None or isinstance(value, (bool, int, str)):
        return repr(value)
    if isinstance(value, float):
        return "nan" if math.isnan(value) else repr(value)
    if np is not None and isinstance(value, np.ndarray):
        return f"array{value.dtype}{list(value.shape)}" + _describe(value.tolist(), depth + 1)
    if np is not None and isinstance(value, np.generic):
        return _describe(value.item(), depth)
    if isinstance(value, dict):
        items = sorted((k, v) for k, v in value.items() if not (isinstance(k, str) and _is_timing(k)))
        return "{" + ", ".join(f"{k!r}: {_describe(v, depth + 1)}" for k, v in items) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_describe(v, depth + 1) for v in value) + "]"
    if type(value).__module__.startswith("pandas"):
        return f"{type(value).__name__}" + _describe(value.to_dict(), depth + 1)
    names = [n for n in dir(value) if not n.startswith("_") and not _is_timing(n)]
    fields = []
    for n in names:
        try:
            attr = getattr(value, n)
        except Exception as e:  # noqa: BLE001 - a property that raises is part of the behaviour
            fields.append(f"{n}=<{type(e).__name__}>")
            continue
        if callable(attr):
            continue
        fields.append(f"{n}={_describe(attr, depth + 1)}")
    return f"{type(value).__name__}(" + ", ".join(fields) + ")"


def _wrap(name, fn):
    @functools.wraps(fn)
    def recorded(*args, **kwargs):
        try:
            result = fn(*args, **kwargs)
        except Exception as e:
            _lines.append(f"{_current[0]} | {name} | raised {type(e).__name__}: {e}")
            raise
        _lines.append(f"{_current[0]} | {name} | {_describe(result)}")
        return result

    return recorded


def pytest_configure(config):
    import types

    import clir

    for name in dir(clir):
        if name.startswith("_"):
            continue
        fn = getattr(clir, name)
        if isinstance(fn, (types.FunctionType, types.BuiltinFunctionType)) or type(fn).__name__ == "builtin_function_or_method":
            setattr(clir, name, _wrap(name, fn))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    _current[0] = item.nodeid
    yield
    _current[0] = "<between tests>"


def pytest_unconfigure(config):
    path = os.environ.get("CLIR_RECORD_FILE")
    if path:
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(_lines) + "\n")
