#!/usr/bin/env bash
# Makes Debian's exiftool available for the test that reads served contest
# photos with it (tests/participation/test_metadata_stripped.py: no GPS left).
# Installs it as root when missing. Exit 3 when it cannot be had.
set -euo pipefail
command -v exiftool >/dev/null 2>&1 && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "exiftool.sh: exiftool is missing and we are not root." >&2
  exit 3
fi
echo "exiftool.sh: installing Debian's libimage-exiftool-perl (first run only)…" >&2
(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libimage-exiftool-perl) >&2 || exit 3
