#!/usr/bin/env bash
# WeasyPrint (the public PDFs: acts, procès-verbal, registers) draws its text
# with Pango and HarfBuzz from the system; the tests render their pages with
# poppler's pdftoppm. Installs Debian's packages as root when they are
# missing. Exit 3 when they cannot be had.
set -euo pipefail
if ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so.0" && command -v pdftoppm >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "pdf-libraries.sh: Pango or pdftoppm is missing and we are not root." >&2
  exit 3
fi
echo "pdf-libraries.sh: installing Debian's Pango for WeasyPrint and poppler-utils (first run only)…" >&2
(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core poppler-utils) >&2 || exit 3
