"""Members' personal data: redaction by default, keyed pseudonyms on request.

Person nodes may carry names, phone numbers, ID-card numbers and the like (personal
information under the PIPL). graphkit's outputs meant for other eyes -- reports, exported
datasets, graph files, log messages -- show a Person's ``id`` and ``kind`` only:

* :func:`redact_people` keeps a Person's ``id``, ``label`` and ``kind``; its name becomes
  its id and every other attribute is dropped (``members`` 0, extra properties missing),
  and so are the properties of its relationships (``since`` and extras).
* :func:`pseudonymize` does the same and also replaces each Person id (and so the name)
  by a keyed pseudonym, ``HMAC-SHA256(key, id)``: the same key gives the same pseudonym
  for the same person in every run and every snapshot, so pseudonymized snapshots can
  still be compared, while nobody without the key can recover or test an id.

The analyses are unchanged by either: coverage, circles and findings never read a Person's
attributes, only its edges and kind.

Examples
--------
>>> import graphkit as gk
>>> from graphkit.privacy import pseudonymize, read_key
>>> ds = gk.read_dataset("data/sihui")                               # doctest: +SKIP
>>> safe = pseudonymize(ds, read_key("graphkit.key"))                 # doctest: +SKIP
>>> safe.nodes.query("label == 'Person'")[["id", "name", "kind"]].head()  # doctest: +SKIP
"""

from __future__ import annotations

import ast
import dataclasses
import hashlib
import hmac
import os
import re
import secrets
from pathlib import Path

import pandas as pd

from .. import vocab as V
from ..errors import Problem, UsageError, os_reason
from ..messages import t
from ._atomic import write_atomic
from ._input import read_regular
from .dataset import Dataset

__all__ = ["MIN_KEY_BYTES", "PERSON_PUBLIC", "make_key", "pseudonym", "pseudonymize",
           "pseudonymize_values", "read_key", "redact_people"]

#: The Person columns any output may show.
PERSON_PUBLIC = ("id", "label", "kind")

#: Shortest accepted key (bytes of the key file, surrounding whitespace removed).
MIN_KEY_BYTES = 16

_PREFIX = "P-"
_DOMAIN = b"graphkit/person-id\x00"
#: A Python string literal as ``repr`` writes ids into messages.
_QUOTED = re.compile(r"'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"")


def read_key(path: str | os.PathLike[str]) -> bytes:
    """The pseudonymization key held in the file `path`.

    Any bytes serve as a key (surrounding whitespace and line ends are ignored, so a key
    written by ``graphkit keygen`` or typed into an editor works; a text key re-saved with
    a byte order mark, as UTF-8 or UTF-16, is the same key); it must have at least
    :data:`MIN_KEY_BYTES` bytes.

    Raises
    ------
    UsageError
        When the file cannot be read or holds a key that is too short.
    """
    p = Path(path)
    try:
        key = _as_saved(read_regular(p, "key")).strip()
    except OSError as exc:
        raise UsageError(t("privacy.key_unreadable", path=p, reason=os_reason(exc))) from exc
    if len(key) < MIN_KEY_BYTES:
        raise UsageError(t("privacy.key_short", path=p, n=len(key), min=MIN_KEY_BYTES))
    return key


_UTF16_BOMS = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}
_UTF8_BOM = b"\xef\xbb\xbf"


