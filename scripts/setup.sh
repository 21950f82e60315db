#!/usr/bin/env bash
# Installs whatever is missing to build, serve and test linalg-live on Debian with a Rust toolchain.
# Idempotent: each step checks first, so a second run takes seconds.
#
#   scripts/setup.sh            the build tools (wasm32 target, trunk, wasm-bindgen-cli, node tools)
#   scripts/setup.sh --tests    also Debian's Chromium + ChromeDriver for the browser tests, numpy and
#                               matplotlib
#
# Source it (`. scripts/setup.sh`) or run it; scripts/serve.sh and scripts/test.sh call it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

TRUNK_VERSION=0.21.14
# Must equal the wasm-bindgen version pinned in Cargo.toml (and so in Cargo.lock).
WASM_BINDGEN_VERSION=0.2.130
with_tests=0
[[ "${1:-}" == "--tests" ]] && with_tests=1

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*" >&2; }
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

apt_missing=()
need_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed' || apt_missing+=("$1"); }
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then need_pkg nodejs; need_pkg npm; fi
if (( with_tests )); then need_pkg chromium; need_pkg chromium-driver; fi
if (( ${#apt_missing[@]} )); then
  say "installing Debian packages: ${apt_missing[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${apt_missing[@]}" >/dev/null
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

# binaryen's wasm-opt (Debian's 108 cannot read what wasm-bindgen 0.2.130 emits), terser and playwright-core,
# pinned in package-lock.json. No browser is downloaded: the tests use Debian's Chromium.
if ! cmp -s package-lock.json node_modules/.installed-lock.json; then
  say "installing the pinned node tools (binaryen, terser, playwright-core)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.installed-lock.json
fi

# numpy for the tests that run the code panel's snippets (tests/code_runs.rs), pinned, from PyPI.
NUMPY_VERSION=2.4.6
if (( with_tests )) && ! python3 -c "import numpy, sys; sys.exit(numpy.__version__ != '${NUMPY_VERSION}')" 2>/dev/null; then
  say "installing numpy ${NUMPY_VERSION} for the code-panel tests"
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore "numpy==${NUMPY_VERSION}"
fi
# matplotlib for the tests that run the downloadable notebook's figure cell (tests/notebook.rs), pinned.
MATPLOTLIB_VERSION=3.11.2
if (( with_tests )) && ! python3 -c "import matplotlib, sys; sys.exit(matplotlib.__version__ != '${MATPLOTLIB_VERSION}')" 2>/dev/null; then
  say "installing matplotlib ${MATPLOTLIB_VERSION} for the notebook tests"
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore "matplotlib==${MATPLOTLIB_VERSION}" "numpy==${NUMPY_VERSION}"
fi

# Fetch crates once so that trunk and cargo can work offline afterwards.
cargo fetch --quiet
cargo fetch --quiet --target wasm32-unknown-unknown
say "ready: $(trunk --version), $(wasm-bindgen --version), $(wasm-opt --version)"
