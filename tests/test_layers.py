"""The packages are the pipeline's stages, and imports only run down the pipeline.

A module may import from its own stage and from earlier ones, never from a later one: the
store does not know about the server, extraction does not know about RDF. The few imports
that cross against the flow are listed with their reason, so a new one is a decision, not
an accident.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"

# Earliest first. Modules at the top of the package (errors, resources) are below every stage.
STAGES = [
    {"text", "web"},  # text in; a saved page is read by web/pages as an Article
    {"extract"},
    {"rdf"},
    {"store"},
    {"validation"},  # checks article graphs before they are stored, and whole stores
    {"serialize"},
    {"pipeline"},
    {"explore"},
    {"remote"},
    {"server"},
    {"cli"},
]
BASE = {"errors", "resources", "__version__"}
AGAINST_THE_FLOW = {
    # A page's dateline date is read by the extractor's own date reader.
    ("qusgraph.web.pages", "qusgraph.extract.dates"),
    # A reading list skips the URLs the store already holds.
    ("qusgraph.web.sources", "qusgraph.store.embedded"),
}
# Leaks the stage order alone would allow.
FORBIDDEN = {
    ("qusgraph.store", "qusgraph.text.lexicon"): "the store loads topics.ttl, it needs no lexicon",
    ("qusgraph.store", "qusgraph.rdf.mapping"): "the store takes ArticleGraphs (rdf/graph.py), not the mapping",
    ("qusgraph.server", "qusgraph.explore.explain"): "the server reads provenance with rdf/provenance.py",
    ("qusgraph.validation", "qusgraph.text.lexicon"): "the validator's context is topics.ttl, not the lexicon",
}


def imports() -> set[tuple[str, str]]:
    """(importing module, imported module) for every relative import under src/qusgraph."""
    found: set[tuple[str, str]] = set()
    for path in (SRC / "qusgraph").rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        module = ".".join(parts)
        package = module if is_package else module.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                if node.module:
                    found.add((module, ".".join([*base, node.module])))
                else:
                    found.update((module, ".".join([*base, alias.name])) for alias in node.names)
    return found


def stage_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "qusgraph"


def rank(stage: str) -> int | None:
    return next((i for i, stages in enumerate(STAGES) if stage in stages), None)


def test_imports_run_down_the_pipeline() -> None:
    against = []
    for importer, imported in sorted(imports()):
        here, there = rank(stage_of(importer)), rank(stage_of(imported))
        if stage_of(imported) in BASE or here is None or there is None:
            continue
        if there > here and (importer, imported) not in AGAINST_THE_FLOW:
            against.append(f"{importer} imports {imported}")
    assert against == []


def test_listed_exceptions_are_still_needed() -> None:
    assert AGAINST_THE_FLOW <= imports()


def test_no_layering_leaks() -> None:
    leaks = [f"{importer} imports {imported}: {why}"
             for importer, imported in sorted(imports())
             for (stage, target), why in FORBIDDEN.items()
             if importer.startswith(stage + ".") and imported == target]
    assert leaks == []


def test_every_stage_package_is_ranked() -> None:
    packages = {path.name for path in (SRC / "qusgraph").iterdir()
                if path.is_dir() and (path / "__init__.py").exists()}
    assert packages <= set().union(*STAGES)
