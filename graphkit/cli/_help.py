"""The command line's help pages, from the message catalogue and as wide as the terminal.

Commands and options carry no help text in the code: :class:`Command` reads it from
:mod:`graphkit.messages` when a page is drawn, in the language of the moment, by the keys
``cli.<command>`` (the command), ``cli.<command>.<option>`` (one of its options, the long
name without dashes) and ``cli.opt.<option>`` (an option several commands share). The
group's command list shows the first sentence of each command's help.

:class:`HelpFormatter` wraps by display width (a Chinese character takes two columns of a
terminal; click counts characters), so a Chinese page stays within the terminal.

Examples
--------
>>> from graphkit import messages
>>> help_key("audit", "--fail-under-work")
'cli.audit.fail-under-work'
>>> with messages.use("zh"):
...     first_sentence("审计数据集：覆盖率、一核双圈和问题清单。DATASET 可以是文件夹。", 80)
'审计数据集：覆盖率、一核双圈和问题清单。'
>>> wrap("一二三四五六七八九十", 8)
['一二三四', '五六七八', '九十']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import click
from rich.cells import cell_len

from .. import messages
from ..messages import t
from ._click_i18n import gettext

__all__ = ["HELP_VALUES", "Command", "Context", "Group", "HelpFormatter", "first_sentence",
           "help_key", "lang_option", "option_help", "wrap"]

#: Characters a line never starts with (Chinese closing punctuation, ASCII closers).
_NO_LINE_START = set("，。、；：？！）》」』】’”,.;:?!)]}%")
#: Characters a line never ends with (opening punctuation).
_NO_LINE_END = set("（《「『【‘“([{")
#: A word of text that is not Chinese (kept whole), or one character, or a run of spaces.
_TOKEN = re.compile(r"[ \t]+|[\x21-\x7e\u00a0-\u02ff]+|.", re.S)


def wrap(text: str, width: int) -> list[str]:
    """`text` as lines of at most `width` terminal columns: Latin words whole (unless
    longer than a line), Chinese broken between any two characters but never before
    closing punctuation; lines of the text kept."""
    width = max(width, 4)
    out: list[str] = []
    for para in text.split("\n"):
        line, used, last = "", 0, ""
        for tok in _TOKEN.findall(para):
            n = cell_len(tok)
            if tok.isspace():
                if line:
                    line, used, last = line + tok, used + n, ""
                continue
            if used + n > width and line.strip():
                if tok not in _NO_LINE_START:
                    keep = line.rstrip()
                    carry = keep[-1] if keep and keep[-1] in _NO_LINE_END else ""
                    out.append(keep[: len(keep) - len(carry)].rstrip())
                    line, used = carry, cell_len(carry)
                elif last and len(line) > len(last):
                    # closing punctuation never starts a line: the word or character
                    # before it goes along to the next one (with an opening bracket
                    # before that)
                    keep = line[: -len(last)].rstrip()
                    if len(keep) > 1 and keep[-1] in _NO_LINE_END:
                        keep, last = keep[:-1], keep[-1] + last
                    out.append(keep.rstrip())
                    line, used = last, cell_len(last)
            while n > width:  # a word longer than a line: cut it
                cut = _fit(tok, width - used)
                out.append((line + tok[:cut]).rstrip())
                line, used, tok = "", 0, tok[cut:]
                n = cell_len(tok)
            line, used, last = line + tok, used + n, tok
        out.append(line.rstrip())
    return out


def _fit(text: str, width: int) -> int:
    """How many leading characters of `text` fit in `width` columns (at least one)."""
    used = 0
    for i, ch in enumerate(text):
        used += cell_len(ch)
        if used > width:
            return max(i, 1)
    return len(text)


def first_sentence(text: str, limit: int) -> str:
    """The first sentence of `text` (up to ``。`` or ``. ``), cut to `limit` columns."""
    para = text.strip().split("\n\n")[0].replace("\n", " ")
    m = re.search(r"。|\.(\s|$)", para)
    head = para[: m.end()].strip() if m else para
    if cell_len(head) <= limit:
        return head
    cut = _fit(head, max(limit - 1, 1))
    return head[:cut].rstrip() + "…"


#: Values the help texts quote (``{problems_per_kind}``, ...), filled in by the modules that
#: own them; every help text is formatted with all of them.
HELP_VALUES: dict[str, object] = {}


def help_key(command: str, opt: str) -> str:
    """The catalogue key of option `opt` (``--out``) of `command`."""
    return f"cli.{command}.{opt.lstrip('-')}"


def option_help(command: str | None, param: click.Parameter) -> str | None:
    """The help of `param` of `command` from the catalogue: the command's own entry, else
    the shared ``cli.opt.`` one; ``None`` when neither exists."""
    names = [o for o in param.opts if o.startswith("--")] or list(param.opts)
    if not names:
        return None
    name = max(names, key=len).lstrip("-")
    for key in ((f"cli.{command}.{name}",) if command else ()) + (f"cli.opt.{name}",):
        if messages.has(key):
            return t(key, **HELP_VALUES)
    return None


class HelpFormatter(click.HelpFormatter):
    """Click's help formatter, measuring text in terminal columns."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:
            prefix = gettext("Usage:")
            prefix += " " if prefix.isascii() else ""
        head = f"{prefix:>{self.current_indent}}{prog} "
        lines = wrap(args, max(self.width - self.current_indent - cell_len(head), 20))
        self.write(head + lines[0] + "\n")
        for line in lines[1:]:
            self.write(" " * cell_len(head) + line + "\n")

    def write_heading(self, heading: str) -> None:
        colon = ":" if heading.isascii() else "："
        self.write(f"{'':>{self.current_indent}}{heading}{colon}\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        paras = [p.strip() for p in text.split("\n\n") if p.strip()]
        for i, para in enumerate(paras):
            if i:
                self.write("\n")
            for line in wrap(para, self.width - self.current_indent):
                self.write(f"{indent}{line}\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30,
                 col_spacing: int = 2) -> None:
        rows = list(rows)
        first_width = min(max((cell_len(a) for a, _ in rows), default=0), col_max)
        first_col = first_width + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if cell_len(first) <= first_width:
                self.write(" " * (first_col - cell_len(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap(second, max(self.width - first_col - self.current_indent, 10))
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * (first_col + self.current_indent) + line + "\n")


class Context(click.Context):
    """Click's context with graphkit's help formatter."""

    formatter_class = HelpFormatter


def lang_option() -> click.Option:
    """``--lang zh|en``: every command takes it (:func:`graphkit.cli.main` reads it, and
    ``$GRAPHKIT_LANG``, before anything is parsed; here it is checked and documented)."""
    return click.Option(["--lang"], type=click.Choice(messages.LANGUAGES),
                        envvar=messages.ENVVAR, expose_value=False)


class Command(click.Command):
    """A command whose help and options' help come from the message catalogue; every
    command takes ``--lang``."""

    context_class = Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not any(p.name == "lang" for p in self.params):
            self.params.append(lang_option())

    def _help_text(self) -> str:
        key = f"cli.{self.name}"
        return t(key, **HELP_VALUES) if messages.has(key) else (self.help or "")

    def get_short_help_str(self, limit: int = 45) -> str:
        return first_sentence(self._help_text(), limit)

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        text = self._help_text()
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(text)

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces = [t("cli.usage.options")] if self.options_metavar else []
        for param in self.get_params(ctx):
            pieces.extend(param.get_usage_pieces(ctx))
        return pieces

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        params = super().get_params(ctx)
        for param in params:
            text = option_help(self.name, param)
            if text is not None:
                param.help = text
        return params


class Group(click.Group, Command):
    """The ``graphkit`` group: its commands are :class:`Command`."""

    command_class = Command

    def _help_text(self) -> str:
        return t("cli") if messages.has("cli") else (self.help or "")

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return [*Command.collect_usage_pieces(self, ctx), t("cli.usage.command")]

