#!/usr/bin/env bash
# Shirase benchmark: bash bench/run.sh
# Builds if needed; relays Clockify webhooks to a local sink through the durable outbox under wrk load
# (32 connections), with the sink hit directly as a baseline; then 5 cold starts. Prints one table.
# Shirase runs through its start command, bin/shirase (heap, GC and JIT settings stated there); with a JDK 25+
# the AOT cache is trained first (bin/aot-train) and cold starts are timed with and without it.
# Then a backlog: the sink goes down (503), BACKLOG_DURATION of webhooks pile up in the outbox, the sink comes back
# and a new burst arrives while the backlog drains; store size and live heap are read before and after.
# Everything runs on 127.0.0.1. Settings: BENCH_DURATION (default 20s), BACKLOG_DURATION (default 8s), JAVA
# (default java), JAVA_OPTS (default: bin/shirase's), BENCH_STORE_URL (default jdbc:sqlite:{dir}/shirase.db, {dir}
# being the run's store directory; to compare stores or settings such as SHIRASE_STORE_DURABILITY=power-loss).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${BENCH_DURATION:-20s}
BACKLOG_DURATION=${BACKLOG_DURATION:-8s}
export JAVA=${JAVA:-java}
CONNECTIONS=32
THREADS=2

if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package)" >&2
  apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null
fi
if [ ! -f target/shirase.jar ] || [ -n "$(find src/main pom.xml -newer target/shirase.jar -print -quit)" ]; then
  echo "building target/shirase.jar" >&2
  mvn -B -q -ntp -DskipTests package
fi
aot=no
if [ "$(bin/java-major "$JAVA")" -ge 25 ]; then
  aot=yes
  if [ ! -f target/shirase.aot ] || [ target/shirase.jar -nt target/shirase.aot ]; then
    echo "training the AOT cache (bin/aot-train)" >&2
    bin/aot-train
  fi
fi

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 1 600); do curl -fs -o /dev/null "$1" && return 0; sleep 0.05; done; echo "no answer from $1" >&2; return 1; }
now_ms() { date +%s%3N; }
rss_mb() { echo $(( $(awk '/VmRSS/ {print $2}' "/proc/$1/status") / 1024 )); }
JCMD="$(dirname "$(command -v "$JAVA")")/jcmd"
# live heap: what a full GC leaves (Serial GC's young + old generation "used"), MB
heap_mb() {
  "$JCMD" "$1" GC.run >/dev/null
  "$JCMD" "$1" GC.heap_info | awk '/used/ { for (i = 1; i < NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); s += v } }
    END { printf "%.1f", s / 1024 }'
}
store_mb() { du -sk "$1" | awk '{printf "%.1f", $1 / 1024}'; }
pending() { curl -s "http://127.0.0.1:$1/observe/metrics" | awk '/^shirase_outbox_pending / {print int($2)}'; }
drained() { # $1 port, $2 seconds at most
  local deadline=$(( $(date +%s) + $2 ))
  until [ "$(pending "$1")" = "0" ]; do
    [ "$(date +%s)" -gt "$deadline" ] && { echo "outbox not drained after $2 s" >&2; return 1; }
    sleep 1
  done
}
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2"; }

sink_port=$(free_port)
"$JAVA" bench/Sink.java "$sink_port" >/dev/null 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$sink_port/count"
sink_count() { curl -s "http://127.0.0.1:$sink_port/count"; }

store_url() { local template=${BENCH_STORE_URL:-'jdbc:sqlite:{dir}/shirase.db'}; echo "${template//\{dir\}/$1}"; }
start_shirase() { # $1 port, $2 store dir, $3 AOT cache file (none: a name that does not exist)
  mkdir -p "$2"
  PORT=$1 CLOCKIFY_DISCORD_WEBHOOK_URL="http://127.0.0.1:$sink_port/api/webhooks/1/bench" \
    SHIRASE_DELIVERY_RATE_DISCORD=0 CLOCKIFY_WEBHOOK_SIGNATURE=bench-token \
    SHIRASE_STORE_URL="$(store_url "$2")" \
    SHIRASE_AOT_CACHE="${3:-target/shirase.aot}" \
    bin/shirase >"$2.log" 2>&1 &
  echo $!
}

echo "baseline: the sink directly, $DURATION" >&2
base=$(wrk -t$THREADS -c$CONNECTIONS -d"$DURATION" -s bench/clockify.lua "http://127.0.0.1:$sink_port/direct" -- base \
  | grep RESULT)

echo "shirase: relay through the outbox, $DURATION" >&2
port=$(free_port)
pid=$(start_shirase "$port" "$work/relay")
pids+=("$pid")
wait_for "http://127.0.0.1:$port/observe/health"
before=$(sink_count)
warmup=$(wrk -t$THREADS -c$CONNECTIONS -d5s -s bench/clockify.lua "http://127.0.0.1:$port/clockify" -- warmup \
  | grep RESULT)
warm=$(( $(field requests "$warmup") - $(field non2xx "$warmup") ))
relay=$(wrk -t$THREADS -c$CONNECTIONS -d"$DURATION" -s bench/clockify.lua "http://127.0.0.1:$port/clockify" -- relay \
  | grep RESULT)
accepted_main=$(( $(field requests "$relay") - $(field non2xx "$relay") ))
echo "waiting for the outbox to deliver everything accepted" >&2
drained "$port" 600 || true
delivered=$(( $(sink_count) - before ))
rss=$(rss_mb "$pid")
relay_heap=$(heap_mb "$pid")
relay_store=$(store_mb "$work/relay")
kill "$pid"; wait "$pid" 2>/dev/null || true

