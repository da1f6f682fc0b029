"""The audit as Parquet files, for tables too big for one JSON document.

``graphkit audit DATASET --format parquet --out DIR`` writes, into ``DIR``:

* ``units.parquet`` — ``id, name, kind, community, area, members, status``, by id;
* ``rates.parquet`` — ``group`` (``all``, ``two_new``, ``kind``, ``community``, ``area``,
  and ``attribute`` for the breakdowns of ``--by``), ``key`` (as text), ``units``, ``own``,
  ``organization``, ``work``, ``attribute`` (the unit attribute of an ``attribute`` row);
* ``mechanisms.parquet`` — the scorecard (SPEC section 8): ``community`` (null for the
  city row, which comes last), ``name`` and the fields; ``running_circle`` as a number (1
  or 0 per community, the communities running the circle in the city row);
* ``circles.parquet`` — ``community, name, core, status, sub_core, pan_core, unlinked,
  external`` (lists of ids), ``members``, ``linkage_rate``;
* ``findings.parquet`` — ``code, subject, name, message, action, community, area, units``;
* ``audit.json`` — the ``dataset`` and ``settings`` parts of the JSON document, and the
  scope.

The values are those of the JSON document (SPEC section 5); each file is written whole or
not at all.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.parquet as pq

from ..analysis.auditing import RATE_GROUPS, AuditResult
from ..analysis.coverage import key_text
from ..analysis.gaps import FINDING_CODES
from ..analysis.mechanisms import FIELDS
from ..network._atomic import write_all_atomic
from ..network._threads import Beside

__all__ = ["write_parquet"]

_LIST = pa.list_(pa.string())


def _bytes(table: pa.Table) -> bytes:
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd")
    return buf.getvalue()


def _units(result: AuditResult) -> pa.Table:
    src = result._source
    if src is None:
        frame = result.units
        return pa.table({c: pa.array(frame[c].tolist()) for c in
                         ("id", "name", "kind", "community", "area", "members", "status")})
    from ..analysis.coverage import statuses

    a = src.a
    t = a.units(src.kinds)
    codes = t.column("unit")
    return pa.table({
        "id": a.ids(codes), "name": a.names(codes),
        "kind": a.kind_names(t.column("kind")),
        "community": a.ids(t.column("community")).cast(pa.string()),
        "area": a.ids(t.column("area")).cast(pa.string()),
        "members": t.column("members"), "status": statuses(t.column("level")),
    })


def _rates(result: AuditResult) -> pa.Table:
    frames = {None: result.rates, "two_new": result.two_new, "kind": result.by_kind,
              "community": result.by_community, "area": result.by_area}
    groups = [(by or "all", None, frames[by]) for by in RATE_GROUPS]
    groups += [("attribute", attr, frame) for attr, frame in result.by_attribute.items()]
    parts = []
    for group, attr, frame in groups:
        n = len(frame)
        keys = [key_text(k) if attr else str(k) for k in frame.index.tolist()]
        parts.append(pa.table({
            "group": pa.repeat(pa.scalar(group, pa.string()), n),
            "key": pa.array(keys, pa.string()),
            "units": pa.array(frame["units"].to_numpy(dtype=np.int64), pa.int64()),
            **{m: pa.array(frame[m].to_numpy(dtype=np.float64), pa.float64(),
                           from_pandas=True) for m in ("own", "organization", "work")},
            "attribute": pa.repeat(pa.scalar(attr, pa.string()), n)}))
    return pa.concat_tables(parts).combine_chunks()


def _mechanisms(result: AuditResult) -> pa.Table:
    card = result.mechanisms
    cols: dict[str, pa.Array] = {
        "community": pa.array(card["community"].tolist(), pa.string()),
        "name": pa.array(card["name"].tolist(), pa.string()),
    }
    for f in FIELDS:
        if f == "linkage_rate" or card[f].dtype.kind == "f":
            cols[f] = pa.array(card[f].to_numpy(dtype=np.float64), pa.float64(),
                               from_pandas=True)
        else:  # running_circle: 1 or 0 per community, the number running in the city row
            cols[f] = pa.array(card[f].to_numpy().astype(np.int64), pa.int64())
    return pa.table(cols)


def _circles(result: AuditResult) -> pa.Table:
    src = result._source
    if src is not None:
        from ..analysis.linkage import id_lists, linkage_rates

        a, c = src.a, src.circles()
        comms = pa.array(c["communities"], pa.int64())
        core = c["core"]
        return pa.table({
            "community": a.ids(comms), "name": a.names(comms),
            "core": a.ids(pa.array(core, mask=core < 0)),
            "status": pa.array(np.where(core >= 0, "ok", "no_core"), pa.string()),
            **{r: id_lists(a, c["lists"][r]) for r in ("sub_core", "pan_core", "unlinked",
                                                      "external")},
            "members": pa.array(c["members"], pa.int64()),
            "linkage_rate": pa.array(linkage_rates(c), pa.float64(),
                                     from_pandas=True),
        })
    rows = result.to_dict()["circles"]
    keys = ("community", "name", "core", "status", "sub_core", "pan_core", "unlinked",
            "external", "members", "linkage_rate")
    types = {"sub_core": _LIST, "pan_core": _LIST, "unlinked": _LIST, "external": _LIST,
             "members": pa.int64(), "linkage_rate": pa.float64()}
    return pa.table({k: pa.array([r[k] for r in rows], types.get(k, pa.string()))
                     for k in keys})


def _findings(result: AuditResult) -> pa.Table:
    src = result._source
    if src is None:
        frame = result.findings
        cols = {c: frame[c].tolist() for c in frame.columns}
    else:
        rows = src.finding_rows()
        parts = []
        for code in FINDING_CODES:
            part = rows[code]
            n = len(part["subject"])
            parts.append(pa.table({
                "code": pa.array([code] * n, pa.string()),
                **{c: _strings(part[c]) for c in ("subject", "name", "message", "action",
                                                  "community", "area")},
                "units": part["units"].cast(_LIST),
            }))
        return pa.concat_tables(parts)
    return pa.table({c: pa.array(v, _LIST if c == "units" else pa.string())
                     for c, v in cols.items()})


def _strings(values: Any) -> pa.Array:
    if isinstance(values, pa.Array | pa.ChunkedArray):
        return values.cast(pa.string())
    return pa.array(values, pa.string())


def write_parquet(result: AuditResult, folder: str | os.PathLike[str]) -> Path:
    """Write the audit into `folder` as Parquet files (see the module docstring).

    Examples
    --------
    >>> import graphkit as gk, shutil, tempfile
    >>> out = write_parquet(gk.audit(gk.read_dataset("data/sihui")), tempfile.mkdtemp())
    >>> sorted(p.name for p in out.iterdir())  # doctest: +NORMALIZE_WHITESPACE
    ['audit.json', 'circles.parquet', 'findings.parquet', 'mechanisms.parquet',
     'rates.parquet', 'units.parquet']
    >>> shutil.rmtree(out)
    """
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    head = result.to_dict() if result._source is None else None
    meta = {"schema": 1, "scope": result.scope,
            "dataset": (head or {}).get("dataset") or {
                "name": result.meta.get("name"), "snapshot": result.meta.get("snapshot"),
                "nodes": result.n_nodes, "edges": result.n_edges,
                "counts": dict(result.counts)},
            "settings": dict(result.settings)}
    files = {out / f"{name}.parquet": data for name, data in _encoded(result)}
    files[out / "audit.json"] = orjson.dumps(meta, option=orjson.OPT_INDENT_2
                                             | orjson.OPT_APPEND_NEWLINE)
    write_all_atomic(files)
    return out


#: The tables of the Parquet files, in the order they are made.
_TABLES = {"units": _units, "rates": _rates, "circles": _circles, "findings": _findings,
           "mechanisms": _mechanisms}


def _encoded(result: AuditResult) -> list[tuple[str, bytes]]:
    """Each table of :data:`_TABLES` as Parquet bytes. A table is encoded and compressed
    (Arrow's C++, without Python's lock) in a thread while the next one is made (0.9 s of
    the 1M audit's encoding, beside 2 s of making the tables: BENCHMARKS.md, issue 24's
    twelfth round); one table at a time waits for its encoding."""
    done: list[tuple[str, bytes]] = []
    pending: tuple[str, Beside[bytes]] | None = None
    for name, make in _TABLES.items():
        table = make(result)
        if pending is not None:
            done.append((pending[0], pending[1].result()))
        pending = (name, Beside(lambda t=table: _bytes(t), f"parquet-{name}"))
        del table
    if pending is not None:
        done.append((pending[0], pending[1].result()))
    return done
