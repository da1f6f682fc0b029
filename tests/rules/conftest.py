"""Helpers of the rules' tests: a hand-built network's coded tables on an engine."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import graphkit as gk
from graphkit.rules._base import Tables, tables_of

from ..conftest import Builder


@pytest.fixture(params=["duckdb", "polars"])
def tables(request: pytest.FixtureRequest) -> Callable[[Builder], Tables]:
    """Tables of a Builder's network on each embedded engine (Spark: tests/test_engines.py)."""
    def make(b: Builder) -> Tables:
        return tables_of(gk.Dataset.from_networkx(b.graph()), request.param)
    return make
