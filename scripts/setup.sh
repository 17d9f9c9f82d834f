#!/usr/bin/env bash
# Makes a bare machine ready to build and test: npm packages (never a browser download),
# then a Chromium for PDF export and the e2e tests. Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

export PUPPETEER_SKIP_DOWNLOAD=true
stamp=node_modules/.cache/kamishibai/npm-ci.stamp
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "setup: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  mkdir -p "$(dirname "$stamp")" && touch "$stamp"
fi

bash scripts/install-browser.sh
