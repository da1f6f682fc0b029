"""The public module names of graphkit, and where each module lives.

The package is grouped by layer (``network``, ``rules``, ``analysis``, ``adapters``,
``report``, ``cli``); the names users import stay short and stable: ``graphkit.plot`` is
:mod:`graphkit.report.plot`, ``graphkit.store`` is :mod:`graphkit.adapters.store`, and so
on. Each name below is the *same module object* as its home (so ``monkeypatch`` and
``isinstance`` work either way); it is imported on first use only, never at
``import graphkit``.

Examples
--------
>>> import graphkit.store, graphkit.adapters.store
>>> graphkit.store is graphkit.adapters.store
True
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any

__all__ = ["ALIASES", "install", "lazy_names"]

#: Public (and former) module name under ``graphkit.`` -> its home under ``graphkit.``.
ALIASES: dict[str, str] = {
    # the network and its reading
    "dataset": "network.dataset", "io": "network.io", "validation": "network.validation",
    "privacy": "network.privacy",
    # the rules' engines
    "engine": "rules.engine",
    # the analyses
    "coverage": "analysis.coverage", "linkage": "analysis.linkage", "gaps": "analysis.gaps",
    "mechanisms": "analysis.mechanisms", "auditing": "analysis.auditing",
    "planning": "analysis.planning", "comparing": "analysis.comparing",
    "tracking": "analysis.tracking", "worklist": "analysis.worklist",
    "narrowing": "analysis.narrowing", "summarizing": "analysis.summarizing",
    "measuring": "analysis.measuring",
    # the adapters
    "store": "adapters.store", "convert": "adapters.convert", "synth": "adapters.synth",
    # the output layer
    "plot": "report.plot", "viewing": "report.viewing",
    # private modules by their former names (code written against graphkit 0.1)
    "_network": "network._network", "_parse": "network._parse", "_readers": "network._readers",
    "_input": "network._input", "_atomic": "network._atomic", "_frames": "network._frames",
    "_text": "network._text", "_spark": "rules._spark", "_analysis": "analysis._analysis",
    "_placement": "analysis._placement", "_diff_tables": "analysis._diff_tables",
    "_node_areas": "analysis._node_areas", "_places": "analysis._places",
    "_measure_defaults": "analysis._measure_defaults", "_bulk": "adapters._bulk",
    "_uri": "adapters._uri", "_store_defaults": "adapters._store_defaults",
    "_html": "report._html", "_workbook": "report._workbook", "_json": "report._json",
    "_parquet": "report._parquet", "_fonts": "report._fonts",
    "_webfont": "report._webfont", "_console": "cli._console",
}


class _AliasFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds ``graphkit.<alias>[.sub]`` and hands out the module of its home."""

    def find_spec(self, fullname: str, path: object, target: object = None
                  ) -> importlib.machinery.ModuleSpec | None:
        if not fullname.startswith("graphkit."):
            return None
        head, _, rest = fullname[len("graphkit."):].partition(".")
        if head not in ALIASES:
            return None
        home = "graphkit." + ALIASES[head] + (f".{rest}" if rest else "")
        return importlib.util.spec_from_loader(fullname, self, origin=home)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        module = importlib.import_module(str(spec.origin))
        spec.loader_state = module.__spec__  # the import system sets the alias's spec next
        return module

    def exec_module(self, module: ModuleType) -> None:
        """Nothing to run (the home module ran when it was imported): give the module its
        own spec back."""
        alias = module.__spec__
        if alias is not None and alias.loader_state is not None:
            module.__spec__ = alias.loader_state


def install() -> None:
    """Put the alias finder first on :data:`sys.meta_path` (once): it answers only the
    names of :data:`ALIASES`, before a stale copy of a former module could."""
    if not any(isinstance(f, _AliasFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _AliasFinder())


def lazy_names(package: str, homes: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` (PEP 562) for `package`: each name of `homes` is imported
    from its home module (a name relative to `package`, e.g. ``".model"``) when first read
    and kept in the package's namespace; any other name is an :class:`AttributeError`.
    ``import graphkit`` and ``graphkit.report`` give their heavier names this way.

    Examples
    --------
    >>> get = lazy_names("graphkit", {"audit": ".analysis.auditing"})
    >>> get("audit") is importlib.import_module("graphkit.analysis.auditing").audit
    True
    >>> get("no_such_name")
    Traceback (most recent call last):
    AttributeError: module 'graphkit' has no attribute 'no_such_name'
    """

    def __getattr__(name: str) -> Any:
        if name not in homes:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(homes[name], package), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
