#!/usr/bin/env python3
"""Sentence-level attribution measures on the PolNeAR training split (docs/quality-news.md).

Runs a hedgelint binary over ../shared/eval/polnear/text (`score --sentences --format json` for
whether each sentence is sourced, `check --format json` for its warnings) and compares, per
annotated sentence of train.jsonl:

- sourced: hedgelint marks the sentence sourced, against has_named_source | has_pronoun_source;
- vague flagged: a warning of kind `weasel` in the sentence, against has_vague_source.

train.jsonl has character offsets; hedgelint reports UTF-8 byte offsets. A hedgelint sentence
belongs to the gold sentence it overlaps most; a warning to the gold sentence holding its first
byte. The documents are split by sorted name: the first --tune-docs (600) are for tuning, the
rest (240) are a held-out check. Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import subprocess
import sys
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_EVAL = os.path.join(ROOT, "..", "shared", "eval", "polnear")


def char_to_byte_map(text: str) -> list[int]:
    """offsets[i] = byte offset of character i (len(text)+1 entries)."""
    out = [0] * (len(text) + 1)
    b = 0
    for i, ch in enumerate(text):
        out[i] = b
        b += len(ch.encode("utf-8"))
    out[len(text)] = b
    return out


def run_json(cmd: list[str]) -> dict:
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd[:4])}…: exit {proc.returncode}: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout)


def run_hedgelint(binary: str, preset: str, text_dir: str, config: str | None) -> tuple[dict, dict]:
    """Per document name: (list of hedgelint sentences, list of diagnostics)."""
    cfg = ["--config", config] if config else ["--no-config"]
    common = ["--preset", preset, *cfg, "--quiet", text_dir]
    score = run_json([binary, "score", "--sentences", "--format", "json", *common])
    check = run_json([binary, "check", "--format", "json", "--fail-on", "error", *common])
    sents: dict[str, list] = {}
    for f in score["files"]:
        sents[os.path.basename(f["path"])[: -len(".txt")]] = f.get("sentence_scores", [])
    diags: dict[str, list] = defaultdict(list)
    for d in check["diagnostics"]:
        diags[os.path.basename(d["path"])[: -len(".txt")]].append(d)
    return sents, diags


def load_gold(eval_dir: str) -> dict[str, list[dict]]:
    gold: dict[str, list[dict]] = defaultdict(list)
    with open(os.path.join(eval_dir, "train.jsonl"), encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            gold[r["doc"]].append(r)
    for rows in gold.values():
        rows.sort(key=lambda r: r["start"])
    return gold


def assess(gold, sents, diags, text_dir, docs):
    """One record per gold sentence: gold labels and predictions."""
    records = []
    for doc in docs:
        with open(os.path.join(text_dir, doc + ".txt"), encoding="utf-8") as fh:
            text = fh.read()
        c2b = char_to_byte_map(text)
        rows = gold[doc]
        spans = [(c2b[r["start"]], c2b[r["end"]]) for r in rows]
        starts = [s for s, _ in spans]
        sourced = [False] * len(rows)
        cues = [[] for _ in rows]
        for s in sents.get(doc, []):
            best, best_ov = None, 0
            i = max(0, bisect.bisect_right(starts, s["start"]) - 1)
            for j in range(max(0, i - 1), min(len(rows), i + 3)):
                ov = min(s["end"], spans[j][1]) - max(s["start"], spans[j][0])
                if ov > best_ov:
                    best, best_ov = j, ov
            if best is None:
                continue
            if s["sourced"]:
                sourced[best] = True
            cues[best].extend(c for c in s["cues"] if c["kind"] == "source")
        vague = [False] * len(rows)
        warns = [[] for _ in rows]
        for d in diags.get(doc, []):
            j = bisect.bisect_right(starts, d["start"]) - 1
            if j < 0 or d["start"] >= spans[j][1]:
                continue
            warns[j].append(d)
            if d["kind"] == "weasel" and d["severity"] == "warning":
                vague[j] = True
        for j, r in enumerate(rows):
            records.append(
                {
                    "id": r["id"],
                    "doc": doc,
                    "text": r["text"],
                    "gold_sourced": bool(r["has_named_source"] or r["has_pronoun_source"]),
                    "gold_vague": bool(r["has_vague_source"]),
                    "gold_kind": r["source_kind"],
                    "gold_source": r["source_text"],
                    "sourced": sourced[j],
                    "vague": vague[j],
                    "sources": [c["text"] for c in cues[j]],
                    "source_rules": sorted({c["rule"] for c in cues[j]}),
                    "warnings": [(d["rule"], d["severity"], d["text"]) for d in warns[j]],
                }
            )
    return records


def prf(records, gold_key, pred_key):
    tp = sum(1 for r in records if r[gold_key] and r[pred_key])
    fp = sum(1 for r in records if not r[gold_key] and r[pred_key])
    fn = sum(1 for r in records if r[gold_key] and not r[pred_key])
    p = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * rc / (p + rc) if p + rc else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": 100 * p, "recall": 100 * rc, "f1": 100 * f}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "hedgelint"))
    ap.add_argument("--eval", default=DEFAULT_EVAL, help="the polnear folder")
    ap.add_argument("--preset", action="append", help="journalism and general unless given")
    ap.add_argument("--config", help="a hedgelint.toml to use (e.g. with rules-dir); none by default")
    ap.add_argument("--tune-docs", type=int, default=600, help="first N sorted documents tune")
    ap.add_argument("--json", help="write the figures as JSON here")
    ap.add_argument("--records", help="write per-sentence records (JSON Lines) here, for error analysis")
    args = ap.parse_args()
    presets = args.preset or ["journalism", "general"]
    text_dir = os.path.join(args.eval, "text")
    gold = load_gold(args.eval)
    docs = sorted(gold)
    halves = {"tune": docs[: args.tune_docs], "held-out": docs[args.tune_docs :]}
    results = {}
    rec_out = open(args.records, "w", encoding="utf-8") if args.records else None
    print(f"{'preset':<11} {'half':<9} {'docs':>4} {'sents':>6} | sourced P    R     | vague P    R     F1")
    for preset in presets:
        sents, diags = run_hedgelint(args.bin, preset, text_dir, args.config)
        for half, hdocs in halves.items():
            recs = assess(gold, sents, diags, text_dir, hdocs)
            so = prf(recs, "gold_sourced", "sourced")
            va = prf(recs, "gold_vague", "vague")
            results[f"{preset}/{half}"] = {"docs": len(hdocs), "sentences": len(recs), "sourced": so, "vague": va}
            print(
                f"{preset:<11} {half:<9} {len(hdocs):>4} {len(recs):>6} |"
                f"  {so['precision']:5.1f} {so['recall']:5.1f} |"
                f"  {va['precision']:5.1f} {va['recall']:5.1f} {va['f1']:5.1f}"
            )
            if rec_out:
                for r in recs:
                    r["preset"], r["half"] = preset, half
                    rec_out.write(json.dumps(r, ensure_ascii=False) + "\n")
    if rec_out:
        rec_out.close()
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(results, fh, indent=1)
            fh.write("\n")


if __name__ == "__main__":
    main()
