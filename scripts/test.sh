#!/usr/bin/env bash
# The whole test run, from a bare machine: setup (and LibreOffice, for the PowerPoint test
# only), type check, lint, then every test
# (unit, CLI and e2e in real Chromium), ending with one "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
bash scripts/install-libreoffice.sh
echo "test: type check"; npx tsc --noEmit
echo "test: lint (ESLint, then dependency-cruiser: no cycles, a pure core)"; npx eslint .; npx depcruise src build.ts bench --config .dependency-cruiser.cjs
echo "test: vitest"
report=node_modules/.cache/kamishibai/vitest.json
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
' "$report" || true
exit $status
