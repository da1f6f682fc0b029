"""One igraph call run in a second Python process, beside this one.

python-igraph holds the GIL while its C kernels run, so a thread cannot overlap one
measure with another. :func:`start` hands one call (``Graph.betweenness(...)``, ...) to a
fresh interpreter that imports only NumPy and igraph, rebuilds the same graph (the same
vertex count and the same edges in the same order, so the same adjacency and bit-for-bit
the same result) and sends the values back; this process goes on with the other measures
and asks for the values when it needs them (:meth:`Pending.result`). Below ``min_work``,
on a machine with one usable core, or when the second process cannot start or fails, the
call runs here instead (as it does when the answer is not an array of floats): the
result is the same either way.

Examples
--------
>>> import igraph as ig
>>> g = ig.Graph.Ring(6)
>>> p = start(g, "closeness", {"normalized": False}, work=1, min_work=0)
>>> p.result().tolist() == g.closeness(normalized=False)
True
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
from typing import Any

import igraph as ig
import numpy as np

__all__ = ["MIN_WORK", "Pending", "bfs_work", "cores", "start"]

#: Estimated edge visits below which a call runs in this process (starting a second
#: interpreter costs ~0.2 s of CPU; igraph's BFS-based kernels visit ~10^7 edges in that).
MIN_WORK = 20_000_000

# The second process: reads (n, edges, method, kwargs) pickled on stdin, writes the values
# pickled on stdout. Ctrl-C ends it quietly: the first process reports the interruption.
_WORKER = """\
import pickle, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
sys.modules["matplotlib"] = None  # igraph's drawing would import pyplot: 0.3 s for nothing
import igraph as ig, numpy as np
n, edges, method, kwargs = pickle.load(sys.stdin.buffer)
g = ig.Graph(n=n, edges=edges, directed=False)
values = np.asarray(getattr(g, method)(**kwargs), dtype=float)
sys.stdout.buffer.write(pickle.dumps(values, protocol=5))
"""


def bfs_work(membership: np.ndarray, edges: np.ndarray, sources: np.ndarray) -> float:
    """The edge visits of breadth-first searches from `sources`: for each source, the edges
    of its component (`membership`: component per vertex; `edges`: (m, 2) vertex pairs).

    Examples
    --------
    >>> bfs_work(np.array([0, 0, 0, 1, 1]), np.array([[0, 1], [1, 2], [3, 4]]),
    ...          np.array([0, 3, 4]))
    4.0
    """
    if not len(edges):
        return 0.0
    per_component = np.bincount(membership[edges[:, 0]], minlength=int(membership.max()) + 1)
    return float(per_component[membership[sources]].sum())


def cores() -> int:
    """The CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class Pending:
    """The values of one igraph call, computed beside this process or here."""

    def __init__(self, g: ig.Graph, method: str, kwargs: dict[str, Any],
                 proc: subprocess.Popen | None, edges: Any = None) -> None:
        self._g, self._method, self._kwargs = g, method, kwargs
        self._edges = edges
        self._proc = proc
        self._values: np.ndarray | None = None
        self._out: list[bytes] = []
        self._reader: threading.Thread | None = None
        if proc is not None:
            self._reader = threading.Thread(target=self._talk, daemon=True)
            self._reader.start()

    def _talk(self) -> None:
        proc = self._proc
        assert proc is not None and proc.stdin is not None and proc.stdout is not None
        edges = self._edges if self._edges is not None else self._g.get_edgelist()
        try:
            proc.stdin.write(pickle.dumps((self._g.vcount(), edges, self._method,
                                           self._kwargs), protocol=5))
            proc.stdin.close()
            self._out.append(proc.stdout.read())
        except OSError:  # the second process died: result() computes here
            pass

    def result(self) -> np.ndarray:
        """The call's values (as floats), waiting for the second process if it runs."""
        if self._values is None:
            self._values = self._compute()
        return self._values

    def _compute(self) -> np.ndarray:
        if self._proc is not None:
            proc, self._proc = self._proc, None
            try:
                assert self._reader is not None
                self._reader.join()
                code = proc.wait()
                if code == 0 and self._out:
                    values = _values(self._out[0])
                    if values is not None:
                        return values
            finally:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
        return np.asarray(getattr(self._g, self._method)(**self._kwargs), dtype=float)

    def __del__(self) -> None:
        proc = getattr(self, "_proc", None)
        if proc is not None and proc.poll() is None:
            proc.kill()


def _values(answer: bytes) -> np.ndarray | None:
    """The float array the second process sent, or None for anything else."""
    try:
        values = pickle.loads(answer)
    except Exception:  # a garbled answer: computed here instead
        return None
    ok = isinstance(values, np.ndarray) and values.dtype == float and values.ndim == 1
    return values if ok else None


def start(g: ig.Graph, method: str, kwargs: dict[str, Any], *, work: float,
          min_work: float | None = None, edges: Any = None) -> Pending:
    """``g.method(**kwargs)`` on the undirected graph `g`, started beside this process
    when its estimated `work` (edge visits) reaches `min_work` and a second core is free,
    else run here when its result is asked for.

    Parameters
    ----------
    g : igraph.Graph
        Undirected; its vertex count and edges are all the second process gets (no
        attributes, no weights).
    method : str
        A method of :class:`igraph.Graph` returning one number per vertex (or per given
        vertex).
    kwargs : dict
        Its keyword arguments (picklable).
    work, min_work : float
        Estimated edge visits of the call, and the threshold (default :data:`MIN_WORK`).
    edges : (m, 2) int array, optional
        ``g``'s edges in the order of their ids, when already at hand.

    Returns
    -------
    Pending
    """
    proc = None
    if work >= (MIN_WORK if min_work is None else min_work) and cores() > 1:
        try:
            proc = subprocess.Popen([sys.executable, "-c", _WORKER], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except OSError:
            proc = None
    return Pending(g, method, kwargs, proc, edges)
