#!/usr/bin/env bash
# `eibench score` against the short Python scripts people write for the same job, timed in one run, alternating:
#   restore-1 / restore-16 / restore-64: PSNR + SSIM over 1 MP RGB pairs vs cv2.imread + scikit-image
#   seg-200 / seg-2000:                  mIoU over 150 classes, 512x512 label PNGs vs cv2.imread + np.bincount
#   depth-654:                           BTS's nine depth errors, 640x480 uint16 PNGs vs BTS's numpy core
# Prints each side's wall time (minimum and median of REPS runs), the ratio script / eibench, the target, and how
# well the values agree (the largest relative difference over the reported numbers; the target is 1e-6).
#
#   bench/score-vs-scripts.sh                       # two rounds, REPS=2 runs of each side per case and round
#   ROUNDS=1 REPS=3 CASES=seg-200,restore-1 bench/score-vs-scripts.sh
#
# The cases are made once under BENCH_DIR (default bench/target/score-vs-scripts, about 1.3 GB) by
# bench/score-vs-scripts/make_cases.py. Each case starts with one untimed eibench run, which fills the OS page cache
# for both sides and eibench's own caches (OpenCV's library copy, the data digests, the class-data archive): the
# times are those of a second and later run, as in daily use. Python is /usr/bin/python3 (numpy, OpenCV and
# scikit-image 0.19 from Debian).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/eibench" --version >/dev/null
exec /usr/bin/python3 "$ROOT/bench/score-vs-scripts/bench.py" --root "$ROOT" \
  --dir "${BENCH_DIR:-$ROOT/bench/target/score-vs-scripts}" --rounds "${ROUNDS:-2}" --reps "${REPS:-2}" \
  --cases "${CASES:-restore-1,restore-16,restore-64,seg-200,seg-2000,depth-654}"
