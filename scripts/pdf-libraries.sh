#!/usr/bin/env bash
# WeasyPrint (the public PDFs: acts, procès-verbal, registers) draws its text
# with Pango and HarfBuzz from the system. Installs Debian's libraries as root
# when they are missing. Exit 3 when they cannot be had.
set -euo pipefail
ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so.0" && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "pdf-libraries.sh: Pango is missing and we are not root." >&2
  exit 3
fi
echo "pdf-libraries.sh: installing Debian's Pango for WeasyPrint (first run only)…" >&2
(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core) >&2 || exit 3
