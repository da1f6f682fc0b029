"""The message catalogue (graphkit.messages): one lookup, both languages everywhere, every
key the code asks for defined once; click's own words; the language chosen once."""

from __future__ import annotations

import ast
import importlib
import re
import sys
from pathlib import Path

import click
import pytest

from graphkit import messages
from graphkit.cli import _click_i18n

PACKAGE = Path(messages.__file__).resolve().parent.parent


def test_every_entry_has_both_languages_with_the_same_placeholders() -> None:
    for key, entry in messages.catalogue().items():
        assert set(entry) == set(messages.LANGUAGES), key
        for lang in messages.LANGUAGES:
            assert isinstance(entry[lang], str) and entry[lang].strip(), (key, lang)
        assert messages.placeholders(entry["zh"]) == messages.placeholders(entry["en"]), key


def test_chinese_entries_are_chinese() -> None:
    """A Chinese text holds Chinese (an English text copied into zh is a missed
    translation); a few are symbols only."""
    symbols = {"click.%(prog)s, version %(version)s"}
    for key, entry in messages.catalogue().items():
        if key in symbols:
            continue
        assert re.search(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]", entry["zh"]), key


def test_no_key_is_defined_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two area tables defining the same key: an error naming both modules."""
    pkg = tmp_path / "gk_messages_copy"
    pkg.mkdir()
    src = Path(messages.__file__).read_text(encoding="utf-8")
    (pkg / "__init__.py").write_text(src, encoding="utf-8")
    entry = "{'zh': '一', 'en': 'one'}"
    (pkg / "alpha.py").write_text(f"MESSAGES = {{'x.one': {entry}}}\n", encoding="utf-8")
    (pkg / "beta.py").write_text(f"MESSAGES = {{'x.one': {entry}}}\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    copy = importlib.import_module("gk_messages_copy")
    try:
        with pytest.raises(ValueError, match=r"x\.one.*gk_messages_copy\.alpha.*"
                                             r"gk_messages_copy\.beta"):
            copy.catalogue()
    finally:
        sys.modules.pop("gk_messages_copy", None)


def test_area_tables_are_found_without_registration() -> None:
    """Every module of the package contributes its table (no list to edit)."""
    names = {p.stem for p in Path(messages.__file__).parent.glob("*.py")
             if not p.stem.startswith("_")}
    for name in names:
        module = importlib.import_module(f"graphkit.messages.{name}")
        for key in module.MESSAGES:
            assert messages.has(key), (name, key)


def _keys_asked_for() -> set[tuple[str, str]]:
    """(file, key) of every literal key the package passes to t(...) (imported as ``_t``
    where ``t`` is a local name)."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("t", "_t") and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                found.add((str(path.relative_to(PACKAGE)), node.args[0].value))
    return found


def test_every_key_the_code_asks_for_exists() -> None:
    asked = _keys_asked_for()
    assert len(asked) > 20
    missing = sorted((f, k) for f, k in asked if not messages.has(k))
    assert not missing


def test_lookup_and_language() -> None:
    assert messages.t("cli.written", path="a.html", lang="zh") == "已写入 a.html"
    assert messages.t("cli.written", path="a.html", lang="en") == "written to a.html"
    with messages.use("en"):
        assert messages.current() == "en"
        with messages.use("zh"):
            assert messages.t("cli.written", path="x") == "已写入 x"
        assert messages.current() == "en"
    with pytest.raises(KeyError):
        messages.t("no.such.key")
    with pytest.raises(ValueError, match="language"):
        messages.set_language("fr")


def test_language_from_the_command_line_then_the_environment() -> None:
    choose = messages.choose_language
    assert choose(["audit", "d"], {}) == "zh"
    assert choose(["audit", "d"], {"GRAPHKIT_LANG": "en"}) == "en"
    assert choose(["audit", "d", "--lang", "zh"], {"GRAPHKIT_LANG": "en"}) == "zh"
    assert choose(["--lang=en", "audit", "d"], {}) == "en"
    assert choose(["audit", "d", "--lang", "fr"], {}) == "zh"  # the option reports it
    assert choose(["audit", "--", "--lang", "en"], {}) == "zh"  # an argument, not the option


# --- click's own words ---------------------------------------------------------------------


def _click_words() -> set[str]:
    """Every text click marks for translation (the singular of a plural)."""
    words = set()
    for path in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("_", "ngettext") and node.args
                    and isinstance(node.args[0], ast.Constant)):
                words.add(node.args[0].value)
    return words | {"required"}  # _(extra["required"]) in Option.get_help_record


#: Click's words a user of graphkit never sees (errors of a program's own declarations,
#: Windows, the editor, shell completion).
NEVER_SHOWN = {
    "Could not determine name for option with declarations {decls!r}",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Name '{name}' defined twice",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument "
    "instead? Did you mean to pass '--{name}'?",
    "Windows error: {error}", "{editor}: Editing failed", "{editor}: Editing failed: {e}",
    "Couldn't detect Bash version, shell completion is not supported.",
    "Shell completion is not supported for Bash versions older than 4.4.",
    "Unknown color {colour!r}", "Unknown standard stream '{name}'", "Choice({choices})",
    "Confirm the action without prompting.", "d",  # the days of a progress bar's ETA
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}",
}


def test_click_words_are_translated() -> None:
    """Every word click can show a graphkit user is in the catalogue, and every entry of the
    click table is a word of the installed click (a click upgrade that rewords one fails)."""
    words = _click_words()
    table = {k[len("click."):] for k in messages.catalogue() if k.startswith("click.")}
    assert table <= words
    assert not (words - table - NEVER_SHOWN)


def test_click_speaks_the_language_of_the_moment() -> None:
    _click_i18n.install()
    from click import exceptions

    with messages.use("zh"):
        assert exceptions.NoSuchOption("--frmat").format_message() == "没有选项 '--frmat'。"
    with messages.use("en"):
        assert exceptions.NoSuchOption("--frmat").format_message() == \
            "No such option '--frmat'."


# --- the command line in Chinese by default --------------------------------------------


def _help(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
          *args: str) -> str:
    from graphkit.cli import main

    monkeypatch.delenv("GRAPHKIT_LANG", raising=False)
    assert main([*args, "--help"]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", [[], ["audit"]])
def test_help_is_chinese_by_default(capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch,
                                    command: list[str]) -> None:
    text = _help(capsys, monkeypatch, *command)
    assert text.startswith("用法：graphkit")
    assert "选项：" in text and "显示本帮助并退出。" in text
    for english in ("Usage", "Options", "Show this message", "Commands", "default:"):
        assert english not in text
    if not command:
        assert "命令：" in text and "审计数据集 DATASET" in text
    english = _help(capsys, monkeypatch, *command, "--lang", "en")
    assert english.startswith("Usage: graphkit") and "Show this message and exit." in english
