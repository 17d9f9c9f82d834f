#!/usr/bin/env bash
# For the tests only (the PowerPoint export's e2e test draws its files with LibreOffice
# Impress): installs Debian's libreoffice-impress when `soffice` is missing, on Debian/Ubuntu
# as root; elsewhere it says what to run. Speakers never need it: a build uses no LibreOffice.
set -euo pipefail
command -v soffice >/dev/null 2>&1 && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "test: installing libreoffice-impress with apt-get (the PowerPoint test draws its files with it)"
  # Waits up to 15 min for another install to let go of the package lock (two setups at once
  # on a shared machine) instead of failing at once.
  apt-get -o DPkg::Lock::Timeout=900 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq libreoffice-impress >/dev/null
  exit 0
fi
echo "test: soffice missing; the PowerPoint test needs it (sudo apt-get install -y libreoffice-impress, or brew install --cask libreoffice)" >&2
