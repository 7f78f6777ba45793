#!/usr/bin/env bash
# Runner throughput against the floor of reading + decoding the same images, measured in one JVM (alternating, after
# a warm-up, medians over REPS): prints both and the ratio (run / read+decode; 1.0 = the runner adds nothing).
#
#   bench/runner-throughput.sh                 # oracle on the quick suite
#   MODEL=identity REPS=7 THREADS=2 SCORE_THREADS=4 bench/runner-throughput.sh
#   THREADS=1 SCORE_THREADS=1 PNG=fast bench/runner-throughput.sh   # one core per stage; stored prediction PNGs
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/eibench" --version >/dev/null
args=(bench-runner --suite "${SUITE:-quick}" --model "${MODEL:-oracle}" --reps "${REPS:-5}")
[ -n "${THREADS:-}" ] && args+=(--threads "$THREADS")
[ -n "${SCORE_THREADS:-}" ] && args+=(--score-threads "$SCORE_THREADS")
[ -n "${PNG:-}" ] && args+=(--prediction-png "$PNG")
exec "$ROOT/eibench" "${args[@]}"
