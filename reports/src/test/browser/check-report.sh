#!/usr/bin/env bash
# Browser check of the HTML report: runs the quick suite (or takes existing runs), writes the report with
# `eibench report`, opens index.html from disk in headless Chromium with networking off, and fails on console errors,
# page errors, any request leaving file://, an image that did not load (naturalWidth 0), or horizontal overflow at
# 1366x768. Saves screenshots (first screen, full page, one per section).
#
# Usage: reports/src/test/browser/check-report.sh [RUNS_DIR] [SCREENSHOT_DIR]
#   RUNS_DIR        a folder of run directories (as `eibench run --out` writes) or one run directory;
#                   default: a fresh quick-suite run in a temporary folder
#   SCREENSHOT_DIR  default: reports/target/browser-check
# Needs: node (>= 18), npm (first use installs playwright-core from package-lock.json), chromium
# (CHROMIUM=/path overrides /usr/bin/chromium). Exit code: 0 pass, 1 check failed, 2 set-up problem.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../../.." && pwd)"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
SHOTS="${2:-$ROOT/reports/target/browser-check}"

if [ ! -x "$CHROMIUM" ]; then
  echo "check-report: no Chromium at $CHROMIUM (apt-get install -y chromium, or set CHROMIUM)" >&2
  exit 2
fi
command -v node >/dev/null || { echo "check-report: node is not installed" >&2; exit 2; }

if [ -n "${1:-}" ]; then
  RUNS="$(cd "$1" && pwd)"
else
  RUNS="$(mktemp -d)/quick"
  echo "check-report: running the quick suite into $RUNS" >&2
  "$ROOT/eibench" run --out "$RUNS" >&2
fi
OUT="$RUNS/report-html"
rm -rf "$OUT"
"$ROOT/eibench" report "$RUNS" --out "$OUT" >&2

if [ ! -d "$HERE/node_modules/playwright-core" ]; then
  (cd "$HERE" && npm ci --no-audit --no-fund --silent) >&2
fi
mkdir -p "$SHOTS"
node "$HERE/check-report.mjs" "$OUT/index.html" "$SHOTS" "$CHROMIUM"
echo "check-report: passed; screenshots in $SHOTS" >&2
