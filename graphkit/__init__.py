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
from .analysis.auditing import AuditResult, audit
from .analysis.comparing import Diff, diff, trend
from .analysis.coverage import coverage_rates, unit_coverage
from .analysis.gaps import findings
from .analysis.linkage import (
    circle_roles,
    circles,
    jurisdiction,
    tie_edges,
    tie_graph,
    tie_nodes,
    ties,
)
from .analysis.mechanisms import scorecard
from .analysis.narrowing import narrow
from .analysis.planning import Plan, plan
from .analysis.tracking import Progress, progress
from .analysis.worklist import work_list
from .errors import GraphkitError, Problem, StoreError, UsageError, ValidationError
from .network.dataset import Dataset
from .network.io import read_dataset, validate_dataset, write_dataset
from .settings import Settings, settings

__version__ = "0.1.0"

# graphkit.plot, graphkit.store, ...: the public module names of the layered package
_aliases.install()

#: Names of the network measures, imported on first use (igraph takes a while to load, and
#: an audit does not need it).
_MEASURES = ("MeasuresResult", "cohesion", "compare_partitions", "core_centrality",
             "crossing_clusters", "detect_communities", "entity_measures", "measures")


#: The network explorer, imported on first use (it brings anywidget and the widget's code).
_VIEWING = ("NetworkView", "view")
#: The rosters import and its inverse (SPEC section 9), imported on first use too.
_ROSTERS = ("Review", "import_rosters", "write_rosters")


def __getattr__(name: str) -> object:
    if name in _VIEWING:
        from .report import viewing

        value = getattr(viewing, name)
        globals()[name] = value
        return value
    if name in _ROSTERS:
        from .adapters import rosters

        value = getattr(rosters, name)
        globals()[name] = value
        return value
    if name in _MEASURES:
        from .analysis import measuring

        value = getattr(measuring, name)
        globals()[name] = value
        return value
    if name in _aliases.ALIASES:  # gk.coverage, gk.plot, ...: the module, imported now
        import importlib

        return importlib.import_module(f"graphkit.{name}")
    raise AttributeError(f"module 'graphkit' has no attribute {name!r}")


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
