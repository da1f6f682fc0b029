"""One validated settings object with overrides."""

from __future__ import annotations

import pytest

import graphkit as gk


def test_defaults():
    assert gk.settings.min_branch_members == 3
    assert gk.settings.sub_core_min_rating == 4


def test_override_is_temporary_and_validated():
    with gk.settings.override(min_branch_members=5):
        assert gk.settings.min_branch_members == 5
    assert gk.settings.min_branch_members == 3
    with pytest.raises(ValueError), gk.settings.override(sub_core_min_rating=6):
        pass
    with pytest.raises(TypeError), gk.settings.override(min_branch_members="3"):
        pass
    assert gk.settings.sub_core_min_rating == 4


def test_unknown_names_are_refused():
    with pytest.raises(AttributeError, match="unknown graphkit setting"):
        gk.settings.min_members = 2
    with pytest.raises(AttributeError):
        gk.settings.no_such_thing  # noqa: B018
    with pytest.raises(AttributeError), gk.settings.override(typo=1):
        pass


def test_per_call_override_is_validated(builder):
    b = builder
    b.community("c1", core="o")
    with pytest.raises(ValueError):
        gk.circles(b.graph(), sub_core_min_rating=9)
    with pytest.raises(ValueError):
        gk.findings(b.graph(), min_branch_members=0)
