#!/usr/bin/env bash
# The main job: builds the web UI and the Pooled desktop app and starts it on the default
# workspace ($XDG_DATA_HOME/pooled/workspace.pooled; a new one starts with the demo plan, a
# made-up area, Northbrook 2025/26). Without a display it checks and evaluates the demo plans
# instead: Northbrook, and Westmere 2025/26 (two pools, one hosted by the council and one by
# the ICB, netted against each other, with a risk reserve brought forward).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh

echo "== building the UI and the app (release)"
npm --prefix ui run build --silent
cargo build --release --locked --quiet --bin pooled
cargo build --release --locked --quiet -p pooled-app --features custom-protocol
plan=fixtures/demo/northbrook-2025-26.plan.json
two_pools=fixtures/demo/westmere-2025-26.plan.json

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "== starting Pooled (target/release/pooled-app)"
  exec ./target/release/pooled-app "$@"
fi

echo "There is no display here, so the window cannot open; on a desktop run target/release/pooled-app."
echo "== pooled check $plan"
./target/release/pooled check "$plan"
echo "== pooled evaluate $plan  (outcome written to target/demo-outcome.json)"
./target/release/pooled evaluate "$plan" > target/demo-outcome.json
head -n 40 target/demo-outcome.json
echo "…"
echo "== pooled check $two_pools"
./target/release/pooled check "$two_pools"
echo "== pooled evaluate $two_pools  (outcome written to target/demo-outcome-westmere.json)"
./target/release/pooled evaluate "$two_pools" > target/demo-outcome-westmere.json
echo "The outcomes' figures are explained in docs/calculation.md (Westmere: section 5.11)."
