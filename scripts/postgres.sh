#!/usr/bin/env bash
# Makes a local PostgreSQL available for the test run and prints its
# DATABASE_URL on stdout. Installs Debian's postgresql when missing (as root),
# starts the cluster on 127.0.0.1 only, creates the role and database.
# Exit 3: no PostgreSQL could be had (the Makefile skips, or fails under CI).
set -euo pipefail

ROLE=parvis
PASSWORD=parvis-test-only
DB=parvis
PORT=${PARVIS_PG_PORT:-5432}

log() { echo "postgres.sh: $*" >&2; }

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    log "PostgreSQL is not installed and we are not root: cannot install it."
    exit 3
  fi
  log "installing Debian's postgresql (first run only)…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-contrib) >&2 \
    || { log "apt-get install postgresql failed"; exit 3; }
fi

VERSION=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$VERSION main$"; then
  pg_createcluster "$VERSION" main --port "$PORT" >&2
fi
# Loopback only: the test server must never listen on the network.
printf "listen_addresses = '127.0.0.1'\nport = %s\n" "$PORT" > "/etc/postgresql/$VERSION/main/conf.d/parvis.conf"
if ! pg_lsclusters -h | awk -v v="$VERSION" '$1==v && $2=="main" {print $4}' | grep -q online; then
  pg_ctlcluster "$VERSION" main start >&2 || { log "could not start the cluster"; exit 3; }
fi

psql_admin() { su postgres -c "psql -p $PORT -v ON_ERROR_STOP=1 -qtA $*"; }
for _ in $(seq 1 30); do psql_admin "-c 'select 1'" >/dev/null 2>&1 && break; sleep 1; done
if [ "$(psql_admin "-c \"select 1 from pg_roles where rolname='$ROLE'\"")" != 1 ]; then
  psql_admin "-c \"create role $ROLE login createdb password '$PASSWORD'\"" >&2
fi
# The search benchmark writes a bulk load's pages out before it measures
# (CHECKPOINT, which needs this role from PostgreSQL 15 on).
if [ "$(psql_admin "-c \"select 1 from pg_roles where rolname='pg_checkpoint'\"")" = 1 ]; then
  psql_admin "-c \"grant pg_checkpoint to $ROLE\"" >&2
fi
if [ "$(psql_admin "-c \"select 1 from pg_database where datname='$DB'\"")" != 1 ]; then
  psql_admin "-c \"create database $DB owner $ROLE\"" >&2
fi
echo "postgres://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB"
