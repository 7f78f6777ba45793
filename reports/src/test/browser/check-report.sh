#!/usr/bin/env bash
# Browser check of the HTML report: runs the quick suite (or takes existing runs), writes the report with
# `eibench report` (with the first run shown twice when there are fewer than 12, so the Results table has 12 model
# columns), opens index.html from disk in headless Chromium with networking off, and fails on console errors, page
# errors, any request leaving file://, an image that did not load (naturalWidth 0), horizontal overflow at 1366x768,
# or a model's Results column that is neither in view at 1366 or 1920 px wide nor brought into view by the model
# picker. Saves screenshots (first screen, full page, one per section, the Results table at both widths).
#
# CI (fresh Debian 12, after `./mvnw -B verify`; add to .ci/run):
#   apt-get install -y --no-install-recommends chromium nodejs npm fonts-dejavu-core
#   reports/src/test/browser/check-report.sh
# About 2 min 20 s with a fresh quick-suite run on 2 cores (plus about a minute if eibench.jar must be built), about
# 30 s when RUNS_DIR is given. npm ci fetches only
# playwright-core (pinned with its checksum in package-lock.json) from the npm registry; no browser is downloaded:
# Playwright drives the system Chromium.
#
# Usage: reports/src/test/browser/check-report.sh [RUNS_DIR] [SCREENSHOT_DIR]
#   RUNS_DIR        an existing quick-suite run: a folder of run directories (as `eibench run --out` writes) or one
#                   run directory; it is only read. Default: `./eibench run --out DIR` into a temporary folder
#   SCREENSHOT_DIR  screenshots and the report; default: reports/target/browser-check
# Needs: chromium (CHROMIUM=/path overrides /usr/bin/chromium or chromium on PATH), node >= 18, npm; java for eibench.
# Exit code: 0 pass, 1 check failed (or the report could not be written), 2 set-up problem (missing tool, npm ci or
# the quick-suite run failed).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../../.." && pwd)"
SHOTS="${2:-$ROOT/reports/target/browser-check}"
setup() { echo "check-report: set-up problem: $*" >&2; exit 2; }

CHROMIUM="${CHROMIUM:-}"
if [ -z "$CHROMIUM" ]; then
  for c in /usr/bin/chromium "$(command -v chromium || true)" "$(command -v chromium-browser || true)"; do
    if [ -n "$c" ] && [ -x "$c" ]; then CHROMIUM="$c"; break; fi
  done
fi
[ -n "$CHROMIUM" ] && [ -x "$CHROMIUM" ] \
  || setup "no Chromium (apt-get install -y chromium, or set CHROMIUM=/path/to/chromium)"
command -v node >/dev/null || setup "node is not installed (apt-get install -y nodejs)"
command -v npm >/dev/null || setup "npm is not installed (apt-get install -y npm)"
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
[ "$NODE_MAJOR" -ge 18 ] || setup "node $(node --version) is too old: playwright-core needs node >= 18"
[ -f "$HERE/package-lock.json" ] || setup "no package-lock.json beside $0"

# playwright-core from the committed lockfile, exactly (npm ci fails when package.json and the lockfile disagree).
# --ignore-scripts and PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: nothing may fetch a browser. Reinstalled only when the
# installed version differs from the lockfile's.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
WANT="$(node -p 'require(process.argv[1]).packages["node_modules/playwright-core"].version' "$HERE/package-lock.json")"
HAVE="$(node -p 'try { require(process.argv[1]).version } catch (e) { "" }' "$HERE/node_modules/playwright-core/package.json")"
if [ "$HAVE" != "$WANT" ]; then
  echo "check-report: npm ci (playwright-core $WANT)" >&2
  (cd "$HERE" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) >&2 \
    || setup "npm ci failed in $HERE (needs the npm registry, or a cache with playwright-core $WANT)"
fi

if [ -n "${1:-}" ]; then
  [ -d "$1" ] || setup "no such folder: $1"
  RUNS="$(cd "$1" && pwd)"
else
  RUNS="$(mktemp -d)/quick"
  echo "check-report: running the quick suite into $RUNS" >&2
  "$ROOT/eibench" run --out "$RUNS" >&2 || setup "the quick-suite run failed (eibench run --out $RUNS)"
fi
# The report goes beside the screenshots, not into RUNS_DIR, which is only read.
mkdir -p "$SHOTS"
OUT="$SHOTS/report"
rm -rf "$OUT" "$SHOTS"/results-*.png
# Twelve models, the most the report is laid out for: the quick suite has eleven, so the first run is shown once more
# under another folder name (a link; RUNS_DIR stays untouched).
REPORTED=("$RUNS")
if [ ! -f "$RUNS/summary.json" ]; then
  mapfile -t RUN_DIRS < <(find -L "$RUNS" -mindepth 2 -maxdepth 2 -name summary.json -printf '%h\n' | sort)
  if [ "${#RUN_DIRS[@]}" -lt 12 ] && [ "${#RUN_DIRS[@]}" -gt 0 ]; then
    EXTRA="$(mktemp -d)"
    trap 'rm -rf "$EXTRA"' EXIT
    ln -s "${RUN_DIRS[0]}" "$EXTRA/$(basename "${RUN_DIRS[0]}")-again"
    REPORTED+=("$EXTRA/$(basename "${RUN_DIRS[0]}")-again")
  fi
fi
"$ROOT/eibench" report "${REPORTED[@]}" --out "$OUT" >&2 || { echo "check-report: eibench report failed" >&2; exit 1; }

node "$HERE/check-report.mjs" "$OUT/index.html" "$SHOTS" "$CHROMIUM"
echo "check-report: passed; report and screenshots in $SHOTS" >&2
