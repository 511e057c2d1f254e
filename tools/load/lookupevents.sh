#!/usr/bin/env bash
# LookupEvents latency over a large CloudTrail event history: dev.bulwark.server.bench.LookupEventsBench (test scope)
# initialises a fresh data directory (or PostgreSQL schema), writes EVENTS events straight through AuditStore in
# transactions of 20,000, starts the server on it and times LookupEvents through the AWS SDK (CALLS calls per kind
# of query). Prints one line per query kind; copy the figures into docs/BENCHMARKS.md.
#
# Environment (all optional): EVENTS=1000000  CALLS=300  STORE=sqlite|postgres
#   BULWARK_BENCH_POSTGRES_URL   JDBC URL of a PostgreSQL database to fill (default: a fresh schema in db test)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
EVENTS="${EVENTS:-1000000}"
CALLS="${CALLS:-300}"
STORE="${STORE:-sqlite}"
CP_FILE="$here/server/target/test-classpath.txt"
(cd "$here" && mvn -q -B ${BULWARK_MVN_ARGS:--o} test-compile dependency:build-classpath -pl server -am \
    -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE") >&2
CP="$here/server/target/test-classes:$here/server/target/classes:$here/protocol/target/classes:$here/policy/target/classes:$(cat "$CP_FILE")"
WORK="$(mktemp -d)"
schema=""
cleanup() {
  if [ -n "$schema" ]; then psql -X -h 127.0.0.1 -U postgres -d test -qc "DROP SCHEMA $schema CASCADE" >&2 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
URL=()
if [ "$STORE" = postgres ]; then
  schema="bench_lookup_$$"
  psql -X -h 127.0.0.1 -U postgres -d test -qc "CREATE SCHEMA $schema" >&2
  URL=("${BULWARK_BENCH_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}&currentSchema=$schema")
fi
java -cp "$CP" dev.bulwark.server.bench.LookupEventsBench "$WORK/data" "$EVENTS" "$CALLS" "${URL[@]}"
