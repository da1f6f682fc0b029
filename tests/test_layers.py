"""The package's layers (README, "Layout"): a module imports only its own layer and the
layers listed before it — at the top of the file or inside a function alike."""

from __future__ import annotations

import ast
from pathlib import Path

import graphkit

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
