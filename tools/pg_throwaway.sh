#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests and benchmarks: initdb in a fresh folder, run as an
# unprivileged user, listening on 127.0.0.1 only (no other address, a socket inside the folder).
#   tools/pg_throwaway.sh start DIR [PORT]   -> prints the SQLAlchemy URL of database "rasid"
#   tools/pg_throwaway.sh stop DIR           -> stops the server and removes DIR
# Needs Debian's postgresql package (apt-get install postgresql). As root, the server runs as the
# system user "postgres" (made by the package); as another user, as that user.
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?folder}; port=${3:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "no PostgreSQL server binaries (apt-get install postgresql)" >&2; exit 1; }
as() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
start)
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  as "$bin/initdb" -D "$dir/data" -U rasid --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  as "$bin/createdb" -h 127.0.0.1 -p "$port" -U rasid rasid
  echo "postgresql+psycopg://rasid@127.0.0.1:$port/rasid"
  ;;
stop)
  [ -d "$dir/data" ] && as "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  ;;
*) echo "usage: $0 start|stop DIR [PORT]" >&2; exit 2 ;;
esac
