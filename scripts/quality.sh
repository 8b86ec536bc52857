#!/bin/sh
# Reproduces the README "Quality" table: cross-validated detection on the annotated training
# corpora in ../shared/eval (folds by document for BioScope, stratified by label for the
# label-sorted Wikipedia file), and certainty correlation on the certainty train and dev splits.
set -eu
cd "$(dirname "$0")/.."
EVAL=${EVAL:-../shared/eval}
cargo build --release --quiet
H=target/release/hedgelint
$H eval --preset academic --folds 5 --gold "$EVAL/bioscope/abstracts.train.jsonl"
$H eval --preset journalism --folds 5 --gold "$EVAL/wikiweasel/train.jsonl"
$H eval --preset academic --folds 5 --gold "$EVAL/certainty/train.jsonl"
$H eval --preset academic --gold "$EVAL/certainty/dev.jsonl"
# Attribution on whole news documents (PolNeAR training split; the documents are read from the
# `text` folder beside the gold file): sourced P/R and vague P/R/F1 per sentence.
$H eval --preset journalism --gold "$EVAL/polnear/train.jsonl"
$H eval --preset general --gold "$EVAL/polnear/train.jsonl"
