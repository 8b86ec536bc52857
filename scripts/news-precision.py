#!/usr/bin/env python3
"""Match a build's journalism warnings against a judged sample (docs/quality-news.md).

Runs `hedgelint check --preset journalism --format json` over ../shared/eval/polnear/text and
matches each warning to ../shared/eval/precision/news.dev.jsonl (same path, overlapping bytes).
Reports judged TP kept and lost, judged FP still given and removed, and warnings no judgement
covers. With --new-out, writes the unjudged warnings of the held-out documents (after the first
--tune-docs by sorted name) with about 600 characters of context and the cue marked ⟦ ⟧, for a
judge who reads only GUIDE.md. Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "hedgelint"))
    ap.add_argument("--judged", default=os.path.join(SHARED, "eval", "precision", "news.dev.jsonl"))
    ap.add_argument("--tune-docs", type=int, default=600)
    ap.add_argument("--new-out", help="write a random sample of unjudged held-out warnings here")
    ap.add_argument("--sample", type=int, default=60)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    text_dir = os.path.join(SHARED, "eval", "polnear", "text")
    proc = subprocess.run(
        [args.bin, "check", "--preset", "journalism", "--no-config", "--quiet", "--format", "json",
         "--fail-on", "error", text_dir],
        capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        sys.exit(proc.stderr)
    warns = [d for d in json.loads(proc.stdout)["diagnostics"] if d["severity"] == "warning"]
    judged = [json.loads(line) for line in open(args.judged, encoding="utf-8")]
    by_doc: dict[str, list] = {}
    for j in judged:
        by_doc.setdefault(os.path.basename(j["path"]), []).append(j)
    judged_docs = set(by_doc)
    matched: set[str] = set()
    unjudged = []
    for w in warns:
        doc = os.path.basename(w["path"])
        hit = [j for j in by_doc.get(doc, []) if j["start"] < w["end"] and w["start"] < j["end"]]
        if hit:
            matched.update(j["id"] for j in hit)
        else:
            unjudged.append(w)
    tp = [j for j in judged if j["label"] == "TP"]
    fp = [j for j in judged if j["label"] != "TP"]
    kept = [j for j in tp if j["id"] in matched]
    fp_left = [j for j in fp if j["id"] in matched]
    print(f"warnings: {len(warns)} ({len(warns) - len(unjudged)} on judged spans, {len(unjudged)} unjudged)")
    print(f"judged TP kept {len(kept)}/{len(tp)}, lost {len(tp) - len(kept)}")
    print(f"judged FP still given {len(fp_left)}/{len(fp)}, removed {len(fp) - len(fp_left)}")
    if kept or fp_left:
        print(f"precision on judged spans: {100 * len(kept) / (len(kept) + len(fp_left)):.1f}% "
              f"(n = {len(kept) + len(fp_left)})")
    print(f"unjudged warnings in documents of the judged sample: "
          f"{sum(1 for w in unjudged if os.path.basename(w['path']) in judged_docs)}")
    for j in tp:
        if j["id"] not in matched:
            print(f"  lost TP {j['id']} {j['rule']} “{j['cue']}”")
    if args.new_out:
        docs = sorted(f for f in os.listdir(text_dir) if f.endswith(".txt"))
        held = set(docs[args.tune_docs:])
        pool = [w for w in unjudged if os.path.basename(w["path"]) in held]
        random.Random(args.seed).shuffle(pool)
        with open(args.new_out, "w", encoding="utf-8") as out:
            for i, w in enumerate(pool[: args.sample]):
                data = open(w["path"], "rb").read()
                before = data[max(0, w["start"] - 300): w["start"]].decode("utf-8", "ignore")
                after = data[w["end"]: w["end"] + 300].decode("utf-8", "ignore")
                cue = data[w["start"]: w["end"]].decode("utf-8", "replace")
                rel = os.path.relpath(w["path"], SHARED)
                out.write(json.dumps({
                    "id": f"H{i:03d}", "path": rel, "start": w["start"], "end": w["end"],
                    "rule": w["rule"], "cue": cue, "message": w["message"],
                    "context": f"{before}⟦{cue}⟧{after}"}, ensure_ascii=False) + "\n")
        print(f"wrote {min(len(pool), args.sample)} of {len(pool)} unjudged held-out warnings to {args.new_out}")


if __name__ == "__main__":
    main()
