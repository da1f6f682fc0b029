"""The example notebooks: committed without outputs, and they run top to bottom.

The notebooks run as a user runs them, ``jupyter nbconvert --to notebook --execute`` (the
venv's), in a real Jupyter kernel of this interpreter, with the non-interactive Agg
backend and ``notebooks/`` as working directory; the executed copy (outputs and widget
state) is read back and checked.
"""

from __future__ import annotations

import base64
import os
import re
import struct
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pandas as pd
import pytest
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

import graphkit as gk
from tests.conftest import REPO, SIHUI, _connect, load_script

#: Each notebook runs in its own kernel, with its own temporary folder (TMPDIR), and writes
#: nothing into notebooks/: they run in the parallel part of the suite, on two workers;
#: only the one that loads the Neo4j server is ``serial``.

NOTEBOOKS = REPO / "notebooks"
EXPECTED = ("01_quickstart.ipynb", "02_planner_gaps.ipynb", "03_neo4j.ipynb",
            "04_measures.ipynb", "05_plan.ipynb", "06_snapshots.ipynb", "07_rosters.ipynb",
            "08_explore.ipynb")
#: Machine-specific paths that must never be committed in a notebook.
ABSOLUTE_PATH = re.compile(r"/work/|/home/|/Users/|/root/|/tmp/|[A-Za-z]:\\")


def _committed() -> list[Path]:
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def _strings(node: Any) -> Iterator[str]:
    """Every string anywhere in a notebook (sources, metadata, attachments' names)."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield k
            yield from _strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)


# --- (a) committed clean --------------------------------------------------------------
def test_the_notebooks_are_there():
    assert set(EXPECTED) <= {p.name for p in _committed()}


@pytest.mark.parametrize("path", _committed(), ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs_or_absolute_paths(path):
    nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    nbformat.validate(nb)
    assert nb.nbformat == 4
    assert nb.metadata["kernelspec"]["name"] == "python3"
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name} cell {i} is committed with outputs"
            assert cell.execution_count is None, f"{path.name} cell {i} has an execution count"
    for text in _strings(nb):
        found = ABSOLUTE_PATH.search(text)
        assert found is None, f"{path.name}: absolute path {found.group()!r} in {text[:120]!r}"


def test_notebooks_equal_the_output_of_their_generator():
    gen = load_script("make_notebooks")
    assert set(gen.BUILDERS) == set(EXPECTED)
    for name in gen.BUILDERS:
        committed = (NOTEBOOKS / name).read_text(encoding="utf-8")
        assert committed == gen.render(name), (
            f"notebooks/{name} is out of date: run scripts/make_notebooks.py")


# --- running them ---------------------------------------------------------------------
class ThisPythonKernelManager(AsyncKernelManager):
    """Start the kernel with this interpreter, whatever the "python3" kernelspec says."""

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        return [sys.executable, "-m", "ipykernel_launcher", "-f",
                os.path.realpath(self.connection_file), *(extra_arguments or [])]


def _python3_spec_runs_this_python() -> bool:
    """Whether the "python3" kernelspec resolves to this interpreter.

    jupyter_client replaces a bare ``python``/``python3``/``python3.X`` in the spec's argv
    with ``sys.executable``; a user- or system-wide spec may name another interpreter.
    """
    try:
        argv = KernelSpecManager().get_kernel_spec("python3").argv
    except NoSuchKernel:
        return False
    major, minor = sys.version_info[:2]
    bare = {"python", f"python{major}", f"python{major}.{minor}"}
    return bool(argv) and (argv[0] in bare or argv[0] == sys.executable)


def _client(nb: nbformat.NotebookNode, *, fallback: bool | None = None) -> NotebookClient:
    if fallback is None:
        fallback = not _python3_spec_runs_this_python()
    extra = {"kernel_manager_class": ThisPythonKernelManager} if fallback else {}
    return NotebookClient(nb, timeout=600, kernel_name="python3",
                          resources={"metadata": {"path": str(NOTEBOOKS)}}, **extra)


def _execute(name: str, monkeypatch: pytest.MonkeyPatch) -> nbformat.NotebookNode:
    """Run notebook `name` top to bottom with ``jupyter nbconvert --execute``; a cell error
    fails the test with nbconvert's message."""
    monkeypatch.setenv("MPLBACKEND", "Agg")  # inherited by nbconvert and its kernel
    with tempfile.TemporaryDirectory(prefix="nbconvert-") as folder:
        done = subprocess.run(
            [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
             "--ExecutePreprocessor.timeout=600", "--ExecutePreprocessor.kernel_name=python3",
             "--output-dir", folder, str(NOTEBOOKS / name)],
            capture_output=True, text=True, timeout=1200, check=False)
        assert done.returncode == 0, f"jupyter nbconvert --execute {name}:\n{done.stderr[-6000:]}"
        return nbformat.read(Path(folder) / name, as_version=4)


