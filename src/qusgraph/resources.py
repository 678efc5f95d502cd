"""The only module that knows where the ontology, shapes and data files live.

In a source checkout (and an editable install) they are the top-level `ontology/`,
`shapes/` and `data/` folders; a wheel carries them as `qusgraph/_assets/`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def asset_root() -> Path:
    """The folder that holds `ontology/`, `shapes/` and `data/`."""
    bundled = _PACKAGE_DIR / "_assets"
    if (bundled / "ontology").is_dir():
        return bundled
    checkout = _PACKAGE_DIR.parent.parent
    if (checkout / "ontology").is_dir():
        return checkout
    raise FileNotFoundError(f"cannot find qusgraph's ontology/, shapes/ and data/ near {_PACKAGE_DIR}")


def ontology_file(name: str) -> Path:
    """A file of `ontology/`, e.g. `ontology_file("qus.ttl")`."""
    return asset_root() / "ontology" / name


def shapes_dir() -> Path:
    return asset_root() / "shapes"


def lexicon_dir() -> Path:
    return asset_root() / "data" / "lexicon"


def queries_dir() -> Path:
    return asset_root() / "data" / "queries"
