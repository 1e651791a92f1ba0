#!/usr/bin/env bash
# End-to-end tests on the real app window: builds the UI, the app (with the UI embedded) and the
# command-line tool in release, then drives the window through tauri-driver under a virtual display.
# Installs nothing: scripts/setup.sh (POOLED_SETUP_TESTS=1) provides Xvfb, WebKitWebDriver and
# tauri-driver. Screenshots, timings and logs go to target/e2e/. Extra arguments pick tests by
# file or name, e.g. `scripts/e2e.sh 02 agree`.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f "$HOME/.cargo/env" ]; then . "$HOME/.cargo/env"; fi

for tool in xvfb-run dbus-run-session tauri-driver WebKitWebDriver xdotool pdftotext node; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "e2e: $tool is not installed; run POOLED_SETUP_TESTS=1 scripts/setup.sh first." >&2
    exit 1
  fi
done

echo "== e2e: build the UI, the app (custom-protocol) and the CLI, release as people run them"
# Release builds: the suite also times an edit to a 1,000-scheme plan, which only means
# something in the build people use (the main job builds the same binaries).
npm --prefix ui run build --silent
cargo build --release --locked -p pooled-app --features custom-protocol
cargo build --release --locked --bin pooled

echo "== e2e: run the tests on the app window"
# No WEBKIT_DISABLE_COMPOSITING_MODE: the window draws without it under Xvfb, and with it
# WebKitWebDriver never answers a screenshot. Set it from outside if a window comes up blank.
export NO_AT_BRIDGE=1
# A screen larger than the window (1440 x 900) so nothing is cut off in screenshots.
xvfb-run -a -s "-screen 0 1600x1000x24" dbus-run-session -- node e2e/run.mjs "$@"
