"""The example corpus's review file: curated, documented QIDs only, links offline."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from archivekg.reconcile import EntityRef, reconcile
from archivekg.reconcile.review import load_review

ROOT = Path(__file__).resolve().parents[1]
REVIEW = ROOT / "corpus" / "wikidata-review.yaml"
REAL = Path(__file__).parent / "data" / "wikidata" / "real"
# QIDs documented in the background notes (section 3.1) for the cable's entities.
DOCUMENTED = {"Q5816", "Q16988", "Q956", "Q34800", "Q16959", "Q170521", "Q85877720", "Q648696", "Q35493",
              "Q15180", "Q148", "Q29520", "Q232", "Q159", "Q34266", "Q46118"}


def test_decisions_use_documented_qids_and_real_coordinates() -> None:
    review = load_review(REVIEW)
    assert "CURATED" in REVIEW.read_text(encoding="utf-8").split("version:")[0]
    decided = [e for e in review.entries if e.decision]
    assert len(decided) >= 25
    for e in review.entries:
        verdict = e.verdict()
        if verdict and verdict != "reject":
            assert verdict in DOCUMENTED, (e.label, verdict)
        for c in e.candidates:
            assert c.qid in DOCUMENTED
            if c.coordinates is not None:
                record = json.loads((REAL / f"{c.qid}.json").read_text(encoding="utf-8"))
                value = record["claims"]["P625"][0]["mainsnak"]["datavalue"]["value"]
                assert c.coordinates == (value["longitude"], value["latitude"])
    assert all(re.match(r"^\d{4}-\d{2}-\d{2}$", e.decided or "") for e in decided)


def test_cache_mode_links_the_sample_offline(tmp_path: Path) -> None:
    shutil.copy(REVIEW, tmp_path / REVIEW.name)
    review = load_review(REVIEW)
    refs = [EntityRef(e.iri, e.kind, e.label, names=e.names, record_ids=e.records, doc_date="1962-04-21",
                      country="China") for e in review.entries]
    # An unroutable API URL: cache mode must not need it.
    result = reconcile(refs, mode="cache", api_url="http://127.0.0.1:9/w/api.php", contact="", corpus=tmp_path,
                       threshold=0.8, margin=0.15)
    got = {x.entity_iri.rsplit("/", 1)[1]: x.qid for x in result.links}
    assert got == {"mao-zedong": "Q5816", "liu-shaoqi": "Q16988", "soviet-union": "Q15180",
                   "xinjiang-uyghur-autonomous-region": "Q34800", "kashi": "Q170521", "wulumuqi": "Q16959",
                   "tacheng": "Q648696", "beijing": "Q956", "alma-ata": "Q35493", "china": "Q148",
                   "uyghurs": "Q46118"}
    assert all(x.method == "curator" for x in result.links)
    su = next(x for x in result.links if x.qid == "Q15180")
    assert su.coordinates == (90.0, 65.0)
    assert (tmp_path / REVIEW.name).read_text(encoding="utf-8") == REVIEW.read_text(encoding="utf-8")


def test_reconcile_command_reports_and_returns_zero(tmp_path: Path) -> None:
    from archivekg.config import load_config
    from archivekg.reconcile import run_reconcile_command

    shutil.copy(REVIEW, tmp_path / REVIEW.name)
    for name in ("wilson-118180.txt", "wilson-118180.curation.yaml"):
        shutil.copy(REVIEW.parent / name, tmp_path / name)
    config = load_config(tmp_path, env={})
    lines: list[str] = []
    assert run_reconcile_command(tmp_path, config, echo=lines.append) == 0
    assert lines[0].startswith("reconcile (cache): ") and "11 linked (11 by curators, 0 automatically)" in lines[0]
    assert run_reconcile_command(tmp_path, config.replace(reconcile="off"), echo=lines.append) == 0
    assert lines[-1].startswith("reconcile: off")
