#!/usr/bin/env bash
# Finds a Chromium/Chrome for PDF export; on Debian/Ubuntu as root, installs Debian's
# chromium and its headless shell (and poppler-utils, which the PDF tests read PDFs with).
# Elsewhere it says exactly what to run. Puppeteer's own browser download is never used: it
# needs a network that CI and offline laptops lack.
set -euo pipefail

have_browser() {
  [ -n "${PUPPETEER_EXECUTABLE_PATH:-}" ] && [ -x "${PUPPETEER_EXECUTABLE_PATH}" ] && return 0
  [ -n "${CHROME_PATH:-}" ] && [ -x "${CHROME_PATH}" ] && return 0
  for p in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable /opt/google/chrome/chrome \
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" "/Applications/Chromium.app/Contents/MacOS/Chromium"; do
    [ -x "$p" ] && return 0
  done
  return 1
}

need=()
have_browser || need+=(chromium)
# Debian's headless shell, where apt has it (Debian 12 and later; not Ubuntu, whose chromium
# is a snap): the same engine without the browser's UI, which starts ~1 s sooner. Builds use
# it first, and chromium where it is not. `grep >/dev/null`, not `grep -q`: under pipefail,
# apt-cache cut off by grep's early exit would fail the test.
if command -v apt-cache >/dev/null 2>&1 && [ ! -x /usr/bin/chromium-headless-shell ] &&
  apt-cache policy chromium-headless-shell 2>/dev/null | grep 'Candidate: [0-9]' >/dev/null; then
  faster=(chromium-headless-shell)
else
  faster=()
fi
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && [ ${#faster[@]} -eq 0 ] && exit 0

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  need+=("${faster[@]}")
  echo "setup: installing ${need[*]} with apt-get"
  # Waits up to 15 min for another install to let go of the package lock (two setups at once
  # on a shared machine) instead of failing at once.
  apt-get -o DPkg::Lock::Timeout=900 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq "${need[@]}" >/dev/null
  exit 0
fi

if [ ${#need[@]} -eq 0 ]; then
  echo "setup: PDF export starts ~1 s sooner with Debian's headless shell: sudo apt-get install -y chromium-headless-shell"
  exit 0
fi
echo "setup: missing ${need[*]}." >&2
if command -v apt-get >/dev/null 2>&1; then
  echo "  run: sudo apt-get update && sudo apt-get install -y ${need[*]}" >&2
elif command -v brew >/dev/null 2>&1; then
  echo "  run: brew install --cask chromium; brew install poppler" >&2
else
  echo "  install Chrome or Chromium, then set PUPPETEER_EXECUTABLE_PATH=/path/to/chrome" >&2
fi
echo "  HTML decks build without it; PDF export and the browser tests need it." >&2
exit 0
