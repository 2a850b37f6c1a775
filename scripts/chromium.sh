#!/usr/bin/env bash
# Makes Debian's chromium available for the browser tests (installs it as
# root when missing). Exit 3 when it cannot be had.
set -euo pipefail
command -v /usr/bin/chromium >/dev/null 2>&1 && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "chromium.sh: /usr/bin/chromium is missing and we are not root." >&2
  exit 3
fi
echo "chromium.sh: installing Debian's chromium (first run only)…" >&2
(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >&2 || exit 3
