"""Doctest namespace: the examples in graphkit's docstrings may use ``gk``, ``pd``, ``np``."""

import numpy as np
import pandas as pd
import pytest

import graphkit as gk


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace: dict) -> None:
    doctest_namespace.update(gk=gk, pd=pd, np=np)
