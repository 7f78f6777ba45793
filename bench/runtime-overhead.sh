#!/usr/bin/env bash
# Harness overhead of the in-process ONNX runtime on the quick suite's DnCNN task (denoise-set12-s25):
# ModelRuntime.generate (card-driven normalisation, tensor build, output copy) vs ONNX Runtime's own session.run on
# tensors built beforehand, same session options, one JVM, rounds interleaved. Prints per-round times and the ratio.
# Usage: bench/runtime-overhead.sh [ROUNDS] [THREADS]   (defaults 4 and 1; data from EIBENCH_DATA or the bundled data/)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${1:-4}"
THREADS="${2:-1}"
cd "$ROOT"
# Compiles what is needed (metrics, imaging, model-runtime, baselines) and runs only the bench class, which normal test runs skip.
./mvnw -B -o -pl baselines -am test -Dtest=RuntimeOverheadBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Deibench.bench=true -Deibench.bench.rounds="$ROUNDS" -Deibench.bench.threads="$THREADS" 2>&1 \
  | grep -E '^BENCH|ERROR|FAIL' | sed 's/^BENCH //'
