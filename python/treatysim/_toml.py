"""Python dicts as TOML text, for the engine's readers of tournament, sweep and tuning files.

A dict given to tournament(), sweep() or tune() has the keys of the file; it is written as TOML
and read by the same parser as a file, so its checks and messages are the file's. Values: str,
bool, int, float, lists, dicts (nested tables; a list of dicts at the top of a table becomes an
array of tables, ``[[competitors]]``).
"""

from __future__ import annotations

import json
import math


def _key(key):
    key = str(key)
    if key and all(c.isalnum() or c in "_-" for c in key) and key.isascii():
        return key
    return json.dumps(key, ensure_ascii=False)


def _value(value, where):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        # JSON's escapes are a subset of TOML's basic-string escapes.
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(v, f"{where}[{i}]") for i, v in enumerate(value)) + "]"
    if isinstance(value, dict):
        items = ", ".join(f"{_key(k)} = {_value(v, f'{where}.{k}')}" for k, v in value.items())
        return "{" + items + "}"
    if hasattr(value, "item"):  # numpy scalars
        return _value(value.item(), where)
    raise TypeError(f"{where}: cannot be written as TOML: {value!r}")


def _is_table_array(value):
    return isinstance(value, (list, tuple)) and value and all(isinstance(v, dict) for v in value)


def _table(lines, path, table):
    plain = [(k, v) for k, v in table.items() if not isinstance(v, dict) and not _is_table_array(v)]
    nested = [(k, v) for k, v in table.items() if isinstance(v, dict)]
    arrays = [(k, v) for k, v in table.items() if _is_table_array(v)]
    for key, value in plain:
        if value is None:
            continue
        lines.append(f"{_key(key)} = {_value(value, '.'.join(path + [str(key)]))}")
    for key, value in nested:
        lines.append("")
        lines.append("[" + ".".join(_key(p) for p in path + [key]) + "]")
        _table(lines, path + [key], value)
    for key, value in arrays:
        for item in value:
            lines.append("")
            lines.append("[[" + ".".join(_key(p) for p in path + [key]) + "]]")
            _table(lines, path + [key], item)


def dumps(document: dict) -> str:
    """TOML text for a dict (None values are left out, as an absent key)."""
    lines: list[str] = []
    _table(lines, [], document)
    return "\n".join(lines).lstrip("\n") + "\n"
