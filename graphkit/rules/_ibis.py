"""Ibis, imported at its first use.

The rules are Ibis expressions, but an audit whose queries all have plans
(:mod:`graphkit.rules._plans`) builds none: importing Ibis and its DuckDB backend would
be ~0.4 s of a small audit's ~0.8 s. The rules' modules take ``ibis`` from here; the
first attribute read imports the real module.

Examples
--------
>>> ibis.literal(3).type()
Int8(nullable=True)
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["ibis"]


class _Ibis:
    """The ``ibis`` module, imported when an attribute is first read."""

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module("ibis"), name)

    def __repr__(self) -> str:
        return "<ibis, imported at its first use>"


ibis: Any = _Ibis()
