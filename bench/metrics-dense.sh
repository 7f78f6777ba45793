#!/usr/bin/env bash
# Confusion-matrix kernel: EIBench (Java, JMH, one thread) against numpy's
#   np.bincount(num_classes * gt[mask] + pred[mask], minlength=C*C)      (mask = gt != ignore)
# on the same 2048x2048 (4 MP) label maps, run side by side, and prints the ratio.
# With --all it also runs the depth and normals JMH benchmarks.
#
# Usage: bench/metrics-dense.sh [--all] [--quick]
# Needs: /usr/bin/python3 with numpy (Debian python3-numpy), a JDK 17, the Maven wrapper.
set -euo pipefail
cd "$(dirname "$0")/.."
ALL=0; QUICK=0
for a in "$@"; do
  case "$a" in --all) ALL=1 ;; --quick) QUICK=1 ;; *) echo "unknown argument $a" >&2; exit 2 ;; esac
done
OUT=metrics/target/bench
mkdir -p "$OUT"

./mvnw -B -q -pl metrics test-compile
./mvnw -B -q -pl metrics dependency:build-classpath -Dmdep.outputFile=target/bench/cp.txt -Dmdep.includeScope=test
CP="metrics/target/test-classes:metrics/target/classes:$(cat "$OUT/cp.txt")"
if [ "$QUICK" = 1 ]; then JMH_ARGS=(-f 1 -wi 2 -w 1s -i 3 -r 1s); NP_REPS=5; else JMH_ARGS=(-f 1 -wi 5 -w 1s -i 10 -r 1s); NP_REPS=15; fi

# numpy is timed before and after the JMH run and both sides report min and median: on a shared machine the load
# changes from minute to minute, and the minimum is the least disturbed estimate of each side's own cost.
numpy_times() {
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 - "$NP_REPS" >> "$OUT/numpy-times.txt" <<'PY'
import sys, time
import numpy as np
S, C, reps = 2048, 150, int(sys.argv[1])
y, x = np.mgrid[0:S, 0:S]
for pattern in ["blocky", "random"]:
    # Same maps as ConfusionMatrixBenchmark.makeMaps (random: same distribution, another generator).
    if pattern == "blocky":
        v = ((x // 64) * 7 + (y // 48) * 13) % C
        q = np.where(((x * 31 + y * 17) & 7) == 0, (v + 1) % C, v)
    else:
        rng = np.random.default_rng(7)
        v = rng.integers(0, C, (S, S))
        q = rng.integers(0, C, (S, S))
    gt = np.where(y % 97 == 0, 255, v).astype(np.int64)   # int64 as detectron2 (dtype=int) and mmseg (torch long)
    pred = q.astype(np.int64)
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        mask = gt != 255
        hist = np.bincount(C * gt[mask] + pred[mask], minlength=C * C)
        times.append(time.perf_counter() - t)
    for t in times:
        print(pattern, t * 1000)
PY
}
: > "$OUT/numpy-times.txt"
echo "== numpy $(/usr/bin/python3 -c 'import numpy; print(numpy.__version__)'), single thread, $NP_REPS calls before and $NP_REPS after the JMH run =="
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
numpy_times

# Sample mode: every call is timed, so the Java side reports the same min and median as the numpy side (on a
# shared, noisy machine the minimum is the most stable estimate of the cost itself).
echo "== JMH ConfusionMatrixBenchmark (-bm sample ${JMH_ARGS[*]}, 1 thread) =="
java -Djmh.ignoreLock=true -cp "$CP" org.openjdk.jmh.Main 'ConfusionMatrixBenchmark' -bm sample -tu ms -t 1 "${JMH_ARGS[@]}" -rf json -rff "$OUT/jmh-confusion.json" > "$OUT/jmh-confusion.log"
grep -E '^(Benchmark|ConfusionMatrixBenchmark)' "$OUT/jmh-confusion.log" | grep -E 'p0.00|p0.50|^Benchmark' || true

numpy_times
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 - "$OUT/numpy-times.txt" > "$OUT/numpy.txt" <<'PY'
import sys
import numpy as np
t = {}
for line in open(sys.argv[1]):
    k, v = line.split()
    t.setdefault(k, []).append(float(v))
for k, v in t.items():
    print(k, min(v), float(np.median(v)))
PY
echo "== ratio numpy / java =="
/usr/bin/python3 - "$OUT/numpy.txt" "$OUT/jmh-confusion.json" <<'PY'
import json, sys
np_ms = {l.split()[0]: (float(l.split()[1]), float(l.split()[2])) for l in open(sys.argv[1])}
for r in json.load(open(sys.argv[2])):
    bench = r["benchmark"].rsplit(".", 1)[1]
    pattern = r["params"]["pattern"]
    pc = r["primaryMetric"]["scorePercentiles"]
    jmin, jmed = pc["0.0"], pc["50.0"]
    nmin, nmed = np_ms[pattern]
    print(f"{bench:8s} {pattern:7s} java min {jmin:6.2f} median {jmed:6.2f} ms | numpy min {nmin:6.2f} median {nmed:6.2f} ms"
          f" | ratio min {nmin / jmin:5.1f}x median {nmed / jmed:5.1f}x")
PY

if [ "$ALL" = 1 ]; then
  echo "== JMH DepthBenchmark, NormalsBenchmark (-bm sample: min and median per call) =="
  java -Djmh.ignoreLock=true -cp "$CP" org.openjdk.jmh.Main 'DepthBenchmark|NormalsBenchmark' -bm sample -tu ms -t 1 "${JMH_ARGS[@]}" -rf json -rff "$OUT/jmh-dense.json" > "$OUT/jmh-dense.log"
  grep -E '^(Benchmark|DepthBenchmark|NormalsBenchmark)' "$OUT/jmh-dense.log" | grep -E 'p0.00|p0.50|^Benchmark' || true
fi