def _as_saved(data: bytes) -> bytes:
    r"""The key bytes of a key file as an editor may have saved it: a text key re-saved by
    Notepad as "UTF-8 with BOM" or "Unicode" (UTF-16) is the same key as the file
    ``graphkit keygen`` wrote (it changed every pseudonym: snapshots no longer joined).

    A byte order mark followed by text in its encoding is taken as such and the text
    read as UTF-8; any other bytes are the key as they are (a binary key whose first
    bytes happen to look like a mark is kept whole unless the rest is printable text).

    Examples
    --------
    >>> hexkey = "00112233445566778899aabbccddeeff"
    >>> saved = [hexkey.encode(), ("\ufeff" + hexkey + "\r\n").encode("utf-8"),
    ...          ("\ufeff" + hexkey + "\r\n").encode("utf-16-le"),
    ...          ("\ufeff" + hexkey).encode("utf-16-be")]
    >>> {_as_saved(s).strip() for s in saved} == {hexkey.encode()}
    True
    >>> _as_saved(b"\xff\xfe\x00\xd8binary")  # not UTF-16 text: the bytes as they are
    b'\xff\xfe\x00\xd8binary'
    """
    encoding = "utf-8" if data.startswith(_UTF8_BOM) else _UTF16_BOMS.get(data[:2])
    if encoding is None:
        return data
    body = data[len(_UTF8_BOM) if encoding == "utf-8" else 2:]
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError:
        return data
    if not text.strip().isprintable():
        return data
    return text.encode("utf-8")


def make_key(path: str | os.PathLike[str]) -> Path:
    """Write a new random key (64 hex digits) to `path`, readable by its owner only.

    Refuses to overwrite an existing file: losing a key breaks the link between
    pseudonymized snapshots.
    """
    p = Path(path)
    try:
        write_atomic(p, secrets.token_hex(32) + "\n", mode=0o600, exclusive=True)
    except FileExistsError as exc:
        raise UsageError(t("privacy.key_exists", path=p)) from exc
    return p


def pseudonym(key: bytes, person_id: str) -> str:
    """The pseudonym of `person_id` under `key`: ``P-`` and 20 hex digits of its HMAC.

    Examples
    --------
    >>> pseudonym(b"0123456789abcdef", "p1")
    'P-a150a9a5aa115416652c'
    """
    mac = hmac.new(key, _DOMAIN + str(person_id).encode("utf-8"), hashlib.sha256)
    return _PREFIX + mac.hexdigest()[:20]


def _people(ds: Dataset) -> pd.Series:
    return ds.nodes["label"] == V.PERSON


def _withhold(col: pd.Series, rows: pd.Series) -> pd.Series:
    """`col` with the cells of `rows` missing, keeping its dtype where it has a missing value."""
    if col.dtype != object and isinstance(col.dtype, pd.api.extensions.ExtensionDtype):
        return col.mask(rows)
    return col.astype(object).where(~rows, None)


def redact_people(ds: Dataset) -> Dataset:
    """`ds` with every Person attribute except id, label and kind withheld.

    A Person's ``name`` becomes its id (graph tools still show a label), ``members`` 0
    and every extra property missing; the relationships of a Person (enrolment,
    registration, guidance) lose their ``since`` and extra properties. Other nodes and
    relationships are unchanged.

    Examples
    --------
    >>> safe = redact_people(gk.read_dataset("data/sihui"))             # doctest: +SKIP
    """
    people = _people(ds)
    if not people.any():
        return ds
    return _rebuilt(ds, *_redacted(ds, people), ds.warnings)


def _redacted(ds: Dataset, people: pd.Series) -> tuple[pd.DataFrame, pd.DataFrame]:
    """New node and edge tables of `ds` with the Person data of :func:`redact_people`
    withheld."""
    nodes = ds.nodes
    nodes.loc[people, "name"] = nodes.loc[people, "id"]
    nodes.loc[people, "members"] = 0
    for col in nodes.columns.difference(V.NODE_COLUMNS, sort=False):
        nodes[col] = _withhold(nodes[col], people)
    ids = nodes.loc[people, "id"]
    edges = ds.edges
    touching = edges["source"].isin(ids) | edges["target"].isin(ids)
    if touching.any():
        edges.loc[touching, "since"] = ""
        for col in edges.columns.difference(V.EDGE_COLUMNS, sort=False):
            edges[col] = _withhold(edges[col], touching)
    return nodes, edges


