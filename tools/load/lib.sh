# Shared by the load scripts in this directory (sourced, not run): build, a throw-away data directory or
# PostgreSQL schema, init, start/stop of the server, CPU accounting from /proc and the result block.
# Expects: here (repository root), STORE, PG_BASE, BENCH_OUT.

CLK_TCK="$(getconf CLK_TCK)"
JAR="$here/server/target/bulwark.jar"
SERVER_PID=""
PG_SCHEMA=""
STORE_ARGS=()

need_wrk() {
  if ! command -v wrk >/dev/null; then
    echo "wrk missing: installing it from the Debian packages" >&2
    apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
  fi
}

# Builds the server jar (only the server module, offline; policy/protocol come from ~/.m2) when it is missing or
# older than the sources. BULWARK_MVN_ARGS replaces "-o -pl server" (for example "-pl server -am" on a fresh clone).
build_if_needed() {
  if [ ! -f "$JAR" ] || [ ! -d "$here/server/target/lib" ] \
     || [ -n "$(find "$here/server/src/main" "$here/server/pom.xml" -newer "$JAR" -print -quit 2>/dev/null)" ]; then
    echo "building the server jar..." >&2
    # shellcheck disable=SC2086
    (cd "$here" && mvn -q -B ${BULWARK_MVN_ARGS:--o -pl server} -DskipTests package) >&2
  fi
}

setup_store() {
  LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
  WORK="$(mktemp -d /tmp/bulwark-load.XXXXXX)"
  DATA="$WORK/data"
  case "$STORE" in
    sqlite) ;;
    postgres)
      PG_SCHEMA="bw_bench_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
      jdbc_exec "CREATE SCHEMA $PG_SCHEMA"
      local sep='?'; [[ "$PG_BASE" == *\?* ]] && sep='&'
      STORE_ARGS=(--store "$PG_BASE${sep}currentSchema=$PG_SCHEMA")
      ;;
    *) echo "STORE must be sqlite or postgres, not '$STORE'" >&2; exit 2 ;;
  esac
}

# psql from the JDBC URL's host, port, database and user (the test database trusts local connections).
jdbc_exec() {
  python3 - "$PG_BASE" "$1" <<'EOF'
import subprocess, sys, urllib.parse
url, sql = sys.argv[1], sys.argv[2]
parsed = urllib.parse.urlparse(url[len("jdbc:"):])
user = urllib.parse.parse_qs(parsed.query).get("user", ["postgres"])[0]
out = subprocess.run(["psql", "-X", "-q", "-t", "-A", "-h", parsed.hostname, "-p", str(parsed.port or 5432),
                      "-U", user, "-d", parsed.path.lstrip("/"), "-v", "ON_ERROR_STOP=1", "-c", sql],
                     check=True, capture_output=True, text=True).stdout
print(out.strip())
EOF
}

cleanup() {
  stop_server
  if [ -n "$PG_SCHEMA" ]; then jdbc_exec "DROP SCHEMA $PG_SCHEMA CASCADE" >/dev/null || true; fi
  PG_SCHEMA=""
  STORE_ARGS=()
  if [ -n "${WORK:-}" ]; then rm -rf "$WORK"; fi
  WORK=""
}

init_account() {
  java -jar "$JAR" init --data-dir "$DATA" --no-aws-config "${STORE_ARGS[@]}" >"$WORK/init.txt"
  ACCESS_KEY="$(awk '$1=="access" && $2=="key" {print $4}' "$WORK/init.txt")"
  SECRET_KEY="$(awk '$1=="secret" && $2=="key" {print $3}' "$WORK/init.txt")"
  ADMIN_ARN="$(awk '$1=="admin" && $2=="user" {print $3}' "$WORK/init.txt")"
  if [ -z "$ACCESS_KEY" ] || [ -z "$SECRET_KEY" ] || [ -z "$ADMIN_ARN" ]; then
    echo "init printed no admin key pair:" >&2; sed 's/\(secret key\|root password\).*/\1 (hidden)/' "$WORK/init.txt" >&2; exit 1
  fi
}

