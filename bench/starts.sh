#!/usr/bin/env bash
# Start time only, in about a minute: bash bench/starts.sh [count]
# Times exec of bin/shirase to the first 202 on /clockify (the shipped settings, Clockify set), count times (default
# 7) with a fresh store and count times with a store an earlier start left (its schema current), alternating, and
# prints the medians and every figure. bin/shirase uses the AOT cache when there is one for this jar (bin/aot-train
# writes it; JDK 25+). The whole bench, with these figures beside the seed's relay, is bench/run.sh.
# Settings: JAVA (default java), BENCH_STORE_URL (as in bench/run.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
COUNT=${1:-7}
export JAVA=${JAVA:-java}
if [ ! -f target/shirase.jar ] || [ -n "$(find src/main routes pom.xml -newer target/shirase.jar -print -quit)" ]; then
  echo "building target/shirase.jar" >&2
  mvn -B -q -ntp -DskipTests package
fi

work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
. bench/lib.sh

one_start() { # $1 store directory; prints ms from exec to the first 202
  local port t0 body
  port=$(free_port)
  mkdir -p "$1"
  t0=$(now_ms)
  PORT=$port CLOCKIFY_DISCORD_WEBHOOK_URL="http://127.0.0.1:9/api/webhooks/1/bench" \
    CLOCKIFY_WEBHOOK_SIGNATURE=bench-token SHIRASE_STORE_URL="$(store_url "$1")" \
    bin/shirase >>"$1.log" 2>&1 &
  pid=$!
  body="{\"id\":\"start-$t0\",\"currentlyRunning\":true,\"user\":{\"name\":\"Bench\"}}"
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
      -H 'Clockify-Signature: bench-token' -d "$body" "http://127.0.0.1:$port/clockify" 2>/dev/null)" = "202" ]; do
    kill -0 "$pid" 2>/dev/null || { cat "$1.log" >&2; echo "starts.sh: Shirase exited" >&2; exit 1; }
    sleep 0.01
  done
  echo $(( $(now_ms) - t0 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
}
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }

one_start "$work/warm" >/dev/null # the store the warm starts find
fresh=(); warm=()
for i in $(seq 1 "$COUNT"); do
  fresh+=("$(one_start "$work/fresh-$i")")
  warm+=("$(one_start "$work/warm")")
done
echo "first 202 after exec (ms), median of $COUNT: fresh store $(median "${fresh[@]}") ($(IFS=,; echo "${fresh[*]}")),"\
  "store already there $(median "${warm[@]}") ($(IFS=,; echo "${warm[*]}"))"
