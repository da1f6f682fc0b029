"""Offline bulk import: the files and the commands of ``neo4j-admin database import full``.

:func:`write_import_files` writes a validated :class:`~graphkit.dataset.Dataset` as the
header-and-data CSV files the import tool reads: one file per label and per relationship
type (names from :mod:`graphkit.vocab`), every property typed in its header (``long``,
``double``, ``boolean``, text), missing values as empty fields (no property), the dataset's
meta node in a file of its own; the import identifies nodes by their integer codes. The
database it makes holds exactly what :meth:`graphkit.store.Neo4jStore.load` would write.
:class:`Home` runs the server's own ``bin/neo4j`` (stop, start) and ``bin/neo4j-admin`` of
a Neo4j installation.

:meth:`graphkit.store.Neo4jStore.bulk_load` puts the two together (it checks over Bolt that
the database is empty, which cannot be seen offline). This module never imports the driver.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> with tempfile.TemporaryDirectory() as tmp:
...     files = write_import_files(gk.read_dataset("data/sihui"), Path(tmp))
...     header = (files.folder / "PartyOrg.csv").read_text(encoding="utf-8").splitlines()[0]
>>> files.args[3]
'--nodes=PartyOrg=PartyOrg.csv'
>>> header
'":ID(graphkit)","id","name","kind","members:long","rating:long","joint:boolean"'
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from .. import vocab as V
from ..errors import StoreError, UsageError
from ..messages import t
from ..network.dataset import Dataset

__all__ = ["Home", "ImportFiles", "drop_database", "swap_database",
           "write_import_files"]

#: ID spaces of the import: network ids, and the meta node's (a node may be called "dataset").
ID_SPACE, META_SPACE = "graphkit", "graphkit_meta"


@dataclass(frozen=True)
class ImportFiles:
    """The files of one import and the ``neo4j-admin database import full`` arguments that
    read them (relative to `folder`, the working directory of the import).

    Attributes
    ----------
    folder : Path
    args : list of str
        ``--nodes=...``, ``--relationships=...`` and the CSV options.
    nodes, relationships : int
        Network nodes and relationships written (the meta node not counted).
    """

    folder: Path
    args: list[str]
    nodes: int
    relationships: int


def _header_type(dtype: pa.DataType) -> str:
    if pa.types.is_integer(dtype):
        return ":long"
    if pa.types.is_floating(dtype):
        return ":double"
    if pa.types.is_boolean(dtype):
        return ":boolean"
    return ""


def _plain(arr: pa.ChunkedArray | pa.Array) -> pa.Array:
    """A column without dictionary encoding, in one chunk."""
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if pa.types.is_dictionary(arr.type):
        arr = arr.dictionary_decode()
    if pa.types.is_null(arr.type):
        arr = arr.cast(pa.string())
    return arr


def _multiline(arr: pa.Array) -> bool:
    if not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)):
        return False
    return bool(pc.any(pc.match_substring_regex(arr, r"[\r\n]")).as_py() or False)


def _write(table: pa.Table, names: list[str], path: Path) -> bool:
    """Write `table` with the header `names`; True when a text value spans lines. Text is
    always quoted (``""`` is an empty string), a missing value is an empty field."""
    table = table.rename_columns(names)
    pacsv.write_csv(table, path, pacsv.WriteOptions(quoting_style="needed"))
    return any(_multiline(c.combine_chunks()) for c in table.columns)


def write_import_files(ds: Dataset, folder: Path) -> ImportFiles:
    """Write `ds` into `folder` as the CSV files of ``neo4j-admin database import full``.

    Nodes carry the properties :meth:`~graphkit.store.Neo4jStore.load` gives them: ``id``,
    ``name``, ``kind``, ``members``, for PartyOrgs ``rating`` and ``joint``, and every extra
    property that is not missing; relationships ``mode`` and ``since`` when not blank and
    their extras. The import identifies nodes by their integer codes in the coded network
    (``--id-type=integer``, the ``:ID`` column not stored): relationship ends are written as
    codes, which the import maps without the string-id index (its relationship stage took
    2-3 s instead of 6 s at 1M units, BENCHMARKS.md).

    Returns
    -------
    ImportFiles
    """
    folder.mkdir(parents=True, exist_ok=True)
    net = ds.network
    nodes = net.nodes.append_column(
        "_code", pa.array(np.arange(net.n_nodes, dtype=np.int64)))
    labels = _plain(nodes.column("label"))
    extras = net.node_extras()
    args: list[str] = []
    multiline = False
    for label in V.LABELS:
        rows = nodes.filter(pc.equal(labels, label))
        if not rows.num_rows:
            continue
        cols = ["id", "name", "kind", "members"]
        cols += ["rating", "joint"] if label == V.PARTY_ORG else []
        cols += [c for c in extras if rows.column(c).null_count < rows.num_rows]
        table = pa.table({"_code": rows.column("_code"),
                          **{c: _plain(rows.column(c)) for c in cols}})
        names = [f":ID({ID_SPACE})"] + [c + _header_type(table.column(c).type)
                                       for c in cols]
        multiline |= _write(table, names, folder / f"{label}.csv")
        args.append(f"--nodes={label}={label}.csv")

    edges = net.edges
    types = _plain(edges.column("type"))
    for rel in V.REL_TYPES:
        rows = edges.filter(pc.equal(types, rel))
        if not rows.num_rows:
            continue
        table = {"source": _plain(rows.column("source")),
                 "target": _plain(rows.column("target"))}
        for c in ("mode", "since"):          # blank is no property, as in a load
            col = _plain(rows.column(c))
            table[c] = pc.if_else(pc.equal(col, ""), pa.scalar(None, col.type), col)
        table.update({c: _plain(rows.column(c)) for c in net.edge_extras()
                      if rows.column(c).null_count < rows.num_rows})
        rels = pa.table(table)
        names = [f":START_ID({ID_SPACE})", f":END_ID({ID_SPACE})"] + [
            c + _header_type(rels.column(c).type) for c in rels.column_names[2:]]
        multiline |= _write(rels, names, folder / f"{rel}.csv")
        args.append(f"--relationships={rel}={rel}.csv")

    meta = {"id": "dataset", "version": uuid.uuid4().hex,
            **{k: v for k, v in ds.meta.items() if v is not None}}
    table = pa.table({"_code": pa.array([0], pa.int64()),
                      **{k: pa.array([v], pa.string()) for k, v in meta.items()}})
    multiline |= _write(table, [f":ID({META_SPACE})", *meta], folder / "meta.csv")
    args.append(f"--nodes={V.META_LABEL}=meta.csv")
    # the dataset is validated: any bad entry is a fault, never skipped
    args += ["--bad-tolerance=0", "--skip-bad-relationships=false",
             "--skip-duplicate-nodes=false", "--ignore-empty-strings=false",
             "--trim-strings=false", "--id-type=integer", "--input-encoding=UTF-8",
             f"--multiline-fields={'true' if multiline else 'false'}",
             "--report-file=import.report"]
    return ImportFiles(folder, args, net.n_nodes, net.n_edges)


class Home:
    """A Neo4j installation: ``bin/neo4j`` (start, stop) and ``bin/neo4j-admin``.

    The local server of ``scripts/neo4j`` has one too (``.neo4j/home``), whose ``bin/``
    scripts run that server.

    Raises
    ------
    UsageError
        When `path` has no ``bin/neo4j`` and ``bin/neo4j-admin``.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path).expanduser()
        self.neo4j = self.path / "bin" / "neo4j"
        self.admin = self.path / "bin" / "neo4j-admin"
        missing = [str(p) for p in (self.neo4j, self.admin) if not os.access(p, os.X_OK)]
        if missing:
            raise UsageError(t("bulk.not_home", path=self.path,
                               missing=t("bulk.or").join(missing)))

    def _spawn(self, argv: list[str], log: Path, cwd: Path | None = None
               ) -> subprocess.Popen[bytes]:
        with open(log, "ab") as fh:
            return subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=fh,
                                    stderr=subprocess.STDOUT)

    @staticmethod
    def wait(proc: subprocess.Popen[bytes], log: Path, what: str) -> None:
        """Wait for `proc` (started by :meth:`spawn_server`) and raise a
        :class:`~graphkit.errors.StoreError` with the tail of `log` when it failed."""
        try:
            code = proc.wait()
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        if code != 0:
            tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
            lines = [x for x in tail if x.strip()][-6:]
            raise StoreError(t("bulk.failed", what=what, code=code,
                               tail=" | ".join(x.strip() for x in lines)))

    def spawn_server(self, action: str, log: Path) -> subprocess.Popen[bytes]:
        """Start ``bin/neo4j start`` or ``stop`` without waiting for it (see :meth:`wait`)."""
        return self._spawn([str(self.neo4j), action], log)

    def server(self, action: str, log: Path) -> None:
        """``bin/neo4j start`` or ``stop``."""
        self.wait(self.spawn_server(action, log), log, f"{self.neo4j} {action}")

    def import_full(self, database: str, files: ImportFiles, log: Path,
                    databases: Path, transactions: Path) -> None:
        """``neo4j-admin database import full DATABASE --overwrite-destination ...`` in
        the folder of `files`, writing the store files under `databases` and the
        transaction logs under `transactions` (`database` must not be in use: it is
        replaced)."""
        config = files.folder / "graphkit-import.conf"
        config.write_text(f"server.directories.data={databases.parent}\n"
                          f"server.directories.transaction.logs.root={transactions}\n",
                          encoding="utf-8")
        argv = [str(self.admin), "database", "import", "full", database,
                "--overwrite-destination=true", f"--additional-config={config}", *files.args]
        self.wait(self._spawn(argv, log, cwd=files.folder), log,
                  "neo4j-admin database import full")


