"""Shared fixtures: the lexicon, loaded once per session, and the tokeniser."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from qusgraph.text.lexicon import Lexicon, load_lexicon
from qusgraph.text.tokens import Token, tokenize


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    """The lexicon of `data/lexicon/`, as the pipeline loads it."""
    return load_lexicon()


@pytest.fixture(scope="session")
def tokens() -> Callable[[str], list[Token]]:
    """`tokens(text)`: the tokens of `text`, as the extractors see them."""
    return tokenize
