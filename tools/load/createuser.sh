#!/usr/bin/env bash
# Mutation throughput of the spine: IAM CreateUser through the real AWS SDK for Java v2 (no retries) from
# CONCURRENCY client threads for DURATION seconds against a freshly initialised server on 127.0.0.1, on each store.
# Every CreateUser commits the user and its CloudTrail event in one transaction (SQLite: WAL, synchronous=FULL).
# Measures calls/s, client-side latency and the server's CPU time per call (/proc/<pid>/stat, after the server has
# gone idle again), then checks that the store holds one CreateUser event per acknowledged call. Appends a dated
# block to docs/BENCHMARKS.md.
#
# Environment (all optional):
#   STORES="sqlite postgres"  CONCURRENCY="1 8"  DURATION=15  WARMUP=5
#   BULWARK_BENCH_POSTGRES_URL   base JDBC URL (default jdbc:postgresql://127.0.0.1:5432/test?user=postgres)
#   BULWARK_JAVA_OPTS            JVM options for the server
#   BENCH_OUT=docs/BENCHMARKS.md ("-" for stdout only)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STORES="${STORES:-sqlite postgres}"
CONCURRENCY="${CONCURRENCY:-1 8}"
DURATION="${DURATION:-15}"
WARMUP="${WARMUP:-5}"
BENCH_OUT="${BENCH_OUT:-$here/docs/BENCHMARKS.md}"
PG_BASE="${BULWARK_BENCH_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}"
STORE=sqlite
# shellcheck source=tools/load/lib.sh
source "$here/tools/load/lib.sh"

build_if_needed
# The load generator is a test-scope main (dev.bulwark.server.bench.CreateUserLoad) on the test classpath.
CLIENT_CP_FILE="$here/server/target/test-classpath.txt"
if [ ! -f "$CLIENT_CP_FILE" ] || [ ! -f "$here/server/target/test-classes/dev/bulwark/server/bench/CreateUserLoad.class" ] \
   || [ -n "$(find "$here/server/src/test/java/dev/bulwark/server/bench" -newer "$CLIENT_CP_FILE" -print -quit)" ]; then
  echo "compiling the load generator..." >&2
  # shellcheck disable=SC2086
  (cd "$here" && mvn -q -B ${BULWARK_MVN_ARGS:--o -pl server} test-compile dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile="$CLIENT_CP_FILE") >&2
fi
CLIENT_CP="$here/server/target/test-classes:$here/server/target/classes:$(cat "$CLIENT_CP_FILE")"
trap cleanup EXIT

load() { # threads seconds prefix
  java -XX:TieredStopAtLevel=1 -cp "$CLIENT_CP" dev.bulwark.server.bench.CreateUserLoad \
    "http://127.0.0.1:$PORT" "$ACCESS_KEY" "$SECRET_KEY" "$1" "$2" "$3"
}
field() { tr ' ' '\n' <<<"$1" | awk -F= -v k="$2" '$1==k {print $2}'; }

ROWS=""
MACHINE=""
for STORE in $STORES; do
  setup_store
  [ -n "$MACHINE" ] || MACHINE="$(machine_line | sed 's/; store: [a-z]*;/;/')"
  init_account
  start_server "$WORK/requests.log"
  acknowledged=0
  for threads in $CONCURRENCY; do
    warm="$(load "$threads" "$WARMUP" "warm$threads")"
    acknowledged=$((acknowledged + $(field "$warm" calls)))
    wait_server_idle
    measure_start
    client_cpu="$( { TIMEFORMAT='%U %S'; time load "$threads" "$DURATION" "load$threads" >"$WORK/load.txt"; } 2>&1 )"
    wait_server_idle
    measure_end
    result="$(cat "$WORK/load.txt")"
    echo "$STORE x$threads: $result" >&2
    calls="$(field "$result" calls)"
    acknowledged=$((acknowledged + calls))
    ROWS+="| $STORE | $threads | $calls | $(field "$result" callsPerSecond) | $(field "$result" p50Ms) ms | $(field "$result" p99Ms) ms | $(field "$result" errors) | $(per_call_us "$calls") | $(server_cores) | $(tail -1 <<<"$client_cpu" | awk '{printf "%.1f", $1 + $2}') s | $(other_cores) |"$'\n'
  done
  stop_server
  events="$(count_audit_events CreateUser)"
  AUDIT+="$STORE: $events CreateUser events stored for $acknowledged acknowledged calls$( [ "$events" = "$acknowledged" ] && echo " (equal)" || echo " (DIFFERENT)"). "
  cleanup
done

block="$(cat <<EOB

### CreateUser (mutation) throughput — $(date -u '+%Y-%m-%d %H:%M UTC')

$MACHINE
Each row: CONCURRENCY client threads (AWS SDK for Java v2, URL connection client, no retries) calling CreateUser
with fresh names for ${DURATION} s after a ${WARMUP} s warm-up, against one server per store with its request log
going to a file. Server CPU per call as for GetCallerIdentity; client CPU includes its JVM start.

| store | client threads | calls | calls/s | p50 | p99 | errors | server CPU per call | server cores busy | client CPU | other cores busy |
|---|---|---|---|---|---|---|---|---|---|---|
${ROWS%$'\n'}

$AUDIT
EOB
)"
emit_block "$block"
