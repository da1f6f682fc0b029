"""Shared test helpers: a small network builder that writes real dataset files."""

from __future__ import annotations

import atexit
import csv
import importlib.util
import os
import shutil
import signal
import tempfile
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import graphkit as gk
from tests._browser import browser, playwright  # noqa: F401  (fixtures for every module)

REPO = Path(__file__).resolve().parent.parent

# the rules' compiled SQL and plans (graphkit.rules._sqlcache, _plans) in a folder of this
# run, shared by its pytest-xdist workers and the commands it starts, not the user's cache
# folder: what one run keeps cannot change another's (a folder given by the caller is kept)
if "GRAPHKIT_CACHE_DIR" not in os.environ:
    os.environ["GRAPHKIT_CACHE_DIR"] = _CACHE = tempfile.mkdtemp(prefix="graphkit-tests-")
    atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)
# the Spark drivers the suite starts read tests/spark-conf/spark-defaults.conf: no code
# generation nor adaptive execution for its tiny inputs, a quarter less CPU (a folder given
# by the caller is kept)
os.environ.setdefault("SPARK_CONF_DIR", str(REPO / "tests" / "spark-conf"))
# the suite reads validation messages in English (`--lang en`); the Chinese default is
# tested on its own (tests/test_cli.py), with this variable removed
os.environ.setdefault("GRAPHKIT_LANG", "en")
# the terminal report's layout follows COLUMNS; the suite's expectations are those of a
# program with no terminal, whoever runs it (pytest-xdist's workers set COLUMNS=80)
for _var in ("COLUMNS", "LINES"):
    os.environ.pop(_var, None)
SIHUI = REPO / "data" / "sihui"


