"""A store of the dev corpus (../shared/corpus/dev), each article ingested with the publication
date of its gold file, and the rounds the gold files name: what the timeline must show."""

from __future__ import annotations

import json
from pathlib import Path

from server_utils import ROOT, qusgraph

DEV = ROOT.parent / "shared" / "corpus" / "dev"


def dev_store(directory: Path) -> tuple[Path, set[int]]:
    """A store holding the dev corpus (or, without ../shared, data/articles), and the ordinals
    of the rounds its gold files name (empty without ../shared)."""
    store = directory / "store"
    texts = sorted(DEV.glob("*.txt"))
    ordinals: set[int] = set()
    if texts:
        records = []
        for text in texts:
            gold = json.loads(text.with_suffix("").with_suffix(".gold.json").read_text(encoding="utf-8"))
            records.append({"id": text.stem, "text": text.read_text(encoding="utf-8"),
                            "published": gold["published"]})
            ordinals |= {r["ordinal"] for r in gold.get("rounds", []) if r.get("ordinal")}
        source = directory / "dev.jsonl"
        source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        result = qusgraph("ingest", str(source), "--store", str(store), "--quiet")
    else:
        result = qusgraph("ingest", str(ROOT / "data" / "articles"), "--store", str(store), "--quiet",
                          "--published", "2022-11-21")
    assert result.returncode == 0, result.stdout + result.stderr
    return store, ordinals
