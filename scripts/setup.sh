#!/usr/bin/env bash
# Makes a bare machine ready to build and present: npm packages (never a browser download),
# then a Chromium for PDF export. A speaker's install leaves out what only the tests use
# (marp-cli, Slidev's parser, vitest...: devDependencies); `setup.sh --dev` (which
# scripts/test.sh runs) brings them in. Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

want=prod
[ "${1:-}" = "--dev" ] && want=dev
export PUPPETEER_SKIP_DOWNLOAD=true
stamp=node_modules/.cache/kamishibai/npm-ci.stamp
have=$(cat "$stamp" 2>/dev/null || echo none)
# An empty stamp is an older setup's, which installed everything.
[ -z "$have" ] && have=dev
# The stamp says which install is there; a full one (dev) serves a speaker too.
if [ "$have" = none ] || [ package-lock.json -nt "$stamp" ] || { [ "$want" = dev ] && [ "$have" != dev ]; }; then
  if [ "$want" = dev ]; then
    echo "setup: installing npm packages with the tests' own (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  else
    echo "setup: installing npm packages (npm ci --omit=dev)"
    npm ci --omit=dev --no-audit --no-fund --loglevel=error
    # Source maps are for debugging mermaid itself; nothing Kamishibai runs reads them (84 MB).
    find node_modules/mermaid/dist -name '*.map' -delete
  fi
  # Written aside and renamed: a stamp hard-linked into other copies of node_modules stays theirs.
  mkdir -p "$(dirname "$stamp")" && echo "$want" > "$stamp.tmp" && mv "$stamp.tmp" "$stamp"
fi

bash scripts/install-browser.sh
