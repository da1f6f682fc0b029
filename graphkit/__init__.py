"""graphkit: grassroots Party-building networks as graphs, and their coverage audit.

Read a dataset, look at it as a NetworkX graph or as pandas tables, and measure
organizational and work coverage and the "one core, two circles" linkage of each
community. See ``SPEC.md`` for the data format and the rules.

Examples
--------
>>> import graphkit as gk
>>> ds = gk.read_dataset("data/sihui")                          # doctest: +SKIP
>>> G = ds.to_networkx()                                        # doctest: +SKIP
>>> gk.coverage_rates(gk.unit_coverage(G), by="area")           # doctest: +SKIP
>>> gk.audit(G).findings.head()                                 # doctest: +SKIP
"""

from . import _aliases, vocab
from .errors import GraphkitError, Problem, StoreError, UsageError, ValidationError
from .settings import Settings, settings

__version__ = "0.1.0"

# graphkit.plot, graphkit.store, ...: the public module names of the layered package
_aliases.install()

#: Where each public name lives, imported on first use: ``import graphkit`` loads neither
#: pandas, Ibis, NetworkX nor igraph (a command, a kernel or a script pays for what it
#: uses). ``gk.audit`` is the same function as ``graphkit.analysis.auditing.audit``.
_HOMES: dict[str, tuple[str, ...]] = {
    "analysis.auditing": ("AuditResult", "audit"),
    "analysis.comparing": ("Diff", "diff", "trend"),
    "analysis.coverage": ("coverage_rates", "unit_coverage"),
    "analysis.gaps": ("findings",),
    "analysis.linkage": ("circle_roles", "circles", "jurisdiction", "tie_edges",
                         "tie_graph", "tie_nodes", "ties"),
    "analysis.mechanisms": ("scorecard",),
    "analysis.narrowing": ("narrow",),
    "analysis.planning": ("Plan", "plan"),
    "analysis.tracking": ("Progress", "progress"),
    "analysis.worklist": ("work_list",),
    "network.dataset": ("Dataset",),
    "network.io": ("read_dataset", "validate_dataset", "write_dataset"),
    # the network measures (igraph takes a while to load, and an audit does not need it)
    "analysis.measuring": ("MeasuresResult", "cohesion", "compare_partitions",
                           "core_centrality", "crossing_clusters", "detect_communities",
                           "entity_measures", "measures"),
    # the network explorer (it brings anywidget and the widget's code)
    "report.viewing": ("NetworkView", "view"),
    # the rosters import and its inverse (SPEC section 9)
    "adapters.rosters": ("Review", "import_rosters", "write_rosters"),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}
_public = _aliases.lazy_names(__name__, {name: f".{home}" for name, home in _HOME.items()})


def __getattr__(name: str) -> object:
    if name in _aliases.ALIASES and name not in _HOME:
        import importlib  # gk.coverage, gk.plot, ...: the module, imported now

        return importlib.import_module(f"graphkit.{name}")
    return _public(name)


def __dir__() -> list[str]:
    return sorted(__all__)

__all__ = [
    "AuditResult",
    "Dataset",
    "Diff",
    "GraphkitError",
    "MeasuresResult",
    "NetworkView",
    "Plan",
    "Problem",
    "Progress",
    "Review",
    "Settings",
    "StoreError",
    "UsageError",
    "ValidationError",
    "__version__",
    "audit",
    "circle_roles",
    "circles",
    "cohesion",
    "compare_partitions",
    "core_centrality",
    "coverage_rates",
    "crossing_clusters",
    "detect_communities",
    "diff",
    "entity_measures",
    "findings",
    "import_rosters",
    "jurisdiction",
    "measures",
    "narrow",
    "plan",
    "progress",
    "read_dataset",
    "scorecard",
    "settings",
    "tie_edges",
    "tie_graph",
    "tie_nodes",
    "ties",
    "trend",
    "unit_coverage",
    "validate_dataset",
    "view",
    "vocab",
    "work_list",
    "write_dataset",
    "write_rosters",
]
