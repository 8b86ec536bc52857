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
#   disable-line.md     10,000 inline disable-line comments on one line (issue 17)
#   vetoes.txt          "might could swim" 20,000 times in one sentence: exceptions (issue 17)
#   vague-overlap.txt   "experts say it may rain and" 10,000 times in one sentence (issue 17)
#   quotes.txt          20,000 opening quotes, then 20,000 closing ones of another kind (issue 17)
#   directives.txt      5,000 plain-text directives, each before a line with findings (issue 17)
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
  # Doubling, not one `cat` a copy: the short units repeat tens of thousands of times.
  while [ "$size" -lt "$n" ] && [ "$size" -gt 0 ]; do
    cat "$tmp" "$tmp" >"$tmp.2" && mv "$tmp.2" "$tmp"
    size=$((size * 2))
  done
  head -c "$n" "$tmp" || true
  rm -f "$tmp"
}
grep -v '^[[:space:]]*$' "$prose" | fill $((3000000 * scale)) >"$dest/no-breaks.txt"
tr '\n' ' ' <"$prose" | fill $((1000000 * scale)) >"$dest/long-line.txt"
printf 'and some analysts say that it could rain over the city ' | fill $((50000 * scale)) >"$dest/long-sentence.txt"
printf 'It may rain, perhaps. ' | fill $((22 * 5000 * scale)) >"$dest/hedges.txt"
printf 'may ' | fill $((40000 * scale)) >"$dest/hedges-stacked.txt"
{ printf 'Experts say it may rain. '
  printf '<!-- hedgelint-disable-line hedge --> ' | fill $((38 * 10000 * scale)); echo; } >"$dest/disable-line.md"
printf 'might could swim ' | fill $((17 * 20000 * scale)) >"$dest/vetoes.txt"
printf 'experts say it may rain and ' | fill $((28 * 10000 * scale)) >"$dest/vague-overlap.txt"
{ printf 'He said ' ; printf '\xe2\x80\x9c' | fill $((3 * 20000 * scale)); printf 'maybe'
  printf '\xe2\x80\x99' | fill $((3 * 20000 * scale)); printf '.\n'; } >"$dest/quotes.txt"
printf 'hedgelint: disable-next-line hedge\nExperts say it may rain.\n' | fill $((60 * 5000 * scale)) >"$dest/directives.txt"
if [ ! -d "$dest/tiny" ] || [ "$(find "$dest/tiny" -type f | wc -l)" -ne $((25000 * scale)) ]; then
  rm -rf "$dest/tiny"
  for d in $(seq -w 0 $((25 * scale - 1))); do
    mkdir -p "$dest/tiny/$d"
    (cd "$dest/tiny/$d" && for f in $(seq -w 0 999); do printf 'Experts say it may rain.\n' >"$f.md"; done)
  done
fi
echo "$dest"
