#!/bin/sh
# CrmSuite backup: one pg_dump (custom format, restorable with pg_restore) per database into
# $BACKUP_DIR/<UTC time>/<database>.dump, then dumps older than $BACKUP_RETENTION_DAYS days are
# deleted. Run by the chart's CronJob (templates/backup-cronjob.yaml) and by the restore test
# (tests/CrmSuite.UpgradeTests), so the test restores exactly what the cluster writes.
#
# Settings (environment): PGHOST, PGPORT, PGUSER, PGPASSWORD, PGSSLMODE as libpq reads them;
# BACKUP_DATABASES (space-separated names), BACKUP_DIR, BACKUP_RETENTION_DAYS (0: keep all).
# A run is complete when <UTC time>/COMPLETE exists; a failed run leaves no COMPLETE and exits non-zero.
set -eu

: "${BACKUP_DATABASES:?BACKUP_DATABASES (the databases to dump) is required}"
: "${BACKUP_DIR:?BACKUP_DIR (where dumps are written) is required}"
retention="${BACKUP_RETENTION_DAYS:-14}"

stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
target="$BACKUP_DIR/$stamp"
mkdir -p "$target"

for database in $BACKUP_DATABASES; do
  # Written under a temporary name and renamed: a half-written dump never looks like a backup.
  pg_dump --format=custom --compress=6 --no-password --dbname="$database" --file="$target/$database.dump.partial"
  mv "$target/$database.dump.partial" "$target/$database.dump"
  echo "backup: $database -> $target/$database.dump ($(wc -c < "$target/$database.dump") bytes)"
done
date -u +%Y-%m-%dT%H:%M:%SZ > "$target/COMPLETE"

if [ "$retention" -gt 0 ]; then
  # Whole runs older than the retention (by the run directory's time), never the one just written.
  find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d ! -name "$stamp" -mtime +"$((retention - 1))" -print | while read -r old; do
    rm -rf "$old"
    echo "backup: pruned $old (older than $retention days)"
  done
fi
echo "backup: complete $target"
