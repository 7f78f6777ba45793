#!/usr/bin/env bash
# Crash-safety check of the runner: starts a run, kills it with SIGKILL at a random moment, resumes it into the same
# run directory, TRIALS times, then lets it finish. PASS when the final summary.json is byte-identical to an
# uninterrupted run's and every planned sample has exactly one line (none missing, none duplicated, none torn).
#
#   bench/kill-resume.sh                      # dncnn-s25 on denoise-set12-s25 (slow enough that kills land mid-run)
#   TRIALS=20 SEED=7 bench/kill-resume.sh
#   MODEL=identity TASK=sr-set5-x4 bench/kill-resume.sh
#   MODEL=identity TASK=denoise-set12-s25,sr-set5-x4,fg-voc-sample,edges-bsds-sample bench/kill-resume.sh  # kills across task boundaries
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODEL="${MODEL:-dncnn-s25}"
TASK="${TASK:-denoise-set12-s25}"
TRIALS="${TRIALS:-10}"
SEED="${SEED:-1}"
WORK="${WORK:-$(mktemp -d /tmp/eibench-kill-resume.XXXXXX)}"
DATA="${EIBENCH_DATA:-$ROOT/data}"
RANDOM=$SEED

"$ROOT/eibench" --version >/dev/null || { echo "FAIL: cannot build eibench"; exit 2; }
JAR="$ROOT/harness/target/eibench.jar"
# exec: in a background subshell, $! must be the JVM itself, or SIGKILL would hit the subshell and leave java running.
eib() { exec java ${EIBENCH_JAVA_OPTS:-} -jar "$JAR" "$@" --data "$DATA"; }
args=(run --model "$MODEL" --task "$TASK" --no-cache)

echo "kill-resume: $MODEL on $TASK, $TRIALS kills, seed $SEED, work $WORK"
t0=$(date +%s.%N)
(eib "${args[@]}" --out "$WORK/ref") >/dev/null 2>"$WORK/ref.log" || { echo "FAIL: reference run failed"; cat "$WORK/ref.log"; exit 1; }
t1=$(date +%s.%N)
ref_s=$(echo "$t1 - $t0" | bc)
echo "uninterrupted reference run: ${ref_s}s"
# Delays uniform in [1.5 s, 1.5 s + 3 * reference / TRIALS]: past JVM start-up, and on average spread over about
# one and a half full runs, so most kills land while samples are being processed.
min_ms=1500
max_ms=$(echo "$min_ms + 3 * $ref_s * 1000 / $TRIALS / 1" | bc)

IFS=, read -r -a TASKS <<<"$TASK"
# Totals over the tasks' samples files.
lines() {
  local n=0 f
  for t in "${TASKS[@]}"; do f="$WORK/kr/$MODEL/samples/$t.jsonl"; [ -f "$f" ] && n=$((n + $(wc -l <"$f"))); done
  echo "$n"
}
dups() {
  local n=0 f
  for t in "${TASKS[@]}"; do
    f="$WORK/kr/$MODEL/samples/$t.jsonl"
    [ -f "$f" ] && n=$((n + $({ grep -o '^{"id":"[^"]*"' "$f" || true; } | sort | uniq -d | wc -l)))
  done
  echo "$n"
}

killed=0
fail=0
for i in $(seq 1 "$TRIALS"); do
  delay_ms=$(( min_ms + (RANDOM * 32768 + RANDOM) % (max_ms - min_ms + 1) ))
  before=$(lines)
  eib "${args[@]}" --out "$WORK/kr" >/dev/null 2>>"$WORK/kr.log" &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid"
    state="killed"
    killed=$((killed + 1))
  else
    state="had finished"
  fi
  wait "$pid" 2>/dev/null
  after=$(lines)
  d=$(dups)
  [ "$d" -ne 0 ] && fail=1
  printf 'trial %2d: %s after %5d ms; sample lines %2d -> %2d; duplicated ids: %d\n' "$i" "$state" "$delay_ms" "$before" "$after" "$d"
done

(eib "${args[@]}" --out "$WORK/kr") >/dev/null 2>>"$WORK/kr.log" || { echo "FAIL: final resume failed"; tail "$WORK/kr.log"; exit 1; }
planned=0; total=0; unique=0; torn=0
for t in "${TASKS[@]}"; do
  f="$WORK/kr/$MODEL/samples/$t.jsonl"
  planned=$((planned + $(grep -c '^' "$WORK/ref/$MODEL/samples/$t.jsonl")))
  total=$((total + $(grep -c '^' "$f")))
  unique=$((unique + $({ grep -o '^{"id":"[^"]*"' "$f" || true; } | sort -u | wc -l)))
  torn=$((torn + $(python3 -c 'import json,sys
bad=0
for l in open(sys.argv[1]):
    try: json.loads(l)
    except Exception: bad+=1
print(bad)' "$f")))
done
same="no"
cmp -s "$WORK/ref/$MODEL/summary.json" "$WORK/kr/$MODEL/summary.json" && same="yes"
echo "final: $total lines, $unique unique ids, $planned planned, $torn unparsable; kills of a still-running process: $killed of $TRIALS"
echo "summary.json identical to the uninterrupted run: $same"
if [ "$same" = yes ] && [ "$total" -eq "$planned" ] && [ "$unique" -eq "$planned" ] && [ "$torn" -eq 0 ] && [ "$fail" -eq 0 ]; then
  echo "PASS"
  exit 0
fi
echo "FAIL"
diff <(python3 -m json.tool "$WORK/ref/$MODEL/summary.json") <(python3 -m json.tool "$WORK/kr/$MODEL/summary.json") | head -20
exit 1
