#!/bin/sh
# Regenerates the differential-test corpus under policy/src/test/resources/oracle/.
# Needs node and the iam-oracle tool with node_modules installed (see tools/oracle/README.md).
# Usage: tools/oracle/regenerate.sh [ORACLE_DIR=/work/shared/tools/iam-oracle]
set -eu
ORACLE=${1:-/work/shared/tools/iam-oracle}
OUT=$(cd "$(dirname "$0")/../.." && pwd)/policy/src/test/resources/oracle
N=4000
for SEED in 1 2 3 42 2026; do
  node "$ORACLE/gen.mjs" $N $SEED > "$OUT/gen-$SEED.cases.jsonl"
  node "$ORACLE/oracle.mjs" < "$OUT/gen-$SEED.cases.jsonl" > "$OUT/gen-$SEED.oracle.jsonl"
  gzip -n -9 -f "$OUT/gen-$SEED.cases.jsonl" "$OUT/gen-$SEED.oracle.jsonl"
done
cp "$ORACLE/cases.jsonl" "$OUT/hand.cases.jsonl"
node "$ORACLE/oracle.mjs" < "$OUT/hand.cases.jsonl" > "$OUT/hand.oracle.jsonl"
