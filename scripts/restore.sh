#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into the database named by
# DATABASE_URL (created empty beforehand: createdb -O parvis NAME) and the
# folders MEDIA_ROOT and PRIVATE_MEDIA_ROOT. Usage: scripts/restore.sh BACKUP_FOLDER
# Stop the web servers and the worker first; run `manage.py migrate` after
# restoring into a newer version of Parvis.
set -euo pipefail

src=${1:?usage: scripts/restore.sh BACKUP_FOLDER}
: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database to restore into}"
root=$(cd "$(dirname "$0")/.." && pwd)
media=${MEDIA_ROOT:-$root/media}
private=${PRIVATE_MEDIA_ROOT:-$root/var/private-media}

(cd "$src" && sha256sum --check --quiet SHA256SUMS) || { echo "restore.sh: the backup is damaged (SHA256SUMS)." >&2; exit 2; }
tables=$(psql --dbname="$DATABASE_URL" --tuples-only --no-align \
  --command="SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
if [ "$tables" != 0 ]; then
  echo "restore.sh: the target database is not empty; restore into a new database." >&2
  exit 2
fi

pg_restore --no-owner --no-privileges --exit-on-error --dbname="$DATABASE_URL" "$src/database.dump"
for name in media private; do
  folder=$([ "$name" = media ] && echo "$media" || echo "$private")
  if [ -f "$src/$name.tar.gz" ]; then
    mkdir -p "$folder"
    tar -C "$folder" -xzf "$src/$name.tar.gz"
  fi
done
echo "backup restored from $src" >&2