def _text(cell: nbformat.NotebookNode) -> str:
    parts = []
    for out in cell.get("outputs", []):
        if out.output_type == "stream":
            parts.append(out.text)
        elif "data" in out:
            parts.append(out.data.get("text/plain", ""))
            parts.append(out.data.get("text/html", ""))
    return "\n".join(parts)


def _all_text(nb: nbformat.NotebookNode) -> str:
    return "\n".join(_text(c) for c in nb.cells if c.cell_type == "code")


def _stderr(nb: nbformat.NotebookNode) -> str:
    return "\n".join(o.text for c in nb.cells if c.cell_type == "code" for o in c.outputs
                     if o.output_type == "stream" and o.name == "stderr")


def _png_sizes(cell: nbformat.NotebookNode) -> list[tuple[int, int]]:
    """(width, height) of every image/png output of `cell`."""
    sizes = []
    for out in cell.get("outputs", []):
        data = out.get("data", {}).get("image/png")
        if data:
            raw = base64.b64decode(data)
            assert raw[:8] == b"\x89PNG\r\n\x1a\n"
            sizes.append(struct.unpack(">II", raw[16:24]))
    return sizes


def _code_cell(nb: nbformat.NotebookNode, snippet: str) -> nbformat.NotebookNode:
    cells = [c for c in nb.cells if c.cell_type == "code" and snippet in c.source]
    assert len(cells) == 1, f"expected one code cell containing {snippet!r}"
    return cells[0]


@pytest.mark.parametrize("fallback", [False, True], ids=["python3-spec", "fallback-manager"])
def test_kernel_is_this_interpreter_with_agg_in_notebooks_dir(monkeypatch, fallback):
    if not fallback and not _python3_spec_runs_this_python():
        pytest.skip("the python3 kernelspec names another interpreter; the fallback is used")
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = new_notebook(cells=[new_code_cell(
        "import os, sys, matplotlib, graphkit\n"
        "print(sys.prefix, matplotlib.get_backend(), os.getcwd(), graphkit.__file__,"
        " sep='\\n')"
    )])
    _client(nb, fallback=fallback).execute()
    prefix, backend, cwd, module = nb.cells[0].outputs[0].text.splitlines()
    assert prefix == sys.prefix
    assert backend.lower() == "agg"
    assert Path(cwd).resolve() == NOTEBOOKS.resolve()
    assert Path(module).resolve() == Path(gk.__file__).resolve()


def test_quickstart_runs_and_draws_the_circles_of_shatianyuan(monkeypatch):
    nb = _execute("01_quickstart.ipynb", monkeypatch)
    circles = _code_cell(nb, "plot_circles(G, cid")
    assert "沙田园社区" in _text(circles)  # the printed figure title
    sizes = _png_sizes(circles)
    assert len(sizes) == 1 and min(sizes[0]) > 300, sizes
    for snippet in ('plot_coverage(G, by="area"', "plot_network(G"):
        assert len(_png_sizes(_code_cell(nb, snippet))) == 1, snippet
    assert sum(len(_png_sizes(c)) for c in nb.cells if c.cell_type == "code") == 3
    assert "missing from font" not in _stderr(nb), "Chinese labels drawn without a CJK font"
    ds = gk.read_dataset(SIHUI)
    text = _all_text(nb)
    assert f"节点数 nodes: {len(ds.nodes)}" in text
    assert f"关系数 edges: {len(ds.edges)}" in text
    units = gk.unit_coverage(ds)
    assert f"单位总数: {len(units)}" in _text(_code_cell(nb, 'print("单位总数:"'))