# Starts the server with its standard output (the request log) going to $1; sets SERVER_PID and PORT.
start_server() {
  PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  # shellcheck disable=SC2086
  java ${BULWARK_JAVA_OPTS:-} -jar "$JAR" serve --data-dir "$DATA" --host 127.0.0.1 --port "$PORT" --no-aws-config "${STORE_ARGS[@]}" \
    >"$1" 2>>"$WORK/server-stderr.log" &
  SERVER_PID=$!
  for _ in $(seq 1 180); do
    if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then return 0; fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then break; fi
    sleep 0.5
  done
  echo "server did not start:" >&2; cat "$WORK/server-stderr.log" >&2; exit 1
}

# SIGTERM: the shutdown hook drains the audit queue and closes the store.
stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}

server_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
machine_busy_ticks() { awk '$1=="cpu" {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }

# Waits (at most 60 s) until the server uses under 3% of a core: queued audit events written, JIT settled.
wait_server_idle() {
  local before after
  for _ in $(seq 1 60); do
    before="$(server_ticks)"; sleep 1; after="$(server_ticks)"
    if [ $((after - before)) -le $((CLK_TCK * 3 / 100)) ]; then return 0; fi
  done
  echo "warning: server still busy after 60 s" >&2
}

measure_start() { S0="$(server_ticks)"; M0="$(machine_busy_ticks)"; T0="$(date +%s.%N)"; }
measure_end() { S1="$(server_ticks)"; M1="$(machine_busy_ticks)"; T1="$(date +%s.%N)"; }

server_seconds() { awk -v a="$S0" -v b="$S1" -v t="$CLK_TCK" 'BEGIN {printf "%.2f", (b - a) / t}'; }
# Server CPU per call in microseconds, for $1 calls.
per_call_us() { awk -v a="$S0" -v b="$S1" -v t="$CLK_TCK" -v n="$1" 'BEGIN {printf "%.0f µs", (b - a) / t * 1e6 / n}'; }
# Server CPU per second of load (cores), over the load's duration (its tail after the load is included in the work).
server_cores() { awk -v a="$S0" -v b="$S1" -v t="$CLK_TCK" -v d="$DURATION" 'BEGIN {printf "%.2f", (b - a) / t / d}'; }
# Everything else on the machine over the whole measured window (load generator included), in cores.
other_cores() {
  awk -v s0="$S0" -v s1="$S1" -v m0="$M0" -v m1="$M1" -v t="$CLK_TCK" -v t0="$T0" -v t1="$T1" \
    'BEGIN {printf "%.2f", ((m1 - m0) - (s1 - s0)) / t / (t1 - t0)}'
}

count_audit_events() {
  if [ "$STORE" = sqlite ]; then
    sqlite3 -readonly "$DATA/bulwark.db" "SELECT count(*) FROM audit_events WHERE event_name = '$1'"
  else
    jdbc_exec "SELECT count(*) FROM $PG_SCHEMA.audit_events WHERE event_name = '$1'"
  fi
}

machine_line() {
  local cpu jdk commit
  cpu="$(lscpu | awk -F: '/^Model name/ {gsub(/^ +/, "", $2); print $2; exit}')"
  jdk="$(java -version 2>&1 | head -1)"
  commit="$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "Machine: $(nproc) cores ($cpu), $(free -g | awk '/^Mem/ {print $2}') GiB, load average before the run $LOAD_BEFORE; $jdk; server JVM options: ${BULWARK_JAVA_OPTS:-(defaults)}; store: $STORE; commit $commit."
}

emit_block() {
  echo "$1"
  if [ "$BENCH_OUT" != "-" ]; then
    mkdir -p "$(dirname "$BENCH_OUT")"
    [ -f "$BENCH_OUT" ] || printf '# Benchmarks: server\n\nResult blocks appended by the scripts in tools/load/, newest last.\n' >"$BENCH_OUT"
    printf '%s\n' "$1" >>"$BENCH_OUT"
  fi
}
