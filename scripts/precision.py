#!/usr/bin/env python3
"""Measure how many of hedgelint's warnings are right, against a judged-warnings file.

A judged file (../shared/eval/precision/*.dev.jsonl) holds one warning a line: `path` (relative
to the shared folder), byte `start`/`end`, `rule`, `cue`, `context` and the judgement `label`
(TP/FP/UNSURE). This script runs a hedgelint binary over the files the judged file names,
keeps the findings of severity warning or above, and matches them to the judged spans (same
path, overlapping bytes). It reports the judged warnings still given (TP kept, FP kept), the
judged-right warnings lost, the new warnings nobody judged yet, and precision two ways (new
warnings counted as wrong, and among the judged ones only), each with a Wilson 95 % interval.
Notes (info) are counted per rule: they move the score but are not warnings.

Usage:
    scripts/precision.py ../shared/eval/precision/docs.dev.jsonl [--preset general]
        [--bin target/release/hedgelint] [--shared ../shared] [--write-unjudged FILE]
        [--json]

Python 3.11, standard library only. See docs/quality.md.
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import os
import random
import subprocess
import sys

CONTEXT = 600
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def wilson(k: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """Wilson score interval for k successes in n trials (0..1)."""
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    d = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / d
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (max(0.0, centre - half), min(1.0, centre + half))


def fmt_ratio(k: int, n: int) -> str:
    if n == 0:
        return "n/a (0 warnings)"
    lo, hi = wilson(k, n)
    return f"{100 * k / n:5.1f} %  ({k}/{n}; 95 % CI {100 * lo:.1f}–{100 * hi:.1f} %)"


def load_judged(path: str) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                sys.exit(f"{path}:{lineno}: not JSON: {e}")
            for key in ("path", "start", "end", "label"):
                if key not in row:
                    sys.exit(f"{path}:{lineno}: missing `{key}`")
            rows.append(row)
    return rows


def run_hedgelint(binary: str, preset: str, files: list[str], extra: list[str]) -> dict:
    cmd = [binary, "check", "--format", "json", "--preset", preset, *extra, "--", *files]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        sys.exit(f"hedgelint failed (exit {proc.returncode}): {' '.join(cmd[:6])} …\n{proc.stderr}")
    try:
        return json.loads(proc.stdout)
    except json.JSONDecodeError as e:
        sys.exit(f"hedgelint output is not JSON: {e}\n{proc.stderr}")


def mark_context(text: bytes, start: int, end: int) -> str:
    """The cue marked ⟦ ⟧ with about CONTEXT characters either side (decoded leniently)."""
    before = text[max(0, start - 4 * CONTEXT) : start].decode("utf-8", "replace")[-CONTEXT:]
    cue = text[start:end].decode("utf-8", "replace")
    after = text[end : end + 4 * CONTEXT].decode("utf-8", "replace")[:CONTEXT]
    return f"{before}⟦{cue}⟧{after}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("judged", help="judged-warnings JSONL (../shared/eval/precision/*.jsonl)")
    ap.add_argument("--bin", default="target/release/hedgelint", help="hedgelint binary")
    ap.add_argument("--preset", default="general")
    ap.add_argument("--shared", default="../shared", help="folder the judged paths are relative to")
    ap.add_argument("--write-unjudged", metavar="FILE", help="write new unjudged warnings as JSONL")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    ap.add_argument("--seed", type=int, default=12, help="shuffle seed for --write-unjudged ids")
    ap.add_argument(
        "--hedgelint-arg", action="append", default=[], metavar="ARG",
        help="extra argument passed to `hedgelint check` (repeatable)",
    )
    args = ap.parse_args()

    judged = load_judged(args.judged)
    rel_paths = sorted({r["path"] for r in judged})
    missing = [p for p in rel_paths if not os.path.isfile(os.path.join(args.shared, p))]
    if missing:
        sys.exit(f"{len(missing)} judged files not found under {args.shared}, e.g. {missing[0]}")
    abs_of = {p: os.path.join(args.shared, p) for p in rel_paths}
    rel_of = {v: k for k, v in abs_of.items()}

    out = run_hedgelint(args.bin, args.preset, list(abs_of.values()), args.hedgelint_arg)
    warnings, notes = [], collections.Counter()
    for d in out.get("diagnostics", []):
        rel = rel_of.get(d["path"], d["path"])
        if SEVERITY_RANK.get(d["severity"], 0) >= 1:
            if d.get("kind") == "threshold":
                continue
            warnings.append({**d, "path": rel})
        else:
            notes[d["rule"]] += 1

    by_path = collections.defaultdict(list)
    for j, r in enumerate(judged):
        by_path[r["path"]].append(j)

    # One judged entry carries its judgement to at most one warning: first a warning of the same
    # rule over an overlapping span, then (a rule renamed or split) any overlapping warning.
    matched_judged: dict[int, int] = {}  # judged index -> warning index
    match_of: dict[int, int] = {}  # warning index -> judged index
    for same_rule in (True, False):
        for i, w in enumerate(warnings):
            if i in match_of:
                continue
            for j in by_path.get(w["path"], []):
                r = judged[j]
                if j in matched_judged or (same_rule and r.get("rule") != w["rule"]):
                    continue
                if w["start"] < r["end"] and r["start"] < w["end"]:
                    matched_judged[j] = i
                    match_of[i] = j
                    break
    kept = collections.Counter()  # label -> count of warnings carrying it
    kept_by_rule = collections.Counter()
    unjudged = []
    for i, w in enumerate(warnings):
        if i not in match_of:
            unjudged.append(w)
            continue
        label = judged[match_of[i]]["label"]
        kept[label] += 1
        kept_by_rule[(w["rule"], label)] += 1

    tp_total = sum(1 for r in judged if r["label"] == "TP")
    tp_lost = [r for j, r in enumerate(judged) if r["label"] == "TP" and j not in matched_judged]
    fp_gone = sum(1 for j, r in enumerate(judged) if r["label"] == "FP" and j not in matched_judged)
    tp, fp, unsure = kept["TP"], kept["FP"], kept["UNSURE"]
    n_all = len(warnings)
    n_judged = tp + fp  # UNSURE left out of the judged-only figure

    unjudged_by_rule = collections.Counter(w["rule"] for w in unjudged)
    warnings_by_rule = collections.Counter(w["rule"] for w in warnings)

    result = {
        "judged_file": args.judged,
        "preset": args.preset,
        "files": len(rel_paths),
        "warnings": n_all,
        "tp_kept": tp,
        "fp_kept": fp,
        "unsure_kept": unsure,
        "fp_gone": fp_gone,
        "tp_total": tp_total,
        "tp_lost": len(tp_lost),
        "unjudged": len(unjudged),
        "precision_unjudged_wrong": [tp, n_all, *wilson(tp, n_all)],
        "precision_judged_only": [tp, n_judged, *wilson(tp, n_judged)],
        "tp_recall": [tp, tp_total, *wilson(tp, tp_total)],
        "warnings_by_rule": dict(sorted(warnings_by_rule.items())),
        "unjudged_by_rule": dict(sorted(unjudged_by_rule.items())),
        "notes_by_rule": dict(sorted(notes.items())),
    }

    if args.write_unjudged:
        rows = []
        texts: dict[str, bytes] = {}
        for w in unjudged:
            if w["path"] not in texts:
                with open(os.path.join(args.shared, w["path"]), "rb") as f:
                    texts[w["path"]] = f.read()
            rows.append({
                "path": w["path"], "start": w["start"], "end": w["end"], "rule": w["rule"],
                "cue": w["text"], "context": mark_context(texts[w["path"]], w["start"], w["end"]),
            })
        random.Random(args.seed).shuffle(rows)
        with open(args.write_unjudged, "w", encoding="utf-8") as f:
            for i, row in enumerate(rows):
                f.write(json.dumps({"id": f"U{i:04d}", **row}, ensure_ascii=False) + "\n")

    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0

    print(f"judged file: {args.judged} ({len(judged)} judged warnings, {tp_total} TP) on {len(rel_paths)} files")
    print(f"preset {args.preset}, binary {args.bin}: {n_all} warnings")
    print(f"  judged warnings still reported: TP kept {tp}, FP kept {fp}, UNSURE kept {unsure}")
    print(f"  judged FP no longer reported:   {fp_gone}")
    print(f"  judged TP lost:                 {len(tp_lost)}")
    print(f"  new (unjudged) warnings:        {len(unjudged)}")
    print(f"precision, unjudged counted wrong: {fmt_ratio(tp, n_all)}")
    print(f"precision, judged warnings only:   {fmt_ratio(tp, n_judged)}")
    print(f"recall of judged TP:               {fmt_ratio(tp, tp_total)}")
    print("warnings by rule (judged TP/FP kept, unjudged):")
    for rule, n in sorted(warnings_by_rule.items()):
        print(f"  {rule:28} {n:5}  TP {kept_by_rule[(rule, 'TP')]:3}  FP {kept_by_rule[(rule, 'FP')]:3}"
              f"  new {unjudged_by_rule[rule]:4}")
    print("notes (info) by rule:")
    for rule, n in sorted(notes.items()):
        print(f"  {rule:28} {n:5}")
    if tp_lost:
        print("judged TP lost:")
        for r in tp_lost:
            print(f"  {r.get('id', '?')} {r.get('rule', '?')} “{r.get('cue', '')[:60]}” {r['path']}:{r['start']}")
    if args.write_unjudged:
        print(f"wrote {len(unjudged)} unjudged warnings to {args.write_unjudged}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