def pseudonymize(ds: Dataset, key: bytes) -> Dataset:
    """`ds` with Person ids and names replaced by keyed pseudonyms (and redacted).

    Every Person id becomes :func:`pseudonym` ``(key, id)`` in the node table, in the
    edges' ``source``/``target`` and in the dataset's warning messages; its name becomes
    the same pseudonym; other Person attributes are withheld as in :func:`redact_people`.

    Examples
    --------
    >>> safe = pseudonymize(gk.read_dataset("data/sihui"), b"a key of 16+ bytes")  # doctest: +SKIP
    """
    if len(key) < MIN_KEY_BYTES:
        raise UsageError(t("privacy.key_too_short", min=MIN_KEY_BYTES))
    people = _people(ds)
    if not people.any():
        return ds
    mapping = {pid: pseudonym(key, pid) for pid in ds.nodes.loc[people, "id"].unique()}
    nodes, edges = _redacted(ds, people)
    nodes.loc[people, "id"] = nodes.loc[people, "id"].map(mapping)
    nodes.loc[people, "name"] = nodes.loc[people, "id"]
    for col in ("source", "target"):
        hit = edges[col].isin(mapping.keys())
        if hit.any():
            edges.loc[hit, col] = edges.loc[hit, col].map(mapping)
    warnings = tuple(_rewrite(p, mapping) for p in ds.warnings)
    return _rebuilt(ds, nodes, edges, warnings)


def _rebuilt(ds: Dataset, nodes: pd.DataFrame, edges: pd.DataFrame,
             warnings: tuple[Problem, ...]) -> Dataset:
    """A new (validated) dataset of `nodes` and `edges` with the metadata of `ds` and the
    given warnings (those of the original reading, rewritten)."""
    out = Dataset.from_frames(nodes, edges, name=ds.name, snapshot=ds.snapshot,
                              description=ds.description, source=ds.source)
    return out.with_meta(warnings=tuple(warnings))


def _rewrite(problem: Problem, mapping: dict[str, str]) -> Problem:
    """`problem` with each quoted Person id in its message replaced by its pseudonym."""
    def swap(m: re.Match[str]) -> str:
        try:
            value = ast.literal_eval(m.group(0))
        except (ValueError, SyntaxError):
            return m.group(0)
        return repr(mapping[value]) if value in mapping else m.group(0)

    msg = _QUOTED.sub(swap, problem.message)
    msg_zh = _QUOTED.sub(swap, problem.message_zh)
    if (msg, msg_zh) == (problem.message, problem.message_zh):
        return problem
    return dataclasses.replace(problem, message=msg, message_zh=msg_zh)


def _vocabulary() -> frozenset[str]:
    words = {*V.LABELS, *V.REL_TYPES, *V.COVER_MODES, *V.NODE_COLUMNS, *V.EDGE_COLUMNS,
             *V.COVERAGE_STATUSES, *V.ORG_KIND_RANK, V.META_LABEL}
    for kinds in V.KINDS.values():
        words.update(kinds or ())
    return frozenset(words)


def pseudonymize_values(problem: Problem, key: bytes) -> Problem:
    """`problem` with every quoted value of its message that is not a word of the
    vocabulary (a label, type, kind, mode or column) replaced by its pseudonym.

    For a dataset that could not be read, so whose Person ids are unknown: under
    ``--pseudonymize`` its problems are shown this way, ids included (they may be Persons').

    Examples
    --------
    >>> p = Problem("error", "edges.csv", 3, None, "duplicate id 'p1' (label 'Person')")
    >>> str(pseudonymize_values(p, b"0123456789abcdef"))
    "edges.csv:3: error: duplicate id 'P-a150a9a5aa115416652c' (label 'Person')"
    """
    words = _vocabulary()

    def swap(m: re.Match[str]) -> str:
        try:
            value = ast.literal_eval(m.group(0))
        except (ValueError, SyntaxError):
            return repr(pseudonym(key, m.group(0)))
        if not isinstance(value, str) or value in words or value == "":
            return m.group(0)
        return repr(pseudonym(key, value))

    msg = _QUOTED.sub(swap, problem.message)
    msg_zh = _QUOTED.sub(swap, problem.message_zh)
    if (msg, msg_zh) == (problem.message, problem.message_zh):
        return problem
    return dataclasses.replace(problem, message=msg, message_zh=msg_zh)
