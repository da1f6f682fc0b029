"""The package's layers (README, "Layout"): a module imports only its own layer and the
layers listed before it — at the top of the file or inside a function alike."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import graphkit
from tests.conftest import SIHUI

PACKAGE = Path(graphkit.__file__).resolve().parent

#: The layers in order; a name is a module or folder directly under graphkit/.
LAYERS: list[set[str]] = [
    {"vocab", "errors", "settings", "messages"},
    {"network"},
    {"rules"},
    {"analysis"},
    {"adapters", "report"},
    {"cli"},
]
#: The package's front door and the alias machinery sit above every layer.
ABOVE = {"__init__", "__main__", "_aliases"}
#: Known breaches, each with who removes it (none at present).
KNOWN: set[tuple[str, str]] = set()


def _layer(name: str) -> int | None:
    for i, names in enumerate(LAYERS):
        if name in names:
            return i
    return None


def _home(module: str) -> str:
    """The top-level name under graphkit of a dotted module name (aliases resolved)."""
    head = module.split(".")[0]
    alias = graphkit._aliases.ALIASES.get(head)
    return alias.split(".")[0] if alias else head


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, graphkit module imported) of every import in `path`."""
    package = list(path.relative_to(PACKAGE).parts[:-1])  # the module's own package
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                target = ".".join([*base, node.module] if node.module else base)
                if not target:  # "from . import x" at the top of the package
                    found += [(node.lineno, a.name) for a in node.names]
                    continue
                if node.module is None:
                    found += [(node.lineno, f"{target}.{a.name}") for a in node.names]
                else:
                    found.append((node.lineno, target))
            elif node.module and node.module.split(".")[0] == "graphkit":
                rest = node.module.split(".", 1)[1] if "." in node.module else None
                if rest:
                    found.append((node.lineno, rest))
                else:
                    found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("graphkit."):
                    found.append((node.lineno, a.name.split(".", 1)[1]))
    return found


def test_every_module_has_a_layer() -> None:
    tops = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()
            if (p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").exists()))}
    assert tops - ABOVE <= set().union(*LAYERS), tops - ABOVE - set().union(*LAYERS)


def test_no_module_imports_a_later_layer() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        own = _layer(path.relative_to(PACKAGE).parts[0].removesuffix(".py"))
        if own is None:
            continue
        for line, module in _imports(path):
            other = _layer(_home(module))
            where = str(path.relative_to(PACKAGE))
            if other is not None and other > own and (where, module) not in KNOWN:
                wrong.append(f"{path.relative_to(PACKAGE)}:{line} imports {module}")
    assert not wrong, "\n".join(wrong)


def test_the_check_sees_imports() -> None:
    """The import reader finds relative, absolute and function-local imports."""
    found = {m for _, m in _imports(PACKAGE / "cli" / "_auditing.py")}
    assert {"analysis.auditing", "report", "settings"} <= found
    assert "report._parquet" in found  # imported inside the command


def test_import_graphkit_loads_no_heavy_library_and_every_name_resolves() -> None:
    """``import graphkit`` is quick (BENCHMARKS.md, start-up): pandas, Ibis, NetworkX and
    igraph come with the first name that needs them, and each public name is its home's."""
    import importlib
    import subprocess
    import sys

    code = ("import sys, graphkit; print(' '.join(m for m in ('pandas', 'ibis', 'networkx',"
            " 'igraph', 'duckdb', 'matplotlib') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert proc.stdout.strip() == ""
    for name, home in graphkit._HOME.items():
        value = getattr(graphkit, name)
        assert value is getattr(importlib.import_module(f"graphkit.{home}"), name)
    assert set(graphkit._HOME) <= set(graphkit.__all__)


def test_a_json_audit_loads_no_report_builder_and_the_report_names_resolve(tmp_path) -> None:
    """``graphkit audit --format json`` streams the SPEC document: the report builders, the
    narrowing and the diff are imported only by the outputs and options that use them
    (BENCHMARKS.md, the small audit); the report package still gives every name it lists."""
    import subprocess
    import sys

    from graphkit import report

    out = tmp_path / "audit.json"
    code = ("import sys; from graphkit.cli import main\n"
            f"assert main(['audit', {str(SIHUI)!r}, '--format', 'json', '--out', {str(out)!r}])"
            " == 0\n"
            "print(' '.join(sorted(m for m in sys.modules if m.startswith('graphkit'))))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    loaded = set(proc.stdout.split())
    assert "graphkit.analysis.auditing" in loaded and out.stat().st_size > 0
    unneeded = {"graphkit.analysis.narrowing", "graphkit.analysis.comparing",
                "graphkit.analysis.planning", "graphkit.analysis.summarizing",
                "graphkit.analysis.worklist", "graphkit.report._audit", "graphkit.report.model"}
    assert not loaded & unneeded
    for name in report.__all__:
        assert getattr(report, name) is not None
    from graphkit.analysis.summarizing import summary
    from graphkit.report.model import Document

    assert report.summary is summary and report.Document is Document
    with pytest.raises(AttributeError):
        report.no_such_name  # noqa: B018
