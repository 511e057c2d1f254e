#!/usr/bin/env bash
# Measures Jetty 12, Undertow 2.3 and Netty 4.1 serving the same trivial application (src/main/java/compare/Front.java)
# with wrk on 127.0.0.1, and appends a dated block to docs/BENCHMARKS.md. Bounded: ROUNDS x 3 runs of SECONDS each.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${SECONDS_PER_RUN:-10}"
rounds="${ROUNDS:-2}"
command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }
(cd "$here" && mvn -q -B -o compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt)
cp="$here/target/classes:$(cat "$here/target/cp.txt")"
ticks=$(getconf CLK_TCK)
rows=""
for round in $(seq "$rounds"); do
  for front in jetty undertow netty; do
    port=$((20000 + RANDOM % 20000))
    java -cp "$cp" compare.Front "$front" "$port" >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.2; done
    wrk -t2 -c32 -d3s -s "$here/post.lua" "http://127.0.0.1:$port/" >/dev/null      # warm-up
    before=$(awk '{print $14+$15}' "/proc/$pid/stat")
    out=$(wrk -t2 -c32 -d"${seconds}s" --latency -s "$here/post.lua" "http://127.0.0.1:$port/")
    after=$(awk '{print $14+$15}' "/proc/$pid/stat")
    kill "$pid"; wait "$pid" 2>/dev/null || true
    calls=$(echo "$out" | awk '/requests in/ {print $1}')
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p50=$(echo "$out" | awk '$1=="50%" {print $2}')
    p99=$(echo "$out" | awk '$1=="99%" {print $2}')
    cpu_us=$(awk -v t=$((after - before)) -v c="$calls" -v hz="$ticks" 'BEGIN {printf "%.1f", t / hz * 1e6 / c}')
    rows+="| $round | $front | $calls | $rps | $p50 | $p99 | $cpu_us µs |"$'\n'
  done
done
{
  echo
  echo "### HTTP front: Jetty vs Undertow vs Netty — $(date -u '+%Y-%m-%d %H:%M') UTC"
  echo
  echo "tools/http-front-compare/run.sh: the same trivial application on each server (read the whole body on a worker"
  echo "thread, copy the headers, answer a fixed 360-byte XML body), wrk -t2 -c32 -d${seconds}s with a CLI-sized awsQuery POST"
  echo "after a 3 s warm-up, 127.0.0.1. Load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)."
  echo
  echo "| round | server | calls | calls/s | p50 | p99 | server CPU per call |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s' "$rows"
} | tee -a "$root/docs/BENCHMARKS.md"
