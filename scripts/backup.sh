#!/usr/bin/env bash
# Backs up a Parvis instance into a new folder: the PostgreSQL database
# (pg_dump, custom format) and the media folders (public media and private
# contest photos). Usage: scripts/backup.sh DEST_FOLDER
# Reads DATABASE_URL, MEDIA_ROOT and PRIVATE_MEDIA_ROOT from the environment
# (the same variables as the web server). Media on an object store (S3) are
# backed up by the store's own versioning or replication, not here.
set -euo pipefail

dest=${1:?usage: scripts/backup.sh DEST_FOLDER}
: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database}"
root=$(cd "$(dirname "$0")/.." && pwd)
media=${MEDIA_ROOT:-$root/media}
private=${PRIVATE_MEDIA_ROOT:-$root/var/private-media}

case "$DATABASE_URL" in
  postgres://*|postgresql://*) ;;
  *) echo "backup.sh: DATABASE_URL is not PostgreSQL (an SQLite demo is backed up by copying its file)." >&2; exit 2 ;;
esac
if [ -e "$dest" ] && [ -n "$(ls -A "$dest")" ]; then
  echo "backup.sh: $dest is not empty; choose a new folder." >&2
  exit 2
fi
mkdir -p "$dest"
umask 077  # a backup holds personal data and password hashes

pg_dump --format=custom --no-owner --no-privileges --file="$dest/database.dump" --dbname="$DATABASE_URL"
for name in media private; do
  folder=$([ "$name" = media ] && echo "$media" || echo "$private")
  if [ -d "$folder" ]; then
    tar -C "$folder" -czf "$dest/$name.tar.gz" .
  fi
done
(cd "$dest" && sha256sum -- * > SHA256SUMS)
echo "backup.sh: backup written to $dest" >&2
