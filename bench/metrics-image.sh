#!/usr/bin/env bash
# Image-quality metrics (PSNR, SSIM, MS-SSIM), Java vs the Python/OpenCV references, single thread, same machine,
# one run: JMH for the Java side (1 fork, 1 thread), metrics/src/test/python/image_bench.py for the references
# (cv2.setNumThreads(1), BLAS/OpenMP pinned to 1 thread). Prints ms/op and speed ratios (reference time / Java time,
# so > 1 means Java is faster) next to the targets of docs/performance.md, plus both sides' values on the same pixels.
#
#   bench/metrics-image.sh            # about 2 minutes
#   QUICK=1 bench/metrics-image.sh    # shorter JMH runs (noisier), for a smoke check
#
# Needs /usr/bin/python3 with python3-skimage, python3-opencv, python3-scipy (Debian packages).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-/usr/bin/python3}
OUT="$PWD/metrics/target/bench-image"
mkdir -p "$OUT"

./mvnw -B -q -pl metrics test-compile
./mvnw -B -q -pl metrics dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt"
CP="metrics/target/test-classes:metrics/target/classes:$(cat "$OUT/classpath.txt")"

if [[ "${QUICK:-0}" == 1 ]]; then JMH_ITER=(-wi 2 -w 1s -i 3 -r 1s); else JMH_ITER=(-wi 3 -w 2s -i 5 -r 2s); fi
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
echo "== Java (JMH, 1 fork, 1 thread)"
rm -f "$OUT/jmh.json"
# JMH refuses to run while another JMH holds /tmp/jmh.lock (other benchmarks on a shared machine): wait for it
# rather than measure two benchmarks fighting over the same cores.
for attempt in $(seq 1 60); do
  if java -cp "$CP" org.openjdk.jmh.Main 'org\.eibench\.metrics\.bench\.(Psnr|Ssim|MsSsim)Benchmark\.' \
      -f 1 -t 1 "${JMH_ITER[@]}" -tu ms -bm sample -rf json -rff "$OUT/jmh.json" > "$OUT/jmh.log" 2>&1; then
    break
  fi
  if grep -q 'Unable to acquire the JMH lock' "$OUT/jmh.log"; then
    echo "   (another JMH run holds the lock; waiting, attempt $attempt)"; sleep 10
  else
    cat "$OUT/jmh.log"; exit 1
  fi
done
[[ -s "$OUT/jmh.json" ]] || { echo "JMH did not run"; exit 1; }
grep -E '^(Benchmark|[A-Za-z]+Benchmark\.[A-Za-z0-9]+ )' "$OUT/jmh.log" || true
echo "== Java thread CPU time (SsimBenchmark.main: same pair, 15 timed runs after >= 3 s of warm-up)"
java -cp "$CP" org.eibench.metrics.bench.SsimBenchmark 15 > "$OUT/java-values.json"

echo "== Python references (1 thread)"
"$PY" metrics/src/test/python/image_bench.py --size 1024 --repeat 7 --json "$OUT/python.json" > /dev/null

"$PY" - "$OUT" <<'PYEOF'
import json, sys
out = sys.argv[1]
runs = json.load(open(f"{out}/jmh.json"))
jmh = {r["benchmark"].rsplit(".", 1)[1]: r["primaryMetric"]["scorePercentiles"] for r in runs}
py = json.load(open(f"{out}/python.json"))["refs"]
jv = json.load(open(f"{out}/java-values.json"))
rows = [
    # (what, java benchmark, python reference, target ratio)
    ("SSIM rgb vs skimage 0.19 structural_similarity", "ssimRgb", "skimage_ssim", 10.0),
    ("SSIM rgb vs BasicSR-style cv2.filter2D float64", "ssimRgb", "basicsr_ssim", 4.0),
    ("PSNR rgb vs cv2.PSNR (uint8 input)", "psnrRgb", "cv2_psnr_uint8", 0.7),
    ("PSNR rgb vs cv2.PSNR (float32 input)", "psnrRgb", "cv2_psnr_float32", None),
    ("PSNR rgb vs BasicSR calculate_psnr (numpy)", "psnrRgb", "basicsr_psnr", None),
    ("MS-SSIM rgb vs numpy pytorch_msssim re-impl.", "msSsimRgb", "numpy_ms_ssim", None),
]
print(f"{'comparison (1024x1024 RGB, 1 thread)':<48} {'java':>7} {'ref':>8} {'ratio':>6} {'java':>8} {'ref':>8} {'ratio':>6} {'target':>7}  ok")
print(f"{'':<48} {'cpu ms':>7} {'cpu ms':>8} {'cpu':>6} {'wall ms':>8} {'wall ms':>8} {'wall':>6}")
java_key = {"ssimRgb": "ssim", "psnrRgb": "psnr", "msSsimRgb": "ms_ssim"}
for what, jb, ref, target in rows:
    jc, rc = jv[java_key[jb]]["best_cpu_ms"], py[ref]["best_cpu_ms"]
    j, r = jmh[jb]["50.0"], py[ref]["median_ms"]
    ratio, cratio = r / j, rc / jc
    ok = "-" if target is None else ("yes" if cratio >= target else "NO")
    tgt = "-" if target is None else f">={target:g}"
    print(f"{what:<48} {jc:7.2f} {rc:8.2f} {cratio:6.2f} {j:8.2f} {r:8.2f} {ratio:6.2f} {tgt:>7}  {ok}")
print("cpu = best thread CPU time of the timed runs (Java: SsimBenchmark.main; Python: time.thread_time), the"
      " headline: other processes on a shared machine only ever add to it; wall = median wall time (Java: JMH"
      " sample mode, 1 fork, 1 thread; Python: median of N); ratio = reference / Java, > 1 means Java is faster;"
      " ok compares the cpu ratio with the target")
others = [k for k in jmh if k not in ("ssimRgb", "psnrRgb", "msSsimRgb")]
print("other Java medians (wall): " + ", ".join(f"{k} {jmh[k]['50.0']:.2f} ms" for k in others))
print("values on the same pixels: "
      f"psnr java {jv['psnr']['value']:.10f} / numpy {py['basicsr_psnr']['value']:.10f}; "
      f"ssim java {jv['ssim']['value']:.10f} / skimage {py['skimage_ssim']['value']:.10f}; "
      f"ms_ssim java {jv['ms_ssim']['value']:.10f} / numpy {py['numpy_ms_ssim']['value']:.10f}")
PYEOF
