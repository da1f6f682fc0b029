"""Text as written into reports: control characters made visible, never executed."""

from __future__ import annotations

import re

__all__ = ["visible"]

# C0 controls (tab and newline included: a report cell or line holds one line), DEL, C1
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _picture(m: re.Match[str]) -> str:
    ch = m.group(0)
    code = ord(ch)
    if ch in "\t\n\r":
        return " "
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control picture: \x0b -> ␋
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def visible(text: object) -> str:
    """`text` as a one-line string whose control characters are shown, not obeyed.

    A vertical tab becomes "␋" (its Unicode control picture), an escape "␛", a newline or
    tab a space: a terminal never receives an escape sequence from a name, and a workbook
    never holds a character that XML forbids.

    Examples
    --------
    >>> visible("东城\\x0b台账"), visible("a\\x1b[31mb"), visible(None)
    ('东城␋台账', 'a␛[31mb', '')
    """
    if text is None:
        return ""
    return _CONTROL.sub(_picture, str(text))