def test_planner_gaps_runs_and_writes_the_excel_lists_outside_the_repo(monkeypatch, tmp_path):
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # the kernel's tempfile.mkdtemp() lands here
    before = set(NOTEBOOKS.iterdir())
    nb = _execute("02_planner_gaps.ipynb", monkeypatch)
    assert set(NOTEBOOKS.iterdir()) == before
    findings = gk.audit(gk.read_dataset(SIHUI)).findings
    text = _all_text(nb)
    codes = set(findings["code"])
    assert codes, "the sample should have findings"
    assert all(code in text for code in codes), codes
    assert ("未归属街道" in text) == findings["area"].isna().any()
    (folder,) = tmp_path.glob("graphkit-*")
    assert sorted(p.name for p in folder.iterdir()) == ["审计报告.xlsx", "整改清单.xlsx"]
    actions = pd.read_excel(folder / "整改清单.xlsx", engine="openpyxl", sheet_name=None)
    assert next(iter(actions)) == "汇总"
    assert sum(len(f) for name, f in actions.items() if name != "汇总") == len(findings)
    assert set(pd.concat([f for n, f in actions.items() if n != "汇总"])["代码"]) == codes
    book = pd.read_excel(folder / "审计报告.xlsx", engine="openpyxl", sheet_name=None)
    assert list(book) == ["概览", "行动清单", "覆盖率", "单位覆盖", "发现", "双圈", "四个融合"]
    assert len(book["发现"]) == len(findings)


def test_measures_notebook_runs_and_draws_the_ties_of_shatianyuan(monkeypatch):
    nb = _execute("04_measures.ipynb", monkeypatch)
    plot = _code_cell(nb, "plot_ties(ds")
    assert "沙田园社区" in _text(plot)
    sizes = _png_sizes(plot)
    assert len(sizes) == 1 and min(sizes[0]) > 300, sizes
    assert "missing from font" not in _stderr(nb), "Chinese labels drawn without a CJK font"
    text = _all_text(nb)
    T = gk.tie_graph(gk.read_dataset(SIHUI))
    assert f"组织数 entities: {T.number_of_nodes()}" in text
    assert "'nmi'" in _text(_code_cell(nb, "m.comparison"))
    assert "核心排第一的社区" in text


def test_snapshots_notebook_runs_and_draws_the_trend(monkeypatch, tmp_path):
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # the third snapshot lands here
    before = set(NOTEBOOKS.iterdir())
    nb = _execute("06_snapshots.ipynb", monkeypatch)
    assert set(NOTEBOOKS.iterdir()) == before
    d = gk.diff(SIHUI, REPO / "data" / "sihui-2021")
    overall = d.to_dict()["rates"]["overall"]
    text = _text(_code_cell(nb, "d = gk.diff(old, new)"))
    for v in overall.values():
        assert f"{v['delta']:+.1f} 个百分点" in text
    assert f"有退步 regression: {d.regression}" in text
    assert "regressed" not in _text(_code_cell(nb, "d.transitions"))  # a matrix, not a list
    plot = _code_cell(nb, "plot_trend(t")
    assert "组织覆盖率变化趋势" in _text(plot)
    sizes = _png_sizes(plot)
    assert len(sizes) == 1 and min(sizes[0]) > 300, sizes
    assert "missing from font" not in _stderr(nb), "Chinese labels drawn without a CJK font"
    (third,) = tmp_path.glob("graphkit-*/sihui-2022")
    assert gk.read_dataset(third).snapshot == "2022-09-30"


def test_rosters_notebook_imports_the_sample_and_reads_a_review(monkeypatch, tmp_path):
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # the spoilt copy and the template land here
    before = set(NOTEBOOKS.iterdir())
    nb = _execute("07_rosters.ipynb", monkeypatch)
    assert set(NOTEBOOKS.iterdir()) == before
    assert "问题：无" in _text(_code_cell(nb, "gk.import_rosters(\"../data/sihui-rosters\")"))
    audit = _text(_code_cell(nb, "result = gk.audit(ds)"))
    assert "驻点团队 42 个，解决问题 3398 件" in audit and "报到党员 6042 名" in audit
    review = _text(_code_cell(nb, "review2.lines()"))
    for problem in ("unknown_value (机关)", "unresolved (", "invalid_code",
                    "6:单位名称 '四会市人民政府办公室(总部)': duplicate"):
        assert problem in review, problem
    assert "重新导入：问题 0 处；节点数相同： True ；关系数相同： True" in _text(
        _code_cell(nb, "gk.write_rosters(ds"))
    assert list(tmp_path.glob("graphkit-*")) == []


