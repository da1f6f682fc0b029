"""Small DataFrame conventions shared by the modules."""

from __future__ import annotations

import pandas as pd


def text_as_object(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns as ``object`` dtype with ``None`` for missing values, in place.

    pandas >= 3 infers its own string dtype in many operations; graphkit keeps one
    convention for every table it returns, so that equal results compare equal.
    """
    for col in frame.columns:
        if isinstance(frame[col].dtype, pd.StringDtype):
            frame[col] = frame[col].astype(object).where(frame[col].notna(), None)
    return frame
