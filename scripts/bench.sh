#!/usr/bin/env bash
# Benchmarks (numbers, never pass/fail on time): see docs/benchmarks.md.
#
#   scripts/bench.sh                 build the benchmark module, then math.mjs (wasm vs ml-matrix, after
#                                    criterion's native run), a release site build and frames.mjs
#   scripts/bench.sh --write         the same, and write the tables into docs/benchmarks.md
#   scripts/bench.sh --smoke         build the module and run math.mjs once per case (answers checked)
#   scripts/bench.sh --module-only   only build bench/wasm/pkg (the module math.mjs loads)
#   scripts/bench.sh --profiles      the release-profile table: the module built with one profile
#                                    setting changed at a time, its size and a few math.mjs timings
#
# The module: bench/wasm (its own crate and workspace, target dir bench/wasm/target) built for
# wasm32 with the site's release profile, wasm-bindgen --target nodejs, then wasm-opt -O3 as trunk
# does for the site (same parameters as index.html's data-wasm-opt-params).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
mode="${1:-}"
step() { printf '\n\033[1;34m== %s\033[0m\n' "$*"; }

# build_module OUT_DIR WASM_OPT_LEVEL: cargo (profile from the environment), wasm-bindgen, wasm-opt.
build_module() {
  local out="$1" level="$2"
  (cd bench/wasm && cargo build --quiet --release --target wasm32-unknown-unknown)
  rm -rf "$out"
  wasm-bindgen --target nodejs --out-dir "$out" bench/wasm/target/wasm32-unknown-unknown/release/linalg_live_bench.wasm
  # The repository's package.json says "type": "module"; wasm-bindgen's nodejs output is CommonJS.
  echo '{ "type": "commonjs" }' > "$out/package.json"
  if [[ "$level" != none ]]; then
    wasm-opt "$level" -ocimfs 0 --low-memory-unused --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-reference-types \
      --enable-multivalue --enable-mutable-globals --strip-debug --strip-producers \
      "$out/linalg_live_bench_bg.wasm" -o "$out/linalg_live_bench_bg.wasm"
  fi
}
size() { printf '%s KiB raw, %s KiB gzip' "$(($(stat -c %s "$1") / 1024))" "$(($(gzip -9c "$1" | wc -c) / 1024))"; }

if [[ "$mode" == "--profiles" ]]; then
  cases='^(svd_2x2|symmetric_eigen_3x3|eigen_3x3|pca_100000|image_top20_512)$'
  variants=(
    "site profile (opt z, the maths opt s, lto, 1 unit, abort) + wasm-opt -O3|-O3|"
    "… without wasm-opt|none|"
    "… wasm-opt -Oz instead of -O3|-Oz|"
    "opt-level s outside the maths|-O3|CARGO_PROFILE_RELEASE_OPT_LEVEL=s"
    "opt-level 3 outside the maths|-O3|CARGO_PROFILE_RELEASE_OPT_LEVEL=3"
    "lto off|-O3|CARGO_PROFILE_RELEASE_LTO=false"
    "16 codegen units|-O3|CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16"
  )
  for variant in "${variants[@]}"; do
    IFS='|' read -r name level env <<< "$variant"
    step "$name"
    out="$(mktemp -d)/pkg"
    (if [[ -n "$env" ]]; then export "${env?}"; fi; build_module "$out" "$level")
    echo "size: $(size "$out/linalg_live_bench_bg.wasm")"
    LINALG_BENCH_PKG="$out/linalg_live_bench.js" node tests/bench/math.mjs --only "$cases" | grep -E '^(SVD|symmetric|eigen|PCA|image)'
  done
  exit 0
fi

step "benchmark module (bench/wasm → bench/wasm/pkg)"
build_module bench/wasm/pkg -O3
[[ "$mode" == "--module-only" ]] && exit 0

if [[ "$mode" == "--smoke" ]]; then
  step "math.mjs --smoke (each case once, answers checked against ml-matrix)"
  node tests/bench/math.mjs --smoke
  exit 0
fi

step "criterion: the same maths natively (cargo bench --bench math)"
cargo bench --quiet --bench math

step "math.mjs: wasm vs ml-matrix vs native"
write=()
[[ "$mode" == "--write" ]] && write=(--write docs/benchmarks.md)
node tests/bench/math.mjs "${write[@]}"

step "frames.mjs on a release build of the site"
dist="$(mktemp -d)"
trunk build --release --dist "$dist"
LINALG_DIST="$dist" node tests/bench/frames.mjs 300
