#!/usr/bin/env bash
# Installs what Pooled needs on a fresh Debian 12 machine. Safe to run again; sourced by the
# other scripts. Needs root (or sudo) for apt-get. With POOLED_SETUP_TESTS=1 it also installs
# what the tests need: a virtual display, WebKitWebDriver, tauri-driver, poppler and LibreOffice
# Calc (which opens, recalculates and re-saves the workbooks Pooled writes).
set -euo pipefail

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# System packages: a C toolchain, and the GTK/WebKit libraries the desktop window is built on.
packages=(build-essential pkg-config file libssl-dev libwebkit2gtk-4.1-dev libxdo-dev librsvg2-dev)
if [ "${POOLED_SETUP_TESTS:-0}" = 1 ]; then
  packages+=(webkit2gtk-driver xvfb xauth dbus poppler-utils xdotool libreoffice-calc-nogui)
fi
needed=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || needed+=("$pkg")
done
if [ "${#needed[@]}" -gt 0 ]; then
  echo "setup: installing ${needed[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
fi

# Rust: rustup's toolchain (Debian's own cargo is too old for edition 2024).
if [ -f "$HOME/.cargo/env" ]; then . "$HOME/.cargo/env"; fi
if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: Rust is not installed. Install it with rustup (https://rustup.rs), then run this again." >&2
  exit 1
fi
if command -v rustup >/dev/null 2>&1; then
  rustup component add rustfmt clippy >/dev/null 2>&1 || true
fi

# Node.js 20.19 or later for the web UI (Vite 8); the packages come from package-lock.json.
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' 2>/dev/null; then
  echo "setup: Node.js 20.19 or later is needed for the UI (found: $(node --version 2>/dev/null || echo none))." >&2
  exit 1
fi
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  echo "setup: npm ci (ui)"
  npm ci --prefix ui --no-audit --no-fund --loglevel=error
fi

# tauri-driver bridges WebDriver to the app window for the end-to-end tests.
if [ "${POOLED_SETUP_TESTS:-0}" = 1 ] && ! command -v tauri-driver >/dev/null 2>&1; then
  echo "setup: cargo install tauri-driver"
  cargo install tauri-driver --locked --version ^2 --quiet
fi
