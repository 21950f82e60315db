#!/usr/bin/env bash
# Installs what is missing, then runs every test: formatting and lints, native unit/property/oracle
# tests, browser tests of the DOM glue (wasm-bindgen-test in headless Chromium), a release build, and
# the end-to-end tests that serve dist/ on 127.0.0.1 and drive Chromium with real input.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
step() { printf '\n\033[1;34m== %s\033[0m\n' "$*"; }

step "format and lints"
cargo fmt --all -- --check
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown --lib --test web -- -D warnings

step "native tests (math, state, URL, figures, numpy oracle)"
cargo test --quiet

step "browser tests of the DOM glue (wasm-bindgen-test, headless Chromium)"
WASM_BINDGEN_TEST_TIMEOUT=120 cargo test --target wasm32-unknown-unknown --test web

step "release build"
trunk build --release
ls -l dist/*.wasm dist/*.js
# core's float printing and parsing (about 23 KB gzipped) stay out: src/decimal.rs and src/engine.rs do it.
node scripts/wasm-size.mjs "${CARGO_TARGET_DIR:-target}/wasm-bindgen/release/linalg-live_bg.wasm" --top 0 --forbid 'flt2dec|dec2flt|fmt::float'

step "end-to-end tests (dist/ on 127.0.0.1, Debian's Chromium)"
node --test --test-concurrency=1 --test-reporter=spec tests/e2e/
