#!/usr/bin/env bash
# Installs what is missing, builds the release site and serves it on http://127.0.0.1:8080/
# (PORT=… to change). trunk rebuilds when a source file changes.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
port="${PORT:-8080}"
printf '\n\033[1;32mlinalg-live: open http://127.0.0.1:%s/ once the first build is done\033[0m\n\n' "$port"
# No autoreload: its inline script would break the Content-Security-Policy.
exec trunk serve --release --no-autoreload --port "$port"
