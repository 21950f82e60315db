#!/usr/bin/env bash
# Builds the release site and packs it as linalg-live-<version>.tar.gz, holding one folder
# linalg-live-<version>/ (the whole static site, with LICENSE and the fonts' licence), so that a
# versioned address never changes under a blog that embeds it. Publish the folder on any static host
# (docs/embedding.md: GitHub Pages as the worked example).
#
#   scripts/package.sh                 install what is missing, build, pack into the repository's root
#   scripts/package.sh --no-build DIR  pack an existing build in dist/ into DIR (the e2e tests do this)
set -euo pipefail
cd "$(dirname "$0")/.."
out="$PWD"
if [ "${1:-}" = "--no-build" ]; then
  out="${2:?--no-build needs the folder to write the archive into}"
else
  scripts/setup.sh
  export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
  trunk build --release
fi
[ -f dist/index.html ] || { echo "package.sh: no build in dist/ (run without --no-build)" >&2; exit 1; }
version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)"
name="linalg-live-$version"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/$name"
cp -R dist/. "$stage/$name/"
cp LICENSE "$stage/$name/LICENSE"
# Reproducible: sorted names, fixed owner and dates.
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2026-01-01 00:00Z' \
  -C "$stage" -czf "$out/$name.tar.gz" "$name"
echo "$out/$name.tar.gz"
