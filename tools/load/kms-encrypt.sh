#!/usr/bin/env bash
# Load run of KMS Encrypt: one presigned Encrypt request (query-string SigV4 over a 4 KiB plaintext with an
# encryption context, X-Amz-Expires=900) for the admin key, replayed by wrk as a POST against a freshly initialised
# server on 127.0.0.1. Every call is authenticated, authorized against the key policy, encrypted with AES-256-GCM
# under the key's material (unsealed from the root key) and audited. Measures calls/s, latency and the server's CPU
# time per call (from /proc/<pid>/stat, after the audit writer has drained). Appends a dated block to docs/BENCHMARKS.md.
#
# Environment (all optional): DURATION=20 CONNECTIONS=32 THREADS=2 WARMUP=10 PLAINTEXT_BYTES=4096 STORE=sqlite|postgres
#   BULWARK_BENCH_POSTGRES_URL, BULWARK_JAVA_OPTS, BENCH_OUT=docs/BENCHMARKS.md ("-" for stdout only)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DURATION="${DURATION:-20}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
WARMUP="${WARMUP:-10}"
STORE="${STORE:-sqlite}"
PLAINTEXT_BYTES="${PLAINTEXT_BYTES:-4096}"
BENCH_OUT="${BENCH_OUT:-$here/docs/BENCHMARKS.md}"
PG_BASE="${BULWARK_BENCH_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}"
# shellcheck source=tools/load/lib.sh
source "$here/tools/load/lib.sh"

need_wrk
build_if_needed
setup_store
trap cleanup EXIT
init_account

# Creates a key, then writes the presigned URL, the body and the headers of one Encrypt request for wrk to replay.
presign_encrypt() {
  python3 - "$1" "$ACCESS_KEY" "$SECRET_KEY" "$PLAINTEXT_BYTES" "$WORK" <<'PY'
import base64, datetime, hashlib, hmac, json, os, sys
from urllib.parse import quote, urlsplit
import boto3
endpoint, key, secret, size, work = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
kms = boto3.client("kms", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=key, aws_secret_access_key=secret)
key_id = kms.create_key(Description="load")["KeyMetadata"]["KeyId"]
body = json.dumps({"KeyId": key_id, "Plaintext": base64.b64encode(os.urandom(size)).decode(),
                   "EncryptionContext": {"purpose": "load"}})
# Query-string SigV4 by hand: botocore's presigner moves a body into the query string, which JSON protocols cannot take.
now = datetime.datetime.now(datetime.timezone.utc)
stamp, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
scope = f"{day}/us-east-1/kms/aws4_request"
host = urlsplit(endpoint).netloc
params = {"X-Amz-Algorithm": "AWS4-HMAC-SHA256", "X-Amz-Credential": f"{key}/{scope}", "X-Amz-Date": stamp,
          "X-Amz-Expires": "900", "X-Amz-SignedHeaders": "host;x-amz-target"}
query = "&".join(f"{quote(k, safe='-_.~')}={quote(v, safe='-_.~')}" for k, v in sorted(params.items()))
canonical = "\n".join(["POST", "/", query, f"host:{host}", "x-amz-target:TrentService.Encrypt", "", "host;x-amz-target",
                       hashlib.sha256(body.encode()).hexdigest()])
to_sign = "\n".join(["AWS4-HMAC-SHA256", stamp, scope, hashlib.sha256(canonical.encode()).hexdigest()])
signing = ("AWS4" + secret).encode()
for part in (day, "us-east-1", "kms", "aws4_request"):
    signing = hmac.new(signing, part.encode(), hashlib.sha256).digest()
signature = hmac.new(signing, to_sign.encode(), hashlib.sha256).hexdigest()
url = f"{endpoint}/?{query}&X-Amz-Signature={signature}"
with open(os.path.join(work, "body.json"), "w") as out:
    out.write(body)
with open(os.path.join(work, "encrypt.lua"), "w") as out:
    out.write('wrk.method = "POST"\n')
    out.write('wrk.headers["X-Amz-Target"] = "TrentService.Encrypt"\n')
    out.write('wrk.headers["Content-Type"] = "application/x-amz-json-1.1"\n')
    out.write('local f = io.open("%s", "r"); wrk.body = f:read("*a"); f:close()\n' % os.path.join(work, "body.json"))
print(url)
PY
}

run_once() {
  start_server /dev/null
  local url; url="$(presign_encrypt "http://127.0.0.1:$PORT")"
  local check; check="$(curl -s -o "$WORK/check.json" -w '%{http_code}' -X POST -H 'X-Amz-Target: TrentService.Encrypt' \
      -H 'Content-Type: application/x-amz-json-1.1' --data-binary "@$WORK/body.json" "$url")"
  if [ "$check" != 200 ] || ! grep -q CiphertextBlob "$WORK/check.json"; then
    echo "presigned Encrypt failed (HTTP $check):" >&2; cat "$WORK/check.json" >&2; exit 1
  fi
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$WORK/encrypt.lua" "$url" >"$WORK/warmup.txt"
  CALLS_ANSWERED=$((CALLS_ANSWERED + 1 + $(awk '/requests in/ {print $1}' "$WORK/warmup.txt")))
  wait_server_idle
  measure_start
  local wrk_cpu
  wrk_cpu="$( { TIMEFORMAT='%U %S'; time wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$WORK/encrypt.lua" "$url" >"$WORK/wrk.txt"; } 2>&1 )"
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
  ROWS+="| $STORE | $requests | $rps | $p50 | $p99 | $non2xx | $errors | $(per_call_us "$requests") | $(server_cores) | ${wrk_cpu_s} s | $(other_cores) |"$'\n'
  cat "$WORK/wrk.txt" >&2
}

ROWS=""
CALLS_ANSWERED=0
run_once
audit_rows="$(count_audit_events Encrypt)"

block="$(cat <<EOF

### KMS Encrypt ($PLAINTEXT_BYTES-byte plaintext), presigned and replayed — $(date -u '+%Y-%m-%d %H:%M UTC')

$(machine_line)
wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s after a ${WARMUP} s warm-up, one presigned Encrypt POST replayed, 127.0.0.1, request log to /dev/null.
Server CPU is utime+stime of the server process over the run, read once the audit writer had drained; "other" is CPU
used on the machine by everything else (wrk, other builds) in the same window, in cores.

| store | calls | calls/s | p50 | p99 | non-2xx | socket errors | server CPU per call | server cores busy | wrk CPU | other cores busy |
|---|---|---|---|---|---|---|---|---|---|---|
${ROWS%$'\n'}

Encrypt CloudTrail events stored: $audit_rows, for $CALLS_ANSWERED calls answered to wrk and curl (warm-up included).
EOF
)"
emit_block "$block"
