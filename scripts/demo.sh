#!/usr/bin/env bash
# The main job: builds Pooled and evaluates the demo plan (a made-up area, Northbrook 2025/26).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh

cargo build --release --locked --quiet
plan=fixtures/demo/northbrook-2025-26.plan.json
echo "== pooled check $plan"
./target/release/pooled check "$plan"
echo
echo "== pooled evaluate $plan  (outcome written to target/demo-outcome.json)"
./target/release/pooled evaluate "$plan" > target/demo-outcome.json
head -n 40 target/demo-outcome.json
echo "…"
