#!/usr/bin/env bash
# Writes the pathological inputs of the performance contract into DEST (default:
# target/pathological), each SCALE times as large (default 1; scripts/bench.sh compares 1 and 4
# to show the time grows linearly):
#   no-breaks.txt       3 MB of prose with no paragraph break
#   long-line.txt       1 MB of prose on one line
#   tiny/               25,000 tiny files (100,000 at SCALE 4, the contract size)
#   long-sentence.txt   one sentence of 10,000 words
#   hedges.txt          10,000 hedges in one paragraph
#   hedges-stacked.txt  10,000 hedges in one sentence (one stacked-hedges finding, 10,000 labels)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dest=${1:-$here/target/pathological}
scale=${2:-1}
mkdir -p "$dest"
prose="$here/../shared/examples/news-article.txt"
[ -f "$prose" ] || prose="$here/fixtures/news-style.txt"
# Repeats stdin's text until it is N bytes.
fill() {
  local n=$1 tmp size
  tmp=$(mktemp)
  cat >"$tmp"
  size=$(wc -c <"$tmp")
  for _ in $(seq $((n / size + 1))); do cat "$tmp"; done | head -c "$n" || true
  rm -f "$tmp"
}
grep -v '^[[:space:]]*$' "$prose" | fill $((3000000 * scale)) >"$dest/no-breaks.txt"
tr '\n' ' ' <"$prose" | fill $((1000000 * scale)) >"$dest/long-line.txt"
printf 'and some analysts say that it could rain over the city ' | fill $((50000 * scale)) >"$dest/long-sentence.txt"
printf 'It may rain, perhaps. ' | fill $((22 * 5000 * scale)) >"$dest/hedges.txt"
printf 'may ' | fill $((40000 * scale)) >"$dest/hedges-stacked.txt"
if [ ! -d "$dest/tiny" ] || [ "$(find "$dest/tiny" -type f | wc -l)" -ne $((25000 * scale)) ]; then
  rm -rf "$dest/tiny"
  for d in $(seq -w 0 $((25 * scale - 1))); do
    mkdir -p "$dest/tiny/$d"
    (cd "$dest/tiny/$d" && for f in $(seq -w 0 999); do printf 'Experts say it may rain.\n' >"$f.md"; done)
  done
fi
echo "$dest"