echo "backlog: the sink down for $BACKLOG_DURATION of webhooks, then back, and a 5 s burst while it drains" >&2
port=$(free_port)
pid=$(SHIRASE_DELIVERY_RETRY_SCHEDULE=1s start_shirase "$port" "$work/backlog")
pids+=("$pid")
wait_for "http://127.0.0.1:$port/observe/health"
curl -s -X POST "http://127.0.0.1:$sink_port/down"
piled=$(wrk -t$THREADS -c$CONNECTIONS -d"$BACKLOG_DURATION" -s bench/clockify.lua "http://127.0.0.1:$port/clockify" \
  -- backlog | grep RESULT)
backlog=$(pending "$port")
backlog_heap=$(heap_mb "$pid")
backlog_store=$(store_mb "$work/backlog")
curl -s -X POST "http://127.0.0.1:$sink_port/up"
burst=$(wrk -t$THREADS -c$CONNECTIONS -d5s -s bench/clockify.lua "http://127.0.0.1:$port/clockify" -- burst | grep RESULT)
drained "$port" 600 || true
if kill -0 "$pid" 2>/dev/null; then
  survived="yes"
  after_heap=$(heap_mb "$pid")
  after_store=$(store_mb "$work/backlog")
else
  survived="NO (exited; see $work/backlog.log)"
  after_heap="-"; after_store="-"
fi
kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true

cold_starts() { # $1 AOT cache file; prints the median and all five, ms
  local starts=() sorted port pid t0 body i
  for i in 1 2 3 4 5; do
    port=$(free_port)
    t0=$(now_ms)
    pid=$(start_shirase "$port" "$work/cold-$(basename "$1")-$i" "$1")
    pids+=("$pid")
    body="{\"id\":\"cold-$i\",\"currentlyRunning\":true,\"user\":{\"name\":\"Bench\"}}"
    until [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
        -H 'Clockify-Signature: bench-token' \
        -d "$body" "http://127.0.0.1:$port/clockify" 2>/dev/null)" = "202" ]; do sleep 0.01; done
    starts+=($(( $(now_ms) - t0 )))
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
  sorted=($(printf '%s\n' "${starts[@]}" | sort -n))
  echo "${sorted[2]} $(IFS=,; echo "${starts[*]}")"
}
echo "cold starts: exec of bin/shirase to first 202 on /clockify, 5 times" >&2
read -r cold_median cold_all <<<"$(cold_starts target/shirase.aot)"
if [ "$aot" = yes ]; then
  echo "cold starts without the AOT cache, 5 times" >&2
  read -r plain_median plain_all <<<"$(cold_starts "$work/no-such.aot")"
fi

printf '\n%-44s %12s %12s\n' "" "sink direct" "shirase"
printf '%-44s %12.0f %12.0f\n' "accepted requests/s ($CONNECTIONS connections)" \
  "$(awk "BEGIN {print $(field requests "$base") / $(field seconds "$base")}")" \
  "$(awk "BEGIN {print $accepted_main / $(field seconds "$relay")}")"
printf '%-44s %12s %12s\n' "p50 latency (ms)" "$(field p50_ms "$base")" "$(field p50_ms "$relay")"
printf '%-44s %12s %12s\n' "p99 latency (ms)" "$(field p99_ms "$base")" "$(field p99_ms "$relay")"
printf '%-44s %12s %12s\n' "accepted (warm-up + run) / delivered to sink" "-" "$(( warm + accepted_main )) / $delivered"
printf '%-44s %12s %12s\n' "RSS after the run (MB)" "-" "$rss"
printf '%-44s %12s %12s\n' "live heap after the run, after a full GC (MB)" "-" "$relay_heap"
printf '%-44s %12s %12s\n' "store on disk after the run (MB)" "-" "$relay_store"
printf '%-44s %12s %12s\n' "  per 10,000 messages (MB)" "-" \
  "$(awk "BEGIN {printf \"%.1f\", $relay_store * 10000 / ($warm + $accepted_main)}")"
printf '%-44s %12s %12s\n' "backlog: accepted while the sink was down" "-" "$(field requests "$piled") ($(field non2xx "$piled") refused)"
printf '%-44s %12s %12s\n' "  pending in the outbox" "-" "$backlog"
printf '%-44s %12s %12s\n' "  live heap / store with the backlog (MB)" "-" "$backlog_heap / $backlog_store"
printf '%-44s %12s %12s\n' "  burst after the sink came back (accepted)" "-" "$(( $(field requests "$burst") - $(field non2xx "$burst") ))"
printf '%-44s %12s %12s\n' "  survived (64 MB heap), drained" "-" "$survived"
printf '%-44s %12s %12s\n' "  live heap / store once drained (MB)" "-" "$after_heap / $after_store"
printf '%-44s %12s %12s\n' "first response after exec (ms), median of 5" "-" "$cold_median"
printf '%-44s %12s %12s\n' "  all five (ms)" "-" "$cold_all"
if [ "$aot" = yes ]; then
  printf '%-44s %12s %12s\n' "  without the AOT cache: median (ms)" "-" "$plain_median"
  printf '%-44s %12s %12s\n' "  without the AOT cache: all five (ms)" "-" "$plain_all"
fi
printf '(wrk does not count the up to %s requests per run still in flight when it stops; shirase accepted them)\n' \
  "$CONNECTIONS"
printf '\nmachine: %s cores, %s; java: %s; JAVA_OPTS: %s; AOT cache: %s\n' "$(nproc)" "$(uname -m)" \
  "$("$JAVA" -version 2>&1 | head -1)" "${JAVA_OPTS:-bin/shirase defaults}" "$aot"