def sigint_as_from_a_terminal() -> None:
    """``preexec_fn`` of a command a test interrupts with Ctrl-C (SIGINT): its default
    disposition, as in a terminal. A test run started in the background by a shell (the
    lanes of scripts/test-suite, a CI job) has SIGINT ignored, and a child inherits that."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def load_script(name: str) -> Any:
    """The module of ``scripts/<name>.py`` (the scripts folder is not a package)."""
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _in_chinese() -> Any:
    from graphkit import messages

    with pytest.MonkeyPatch.context() as mp, messages.use(None):
        mp.setenv("GRAPHKIT_LANG", "zh")
        yield


@pytest.fixture(scope="module")
def chinese():
    """Reports in Chinese, their default, in a suite that runs in English: a module of
    report tests says ``pytestmark = pytest.mark.usefixtures("chinese")`` (a language a
    command line chose is forgotten after the module)."""
    yield from _in_chinese()


@pytest.fixture
def chinese_test():
    """:func:`chinese` for one test of a module that otherwise runs in English."""
    yield from _in_chinese()


class Builder:
    """Build a network row by row; write it as CSV files or get it as a graph.

    >>> b = Builder()
    >>> b.node("c1", "Community")
    'c1'
    """

    def __init__(self) -> None:
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []

    def node(self, id: str, label: str, name: str | None = None, **attrs: Any) -> str:
        self.nodes.append({"id": id, "label": label, "name": name or f"名称{id}", **attrs})
        return id

    def edge(self, source: str, target: str, type: str, **attrs: Any) -> Builder:
        self.edges.append({"source": source, "target": target, "type": type, **attrs})
        return self

    def drop_repeated_edges(self) -> Builder:
        """Keep the first edge of each (source, target, type): SPEC 1 refuses repeats, and
        random strategies draw them."""
        seen: set[tuple[Any, Any, Any]] = set()
        edges = []
        for e in self.edges:
            key = (e["source"], e["target"], e["type"])
            if key not in seen:
                seen.add(key)
                edges.append(e)
        self.edges = edges
        return self

    # --- convenience for the common shapes ---------------------------------------------
    def community(self, cid: str, area: str | None = None, core: str | None = None,
                  core_kind: str = "committee") -> str:
        self.node(cid, "Community")
        if area:
            self.edge(cid, area, "PART_OF")
        if core:
            self.node(core, "PartyOrg", kind=core_kind)
            self.edge(core, cid, "BELONGS_TO")
        return cid

    def unit(self, uid: str, where: str | None = None, kind: str = "enterprise",
             members: int = 0, org: str | None = None, rating: int = 0) -> str:
        self.node(uid, "Unit", kind=kind, members=members)
        if where:
            self.edge(uid, where, "LOCATED_IN")
        if org:
            self.node(org, "PartyOrg", kind="branch", rating=rating)
            self.edge(org, uid, "BELONGS_TO")
        return uid

    # --- outputs ----------------------------------------------------------------------
    def write(self, folder: Path, *, encoding: str = "utf-8") -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        for name, rows, first in (("nodes.csv", self.nodes, ["id", "label", "name"]),
                                  ("edges.csv", self.edges, ["source", "target", "type"])):
            cols = list(first)
            for r in rows:
                cols += [k for k in r if k not in cols]
            with open(folder / name, "w", encoding=encoding, newline="") as fh:
                w = csv.DictWriter(fh, fieldnames=cols)
                w.writeheader()
                for r in rows:
                    w.writerow({k: _cell(v) for k, v in r.items()})
        return folder

    def graph(self) -> nx.MultiDiGraph:
        G = nx.MultiDiGraph()
        for n in self.nodes:
            G.add_node(n["id"], **{k: v for k, v in n.items() if k != "id"})
        for e in self.edges:
            attrs = {k: v for k, v in e.items() if k not in ("source", "target")}
            G.add_edge(e["source"], e["target"], key=e["type"], **attrs)
        return G

    def dataset(self, folder: Path) -> gk.Dataset:
        return gk.read_dataset(self.write(folder))


def _cell(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    return "" if v is None else str(v)


@pytest.fixture
def builder() -> Builder:
    return Builder()


@pytest.fixture(scope="session")
def sihui() -> gk.Dataset:
    return gk.read_dataset(SIHUI)


# --- Neo4j ------------------------------------------------------------------------------
NEO4J_SCRIPT = REPO / "scripts" / "neo4j"
NEO4J_ENV = REPO / ".neo4j" / "env"


def _read_env_file(path):
    env = {}
    for line in path.read_text().splitlines():
        line = line.strip().removeprefix("export ").strip()
        if "=" in line:
            k, v = line.split("=", 1)
            env[k] = v.strip().strip("'\"")
    return env


def _credentials():
    """Test server: GRAPHKIT_TEST_NEO4J_* if set, else the local server's .neo4j/env."""
    import os

    if os.environ.get("GRAPHKIT_TEST_NEO4J_URI"):
        return {"uri": os.environ["GRAPHKIT_TEST_NEO4J_URI"],
                "user": os.environ.get("GRAPHKIT_TEST_NEO4J_USER", "neo4j"),
                "password": os.environ.get("GRAPHKIT_TEST_NEO4J_PASSWORD", "")}
    if NEO4J_ENV.exists():
        env = _read_env_file(NEO4J_ENV)
        return {"uri": env["NEO4J_URI"], "user": env["NEO4J_USER"],
                "password": env["NEO4J_PASSWORD"]}
    return None


def _connect(creds):
    from graphkit.store import connect

    return connect(creds["uri"], user=creds["user"], password=creds["password"],
                   connection_timeout=5)


@pytest.fixture(scope="session")
def neo4j_creds():
    """Credentials of a running Neo4j: reuse one, or start the local one (and stop it after).

    Under CI=true a server that cannot be reached is a test failure, never a skip.
    """
    import os
    import subprocess

    ci = os.environ.get("CI", "").lower() in ("1", "true", "yes")
    creds = _credentials()
    started = False
    if creds is not None:
        try:
            _connect(creds).close()
        except gk.GraphkitError:
            creds = None if not os.environ.get("GRAPHKIT_TEST_NEO4J_URI") else creds
    if creds is None:
        proc = subprocess.run([str(NEO4J_SCRIPT), "start"], capture_output=True, text=True)
        if proc.returncode == 0:
            started = True
            creds = _credentials()
        else:
            msg = f"no Neo4j server for the tests: scripts/neo4j start failed:\n{proc.stderr}"
            if ci:
                pytest.fail(msg)
            pytest.skip(msg)
    try:
        _connect(creds).close()
    except gk.GraphkitError as exc:
        if ci:
            pytest.fail(f"Neo4j test server unreachable: {exc}")
        pytest.skip(f"Neo4j test server unreachable: {exc}")
    yield creds
    if started:
        subprocess.run([str(NEO4J_SCRIPT), "stop"], capture_output=True)


@pytest.fixture
def store(neo4j_creds):
    """A connected store on an empty database (every graphkit node removed)."""
    s = _connect(neo4j_creds)
    s.clear()
    yield s
    s.close()