def swap_database(databases: Path, transactions: Path, new: str, name: str) -> str:
    """Put database `new` (store files under `databases`, transaction logs under
    `transactions`) in the place of database `name`, whose files are kept as
    ``NAME.graphkit-old-HEX``; return that name (see :func:`drop_database`). The server
    must be stopped."""
    old = f"{name}.graphkit-old-{uuid.uuid4().hex[:8]}"
    missing = [str(root / new) for root in (databases, transactions)
               if not (root / new).is_dir()]
    if missing:
        raise StoreError(t("bulk.not_found", paths=", ".join(missing)))
    moved: list[tuple[Path, Path]] = []
    try:
        for root in (databases, transactions):
            if (root / name).exists():
                (root / name).rename(root / old)
                moved.append((root / old, root / name))
            (root / new).rename(root / name)
            moved.append((root / name, root / new))
    except OSError as exc:
        for src, dst in reversed(moved):
            src.rename(dst)
        raise StoreError(t("bulk.swap_failed", name=name, detail=exc)) from exc
    return old


def drop_database(databases: Path, transactions: Path, name: str) -> None:
    """Delete the store files and transaction logs of database `name` (server stopped, or
    a name the server does not know)."""
    for root in (databases, transactions):
        shutil.rmtree(root / name, ignore_errors=True)
