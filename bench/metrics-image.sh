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
java -cp "$CP" org.openjdk.jmh.Main 'org\.eibench\.metrics\.bench\.(Psnr|Ssim|MsSsim)Benchmark\.' \
    -f 1 -t 1 "${JMH_ITER[@]}" -tu ms -bm avgt -rf json -rff "$OUT/jmh.json" | grep -E '^(Benchmark|[A-Za-z]+Benchmark\.)' || true
java -cp "$CP" org.eibench.metrics.bench.SsimBenchmark > "$OUT/java-values.json"

echo "== Python references (1 thread)"
"$PY" metrics/src/test/python/image_bench.py --size 1024 --repeat 7 --json "$OUT/python.json" > /dev/null

"$PY" - "$OUT" <<'PYEOF'
import json, sys
out = sys.argv[1]
jmh = {r["benchmark"].rsplit(".", 1)[1]: r["primaryMetric"]["score"] for r in json.load(open(f"{out}/jmh.json"))}
err = {r["benchmark"].rsplit(".", 1)[1]: r["primaryMetric"]["scoreError"] for r in json.load(open(f"{out}/jmh.json"))}
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
print(f"{'comparison (1024x1024 RGB, 1 thread)':<50} {'java ms':>9} {'ref ms':>9} {'ratio':>7} {'target':>7}  ok")
for what, jb, ref, target in rows:
    j, r = jmh[jb], py[ref]["best_ms"]
    ratio = r / j
    ok = "-" if target is None else ("yes" if ratio >= target else "NO")
    tgt = "-" if target is None else f">={target:g}"
    print(f"{what:<50} {j:9.2f} {r:9.2f} {ratio:7.2f} {tgt:>7}  {ok}")
print("ratio = reference best-of-N time / Java JMH mean time; Java error bars (99.9%): "
      + ", ".join(f"{k} +-{v:.2f} ms" for k, v in err.items()))
print("other Java timings: " + ", ".join(f"{k} {v:.2f} ms" for k, v in jmh.items() if k not in ("ssimRgb", "psnrRgb", "msSsimRgb")))
print("values on the same pixels: "
      f"psnr java {jv['psnr']:.10f} / numpy {py['basicsr_psnr']['value']:.10f}; "
      f"ssim java {jv['ssim']:.10f} / skimage {py['skimage_ssim']['value']:.10f}; "
      f"ms_ssim java {jv['ms_ssim']:.10f} / numpy {py['numpy_ms_ssim']['value']:.10f}")
PYEOF