def test_plan_notebook_runs_and_draws_before_and_after(monkeypatch):
    nb = _execute("05_plan.ipynb", monkeypatch)
    for snippet in ("plot.plot_coverage(ds", "plot.plot_coverage(after"):
        sizes = _png_sizes(_code_cell(nb, snippet))
        assert len(sizes) == 1 and min(sizes[0]) > 300, sizes
    assert "missing from font" not in _stderr(nb), "Chinese labels drawn without a CJK font"
    p = gk.plan(gk.read_dataset(SIHUI))
    assert f"'new_instructors': {p.summary['new_instructors']}" in _text(
        _code_cell(nb, "p = gk.plan(ds)"))
    whatif = _text(_code_cell(nb, "instructors_needed(5)"))
    assert "每人 5 个单位" in whatif and "合计" in whatif
    # the work list and the plan followed through on the sample's later snapshot
    assert "plan-org-0001" in _text(_code_cell(nb, "gk.work_list(p"))
    later = _text(_code_cell(nb, "gk.progress("))
    for state in ("部分完成", "单位已不在", "报已完成但数据未体现", "已完成但未报", "逾期未完成"):
        assert state in later, state
    assert "'暂缓': unknown_progress" in _text(_code_cell(nb, "problem.format()"))


@pytest.mark.neo4j
@pytest.mark.serial  # with the other tests of the one server
def test_neo4j_notebook_loads_queries_and_reads_back(monkeypatch, neo4j_creds):
    monkeypatch.setenv("NEO4J_URI", neo4j_creds["uri"])
    monkeypatch.setenv("NEO4J_USER", neo4j_creds["user"])
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_creds["password"])
    nb = _execute("03_neo4j.ipynb", monkeypatch)  # its own asserts compare with in-memory
    text = _all_text(nb)
    if neo4j_creds["password"]:
        assert neo4j_creds["password"] not in text
    assert "沙田园社区" in _text(_code_cell(nb, "units_per_community = store.query("))
    assert "identical audit JSON" in text
    ds = gk.read_dataset(SIHUI)
    with _connect(neo4j_creds) as store:
        counts = store.counts()
    assert counts.pop("relationships") == len(ds.edges)
    assert counts == ds.counts()


def _widget_states(nb: nbformat.NotebookNode) -> dict[str, dict[str, Any]]:
    """Model id -> state of every widget the executed notebook saved."""
    saved = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    return {k: v["state"] for k, v in saved.get("state", {}).items()}


def _views(nb: nbformat.NotebookNode, snippet: str) -> list[dict[str, Any]]:
    """The widget states shown by the code cell containing `snippet`."""
    states = _widget_states(nb)
    return [states[out.data["application/vnd.jupyter.widget-view+json"]["model_id"]]
            for out in _code_cell(nb, snippet).outputs
            if "application/vnd.jupyter.widget-view+json" in out.get("data", {})]


def test_explore_notebook_shows_the_network_widgets(monkeypatch, tmp_path):
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # the saved HTML lands here
    nb = _execute("08_explore.ipynb", monkeypatch)
    ds = gk.read_dataset(SIHUI)
    (shatianyuan,) = _views(nb, 'gk.view(ds, community="沙田园社区")')
    roles = gk.circle_roles(ds)
    roles = roles[roles["community"] == "com-001"]
    assert {n[0] for n in shatianyuan["data"]["nodes"]} == set(roles["member"])
    assert shatianyuan["_esm"].rstrip().endswith("export default { render };")
    assert shatianyuan["font_css"].startswith("@font-face")
    # the selection made from Python is in the widget's state
    core = roles.loc[roles["role"] == "core", "member"].item()
    assert shatianyuan["selected"] == core
    assert f"选中 selected: {core}" in _all_text(nb)
    (street,) = _views(nb, 'area="东城街道"')
    assert street["data"]["color_by"] == "覆盖状态"
    (city,) = _views(nb, "city = gk.view(ds)")
    assert len(city["data"]["nodes"]) == gk.tie_graph(ds).number_of_nodes()
    (cluster,) = _views(nb, "cluster=0")
    clusters = gk.detect_communities(ds)
    assert {n[0] for n in cluster["data"]["nodes"]} == set(clusters.index[clusters == 0])
    (saved,) = tmp_path.glob("graphkit-*/沙田园社区.html")
    assert "default-src 'none'" in saved.read_text(encoding="utf-8")
