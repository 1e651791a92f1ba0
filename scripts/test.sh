#!/usr/bin/env bash
# Every check and test: formatting, lints, unit, property, fixture and command-line tests.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --locked --all-targets -- -D warnings
echo "== worked examples match the shared spec copies"
if [ -d ../shared/examples ]; then
  diff -r ../shared/examples fixtures/examples
fi
echo "== cargo test"
cargo test --locked
