#!/usr/bin/env bash
# The whole test run, from a bare machine: setup, type check, lint, then every test
# (unit, CLI and e2e in real Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "test: type check"; npx tsc --noEmit
echo "test: lint"; npx eslint .
echo "test: vitest"; npx vitest run "$@"
