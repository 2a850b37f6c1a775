#!/usr/bin/env bash
# veraPDF (PDF/A and PDF/UA validation of the public PDFs, issue 16).
#   scripts/verapdf.sh install          the jars from Maven Central into var/verapdf
#                                       (Debian's Java 17 and Maven installed as root
#                                       when missing); exit 3 when they cannot be had
#   scripts/verapdf.sh FLAVOUR FILE…    validates against a profile (3a, 3b, ua1…);
#                                       prints PASS/FAIL lines, exit 0 only if all pass
set -euo pipefail
cd "$(dirname "$0")/.."
LIB=var/verapdf
if [ "${1:-}" = install ]; then
  [ -f "$LIB/.complete" ] && exit 0
  if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
    [ "$(id -u)" = 0 ] || { echo "verapdf.sh: java/mvn are missing and we are not root." >&2; exit 3; }
    echo "verapdf.sh: installing Debian's Java 17 and Maven (first run only)…" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless maven) >&2 || exit 3
  fi
  echo "verapdf.sh: copying veraPDF from Maven Central (first run only)…" >&2
  mvn -q -f scripts/verapdf/pom.xml dependency:copy-dependencies -DoutputDirectory="$PWD/$LIB" >&2 || exit 3
  touch "$LIB/.complete"
  exit 0
fi
[ -f "$LIB/.complete" ] || { echo "verapdf.sh: run 'scripts/verapdf.sh install' first." >&2; exit 3; }
flavour=$1; shift
exec java -cp "$LIB/*" org.verapdf.apps.GreenfieldCliWrapper --format text -v --flavour "$flavour" "$@"
