#!/usr/bin/env bash
# Every check and test: formatting, lints and type checks (Rust and UI), unit, property, fixture
# and command-line tests, the UI's unit tests, and the end-to-end tests on the real app window.
set -euo pipefail
cd "$(dirname "$0")/.."
export POOLED_SETUP_TESTS=1
. scripts/setup.sh

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== worked examples match the shared spec copies"
# Every example the tests use is the spec's own copy, byte for byte. (The spec also holds
# examples of features still to come; each is copied here with the feature that uses it.)
if [ -d ../shared/examples ]; then
  for copy in fixtures/examples/*; do
    cmp "$copy" "../shared/examples/$(basename "$copy")"
  done
  for copy in fixtures/workbooks/*; do
    cmp "$copy" "../shared/examples/workbooks/$(basename "$copy")"
  done
fi
echo "== UI: type check, lint, unit tests, build"
npm --prefix ui run check --silent
npm --prefix ui run lint --silent
npm --prefix ui test --silent
npm --prefix ui run build --silent
echo "== cargo clippy (every crate, the workload generator, then the desktop shell)"
cargo clippy --locked --all-targets -- -D warnings
cargo clippy --locked -p pooled-cli --features workload --all-targets -- -D warnings
cargo clippy --locked -p pooled-app --all-targets --features custom-protocol -- -D warnings
echo "== cargo test: every crate but the shell (includes: generated TypeScript types are up to date)"
cargo test --locked
echo "== cargo test: pooled generate (built only with the workload feature)"
cargo test --locked --features workload --test workloads
echo "== end-to-end tests on the app window"
bash scripts/e2e.sh
