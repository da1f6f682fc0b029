"""Doctest namespace: the examples in graphkit's docstrings may use ``gk``, ``pd``, ``np``;
they read in Chinese, graphkit's default language (the test suite runs in English:
tests/conftest.py)."""

from collections.abc import Iterator

import numpy as np
import pandas as pd
import pytest

import graphkit as gk
from graphkit import messages


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace: dict, request: pytest.FixtureRequest) -> Iterator[None]:
    doctest_namespace.update(gk=gk, pd=pd, np=np)
    if type(request.node).__name__ == "DoctestItem":
        with messages.use("zh"):
            yield
    else:
        yield
