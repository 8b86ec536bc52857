#!/usr/bin/env bash
# Whole-process throughput and peak memory of `hedgelint check` on the shared benchmark
# corpora, against ripgrep searching the built-in packs' literal words on the same files.
#
#   scripts/bench.sh [RUNS]        (default 5 runs each; the median is printed)
#
# Prints a Markdown table: corpus, bytes, wall (median), MB/s, peak RSS, hedgelint's time
# over ripgrep's. Then the pathological inputs (scripts/make-pathological.sh) with their CPU
# time per MB against the medium corpus's. Needs ../shared/corpus beside the checkout;
# installs ripgrep with `cargo install ripgrep` when it is missing. Not run by CI.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shared=../shared/corpus
work=target/bench
mkdir -p "$work"

command -v rg >/dev/null || cargo install ripgrep
cargo build --release --quiet
cargo run --release --quiet --example literal-words >"$work/words.txt"
[ -d "$work/large" ] || "$shared/make-large.sh" "$work/large" >/dev/null
bin=target/release/hedgelint

# measure CMD...: runs it $runs times after a warm-up; prints "wall_median cpu_median rss_max_kb".
measure() {
  "$@" >/dev/null 2>&1 || true
  : >"$work/runs.txt"
  for _ in $(seq "$runs"); do
    # Wall time from bash's microsecond clock (time -v prints it to 10 ms); CPU and peak RSS
    # from time -v.
    local t0=$EPOCHREALTIME
    /usr/bin/time -v "$@" 2>"$work/time.txt" >/dev/null || true
    local t1=$EPOCHREALTIME
    awk -F': ' -v t0="$t0" -v t1="$t1" '
      /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { m = $2 }
      END { printf "%.3f %.3f %d\n", t1 - t0, u + s, m }' "$work/time.txt" >>"$work/runs.txt"
  done
  local mid=$(((runs + 1) / 2))
  echo "$(sort -n -k1 "$work/runs.txt" | sed -n "${mid}p" | cut -d' ' -f1)" \
    "$(sort -n -k2 "$work/runs.txt" | sed -n "${mid}p" | cut -d' ' -f2)" \
    "$(sort -n -k3 "$work/runs.txt" | tail -1 | cut -d' ' -f3)"
}

echo "hedgelint $(git describe --always --dirty 2>/dev/null || echo '?'), $(nproc) cores, median of $runs runs"
echo
echo "| corpus | bytes | tool | wall (s) | MB/s | peak RSS (MB) | time / ripgrep's |"
echo "| --- | ---: | --- | ---: | ---: | ---: | ---: |"
declare -A medium_cpu_per_mb
for corpus in medium large; do
  dir=$shared/medium
  [ "$corpus" = large ] && dir=$work/large
  bytes=$(find "$dir" -type f \( -name '*.md' -o -name '*.markdown' -o -name '*.txt' \) -printf '%s\n' | awk '{s += $1} END {print s}')
  read -r hw hc hm < <(measure "$bin" check --format json "$dir")
  read -r dw _ dm < <(measure "$bin" check "$dir")
  read -r rw _ rm < <(measure rg -i -w -F -f "$work/words.txt" "$dir")
  read -r nw _ nm < <(measure rg --no-unicode -i -w -F -f "$work/words.txt" "$dir")
  mb=$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')
  awk -v c="$corpus" -v b="$bytes" -v mb="$mb" -v hw="$hw" -v hm="$hm" -v dw="$dw" -v dm="$dm" -v rw="$rw" -v rm="$rm" 'BEGIN {
    printf "| %s | %d | hedgelint check (human, the default) | %.3f | %.0f | %.1f | %.1f× |\n", c, b, dw, mb / dw, dm / 1024, dw / rw
    printf "| %s | %d | hedgelint check --format json | %.3f | %.0f | %.1f | %.1f× |\n", c, b, hw, mb / hw, hm / 1024, hw / rw
    printf "| %s | %d | rg -i -w -F -f words | %.3f | %.0f | %.1f | 1× |\n", c, b, rw, mb / rw, rm / 1024 }'
  awk -v c="$corpus" -v b="$bytes" -v mb="$mb" -v hw="$hw" -v nw="$nw" -v nm="$nm" 'BEGIN {
    printf "| %s | %d | rg --no-unicode -i -w -F -f words | %.3f | %.0f | %.1f | (hedgelint %.1f×) |\n", c, b, nw, mb / nw, nm / 1024, hw / nw }'
  [ "$corpus" = medium ] && medium_cpu_per_mb=$(awk -v c="$hc" -v mb="$mb" 'BEGIN { print c / mb }') && medium_wall=$hw && medium_bytes=$bytes
  [ "$corpus" = large ] && echo && awk -v l="$hw" -v m="$medium_wall" -v lb="$bytes" -v mb="$medium_bytes" 'BEGIN { printf "large / medium wall time (json): %.2f× (%.2f× the bytes)\n", l / m, lb / mb }'
done

echo
small=$(scripts/make-pathological.sh "$work/pathological-1" 1)
big=$(scripts/make-pathological.sh "$work/pathological-4" 4)
echo "Pathological inputs at their contract size (×1) and four times it (×4): linear time means"
echo "a ×4 / ×1 time ratio near 4 (start-up and output are included)."
echo
echo "| pathological input | format | bytes ×1 | wall ×1 (s) | wall ×4 (s) | ×4 / ×1 | CPU s / MB at ×4 | × medium's | peak RSS ×4 (MB) |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for input in no-breaks.txt long-line.txt long-sentence.txt hedges.txt hedges-stacked.txt disable-line.md vetoes.txt vague-overlap.txt quotes.txt directives.txt tiny; do
  bytes=$(find "$small/$input" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
  for fmt in json human; do
    read -r w1 _ _ < <(measure "$bin" check --format "$fmt" "$small/$input")
    read -r w4 c4 m4 < <(measure "$bin" check --format "$fmt" "$big/$input")
    awk -v i="$input" -v f="$fmt" -v b="$bytes" -v w1="$w1" -v w4="$w4" -v c="$c4" -v m="$m4" -v base="$medium_cpu_per_mb" 'BEGIN {
      per = c / (4 * b / 1e6)
      printf "| %s | %s | %d | %.3f | %.3f | %.1f | %.3f | %.1f× | %.1f |\n", i, f, b, w1, w4, (w1 > 0 ? w4 / w1 : 0), per, per / base, m / 1024 }'
  done
done
