#!/bin/sh
# CrmSuite restore: every <database>.dump of one backup run (a directory written by backup.sh)
# into a PostgreSQL whose databases are missing or empty, as the owner in PGUSER. Objects come
# back owned by that user (--no-owner) and without grants (--no-acl): the services' `migrate`
# steps, run next (helm upgrade runs them as hooks), give the audit log's restricted role its
# rights again. docs/operations.md walks through a whole restore; the restore test runs this.
#
# Usage: restore.sh <run directory>   (settings: PGHOST, PGPORT, PGUSER, PGPASSWORD, PGSSLMODE)
set -eu

run="${1:?usage: restore.sh <backup run directory, e.g. /backups/2026-12-07T013000Z>}"
if [ ! -f "$run/COMPLETE" ]; then
  echo "restore: $run has no COMPLETE marker: that backup run did not finish, take an earlier one" >&2
  exit 1
fi

for dump in "$run"/*.dump; do
  database=$(basename "$dump" .dump)
  exists=$(psql --no-password --dbname=postgres --tuples-only --no-align \
    --command="SELECT 1 FROM pg_database WHERE datname = '$database'")
  if [ "$exists" != "1" ]; then
    createdb --no-password "$database"
  else
    tables=$(psql --no-password --dbname="$database" --tuples-only --no-align \
      --command="SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
    if [ "$tables" != "0" ]; then
      echo "restore: $database already has $tables tables; restore into an empty database (drop it first if you mean to replace it)" >&2
      exit 1
    fi
  fi
  # One transaction per database: it is restored completely or not at all.
  pg_restore --no-password --no-owner --no-acl --exit-on-error --single-transaction --dbname="$database" "$dump"
  echo "restore: $database <- $dump"
done
echo "restore: complete from $run; now run every service's migrate, then start the services"
