"""Every kind of cue that data/lexicon/cue_kinds.tsv declares is read by the code, and the
code reads no kind it does not declare (a typo in a kind is a cue nobody reads).

The kinds the code reads are found in its source: the arguments of `cues_of`, `has_cue`
and the loader's `cue_words`, and the strings compared with a `.cue` attribute
(`m.value.cue == "capital"`); a name among them stands for the strings assigned to it in
its module. A few frame cues are made by the code itself, not found in the text: they are
no kinds of the table.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import qusgraph
from qusgraph.extract.chairs import HOSTING, LEADING, WELCOMING
from qusgraph.extract.frames import CHAIRED_FRAME, SIGNING_FRAME
from qusgraph.text.lexicon import Lexicon

SOURCE = Path(qusgraph.__file__).parent
READERS = frozenset({"cues_of", "has_cue", "cue_words"})  # functions that take kinds of cue
MADE_BY_CODE = frozenset({SIGNING_FRAME, CHAIRED_FRAME, HOSTING, LEADING, WELCOMING})


def _strings(node: ast.AST, assigned: dict[str, set[str]]) -> Iterator[str]:
    """The strings a node of a kind argument or comparison stands for."""
    if isinstance(node, ast.Starred):
        node = node.value
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.Name):
        yield from assigned.get(node.id, ())
    elif isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        for element in node.elts:
            yield from _strings(element, assigned)


def _assigned(tree: ast.Module) -> dict[str, set[str]]:
    """Each name of a module with the strings assigned to it anywhere in the module."""
    assigned: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            value = node.value
            if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "frozenset":
                value = value.args[0] if value.args else value
            for target in node.targets:
                if isinstance(target, ast.Name):
                    assigned.setdefault(target.id, set()).update(_strings(value, {}))
    return assigned


def kinds_read(path: Path) -> set[str]:
    """The kinds of cue one module of the code asks for."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assigned = _assigned(tree)
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in READERS:
                for argument in node.args:
                    found.update(_strings(argument, assigned))
        elif isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(isinstance(side, ast.Attribute) and side.attr == "cue" for side in sides):
                for side in sides:
                    found.update(_strings(side, assigned))
    return found


def test_every_declared_cue_kind_is_read_and_every_kind_read_is_declared(lexicon: Lexicon) -> None:
    read = set().union(*(kinds_read(path) for path in SOURCE.rglob("*.py"))) - MADE_BY_CODE
    assert sorted(lexicon.cue_kinds - read) == [], "kinds of cue_kinds.tsv that no code reads"
    assert sorted(read - lexicon.cue_kinds) == [], "kinds the code reads that cue_kinds.tsv does not declare"


def test_every_declared_cue_kind_has_cues(lexicon: Lexicon) -> None:
    used = {cue.cue for _, cue in lexicon.cues.forms()} | {
        cue.cue for stems in lexicon.cues._stems.values() for _, cue in stems
    }
    assert sorted(lexicon.cue_kinds - used) == []


def test_a_kind_nobody_reads_is_found(tmp_path: Path) -> None:
    module = tmp_path / "reader.py"
    module.write_text(
        'KINDS = ("event", "host")\n'
        "def f(mentions, m, kinds):\n"
        '    local = ("filler",)\n'
        '    return mentions.cues_of(*KINDS, "sign") or mentions.has_cue(*local) or m.value.cue == "capital"\n',
        encoding="utf-8",
    )
    assert kinds_read(module) == {"event", "host", "sign", "filler", "capital"}
