#!/usr/bin/env bash
# Load run of the spine: one presigned STS GetCallerIdentity URL (query-string SigV4, X-Amz-Expires=900) for the
# admin key, replayed by wrk against a freshly initialised server on 127.0.0.1. Measures calls/s, latency and the
# server's CPU time per call (from /proc/<pid>/stat, taken after the audit writer has drained its queue), once
# with the request log written to a file and once with it going to /dev/null. Appends a dated block to
# docs/BENCHMARKS.md.
#
# Environment (all optional):
#   OPERATION=GetCallerIdentity|GetUser                  GetUser (IAM, the admin user itself) also exercises
#                                                        authorization: policy evaluation through the admin's group
#   DURATION=20  CONNECTIONS=32  THREADS=2  WARMUP=10   wrk settings (seconds, connections, wrk threads)
#   STORE=sqlite|postgres                                store behind the server (default sqlite)
#   BULWARK_BENCH_POSTGRES_URL                           base JDBC URL (default jdbc:postgresql://127.0.0.1:5432/test?user=postgres)
#   BULWARK_JAVA_OPTS                                    JVM options for the server
#   BENCH_OUT=docs/BENCHMARKS.md                         where the result block is appended ("-" for stdout only)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DURATION="${DURATION:-20}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
WARMUP="${WARMUP:-10}"
STORE="${STORE:-sqlite}"
OPERATION="${OPERATION:-GetCallerIdentity}"
case "$OPERATION" in
  GetCallerIdentity) SDK_SERVICE=sts; SDK_METHOD=get_caller_identity; EXPECT="<Arn>";;
  GetUser) SDK_SERVICE=iam; SDK_METHOD=get_user; EXPECT="<UserName>admin</UserName>";;
  *) echo "OPERATION must be GetCallerIdentity or GetUser" >&2; exit 2;;
esac
BENCH_OUT="${BENCH_OUT:-$here/docs/BENCHMARKS.md}"
PG_BASE="${BULWARK_BENCH_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}"
# shellcheck source=tools/load/lib.sh
source "$here/tools/load/lib.sh"

need_wrk
build_if_needed
setup_store
trap cleanup EXIT
init_account

presign() {
  python3 - "$1" "$ACCESS_KEY" "$SECRET_KEY" "$SDK_SERVICE" "$SDK_METHOD" <<'EOF'
import sys, boto3
endpoint, key, secret, service, method = sys.argv[1:6]
client = boto3.client(service, endpoint_url=endpoint, region_name="us-east-1",
                      aws_access_key_id=key, aws_secret_access_key=secret)
# Query-protocol operations presign as POST unless asked otherwise; wrk replays a GET.
print(client.generate_presigned_url(method, ExpiresIn=900, HttpMethod="GET"))
EOF
}

# One measured run: start the server with its request log going to $1, warm it up, measure, stop it.
run_once() {
  local log_target="$1" label="$2"
  start_server "$log_target"
  local url; url="$(presign "http://127.0.0.1:$PORT")"
  local check; check="$(curl -s -o "$WORK/check.xml" -w '%{http_code}' "$url")"
  if [ "$check" != 200 ] || ! grep -q "$EXPECT" "$WORK/check.xml" || ! grep -q "$ADMIN_ARN" "$WORK/check.xml"; then
    echo "presigned $OPERATION did not answer the admin user (HTTP $check):" >&2; cat "$WORK/check.xml" >&2; exit 1
  fi
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$url" >"$WORK/warmup.txt"
  CALLS_ANSWERED=$((CALLS_ANSWERED + 1 + $(awk '/requests in/ {print $1}' "$WORK/warmup.txt")))
  wait_server_idle
  measure_start
  local wrk_cpu
  wrk_cpu="$( { TIMEFORMAT='%U %S'; time wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$url" >"$WORK/wrk.txt"; } 2>&1 )"
  wait_server_idle
  measure_end
  stop_server
  local requests rps p50 p99 non2xx errors
  requests="$(awk '/requests in/ {print $1}' "$WORK/wrk.txt")"
  rps="$(awk '/^Requests\/sec/ {print $2}' "$WORK/wrk.txt")"
  p50="$(awk '$1=="50%" {print $2}' "$WORK/wrk.txt")"
  p99="$(awk '$1=="99%" {print $2}' "$WORK/wrk.txt")"
  non2xx="$(awk '/Non-2xx/ {print $NF}' "$WORK/wrk.txt")"; non2xx="${non2xx:-0}"
  errors="$(awk '/Socket errors/ {print $0}' "$WORK/wrk.txt" | sed 's/^ *Socket errors: //')"; errors="${errors:-none}"
  CALLS_ANSWERED=$((CALLS_ANSWERED + requests))
  local wrk_cpu_s; wrk_cpu_s="$(tail -1 <<<"$wrk_cpu" | awk '{printf "%.1f", $1 + $2}')"
  ROWS+="| $label | $requests | $rps | $p50 | $p99 | $non2xx | $errors | $(per_call_us "$requests") | $(server_cores) | ${wrk_cpu_s} s | $(other_cores) |"$'\n'
  cat "$WORK/wrk.txt" >&2
}

ROWS=""
CALLS_ANSWERED=0
run_once "$WORK/requests.log" "file"
run_once /dev/null "/dev/null"
audit_rows="$(count_audit_events "$OPERATION")"

block="$(cat <<EOF

### $OPERATION, presigned and replayed — $(date -u '+%Y-%m-%d %H:%M UTC')

$(machine_line)
wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s after a ${WARMUP} s warm-up, one presigned URL replayed, 127.0.0.1; server restarted between runs.
Server CPU is utime+stime of the server process over the run, read once the audit writer had drained (so it
includes writing every call's CloudTrail event); "other" is CPU used on the machine by everything else (wrk,
other builds) in the same window, in cores.

| request log | calls | calls/s | p50 | p99 | non-2xx | socket errors | server CPU per call | server cores busy | wrk CPU | other cores busy |
|---|---|---|---|---|---|---|---|---|---|---|
${ROWS%$'\n'}

$OPERATION CloudTrail events stored after both runs: $audit_rows, for $CALLS_ANSWERED calls answered to wrk and curl
(warm-ups included; calls wrk cut off at the end of a run are served but not counted, so the events may exceed the calls by up to $((4 * CONNECTIONS)), never fall short).
EOF
)"
emit_block "$block"
