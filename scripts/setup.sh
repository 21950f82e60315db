#!/usr/bin/env bash
# Installs whatever is missing to build, serve and test linalg-live. Idempotent: each step first checks
# whether its tool is already present at the right version, so a second run takes a few seconds.
#
# usage: scripts/setup.sh [--with-browser]
#   --with-browser   also install Debian's Chromium + ChromeDriver and the e2e test's npm packages
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# Must equal the wasm-bindgen version pinned in Cargo.toml / Cargo.lock.
WASM_BINDGEN_VERSION=0.2.130
with_browser=0
[[ "${1:-}" == "--with-browser" ]] && with_browser=1

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

apt_missing=()
need_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed' || apt_missing+=("$1"); }
need_pkg binaryen
if (( with_browser )); then
  need_pkg chromium
  need_pkg chromium-driver
  command -v node >/dev/null && command -v npm >/dev/null || { need_pkg nodejs; need_pkg npm; }
fi
if (( ${#apt_missing[@]} )); then
  say "installing Debian packages: ${apt_missing[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${apt_missing[@]}"
fi

if ! trunk --version 2>/dev/null | grep -q " ${TRUNK_VERSION}\$"; then
  say "installing trunk ${TRUNK_VERSION} (about 10 minutes, once)"
  cargo install trunk --version "${TRUNK_VERSION}" --locked
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " ${WASM_BINDGEN_VERSION}\$"; then
  say "installing wasm-bindgen-cli ${WASM_BINDGEN_VERSION} (about 7 minutes, once)"
  # No --locked: the crate's own lockfile does not build with this toolchain.
  cargo install wasm-bindgen-cli --version "${WASM_BINDGEN_VERSION}"
fi

if (( with_browser )) && [[ ! -d tests/e2e/node_modules/playwright-core ]]; then
  say "installing the end-to-end test's npm packages (playwright-core, no browser download)"
  (cd tests/e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi

# Fetch crates once so trunk and cargo can run offline afterwards.
cargo fetch --quiet
say "tools ready: $(trunk --version), $(wasm-bindgen --version), $(wasm-opt --version | head -1)"
