#!/usr/bin/env bash
# Steady state, C1 only against tiered C2: bash bench/steady.sh (about 5 minutes with the defaults)
# A process that runs for months is judged after its JIT has settled, not in its first 15 s. For each compiler set-up
# it starts Shirase's Clockify -> Discord relay (bin/shirase, one destination, a sink on 127.0.0.1), loads it with wrk
# for STEADY_WARMUP (default 60s) and waits until the sink has everything, then measures three rounds of
# BENCH_DURATION (default 10s): accepted requests/s, p99 of the answer, and the process's CPU time per delivered
# message; then RSS, heap, metaspace and code cache (jcmd). The set-ups, alternating:
#   c1  bin/shirase's defaults (-XX:TieredStopAtLevel=1, 32 MB code cache)
#   c2  the same without those two flags: the JVM's own tiered compilation, its default code cache
# Settings: JAVA (default java), STEADY_WARMUP, BENCH_DURATION.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA=${JAVA:-java}
WARMUP=${STEADY_WARMUP:-60s}
DURATION=${BENCH_DURATION:-10s}
if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package)" >&2
  apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null
fi
if [ ! -f target/shirase.jar ] || [ -n "$(find src/main routes pom.xml -newer target/shirase.jar -print -quit)" ]; then
  echo "building target/shirase.jar" >&2
  mvn -B -q -ntp -DskipTests package
fi
. bench/lib.sh

defaults=$(sed -n 's/^JAVA_OPTS=\${JAVA_OPTS:-"\(.*\)"}$/\1/p' bin/shirase)
c1="$defaults"
c2=$(sed -e 's/ *-XX:TieredStopAtLevel=1//' -e 's/ *-XX:ReservedCodeCacheSize=[0-9]*[mg]//' <<<"$defaults")

work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
sink_port=$(free_port)
"$JAVA" bench/Sink.java "$sink_port" >/dev/null 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$sink_port/count"
sink_count() { curl -s "http://127.0.0.1:$sink_port/count"; }
until_sink_has() { # $1 count, $2 seconds at most
  local deadline=$(( $(date +%s) + $2 ))
  while [ "$(sink_count)" -lt "$1" ] && [ "$(date +%s)" -le "$deadline" ]; do sleep 0.05; done
}
load() { # $1 port, $2 duration, $3 run name; prints wrk's RESULT line
  wrk -t2 -c32 -d"$2" -s bench/clockify.lua "http://127.0.0.1:$1/clockify" -- "$3" | grep RESULT
}

steady() { # $1 name, $2 JAVA_OPTS; prints one line per round, then the memory line
  local port pid jpid result accepted before cpu0 delivered round
  port=$(free_port)
  mkdir -p "$work/$1"
  (PORT=$port CLOCKIFY_DISCORD_WEBHOOK_URL="http://127.0.0.1:$sink_port/api/webhooks/1/steady" \
    SHIRASE_DELIVERY_RATE_DISCORD=0 CLOCKIFY_WEBHOOK_SIGNATURE=bench-token \
    SHIRASE_STORE_URL="$(store_url "$work/$1")" JAVA_OPTS="$2" exec bin/shirase >"$work/$1.log" 2>&1) &
  pid=$!
  pids+=("$pid")
  wait_for "http://127.0.0.1:$port/observe/health"
  jpid=$(pgrep -P "$pid" java || echo "$pid")
  echo "$1: warm-up $WARMUP" >&2
  before=$(sink_count)
  result=$(load "$port" "$WARMUP" "$1-warm")
  until_sink_has $(( before + $(field requests "$result") - $(field non2xx "$result") )) 600
  drained "$port" 600 || true
  for round in 1 2 3; do
    before=$(sink_count); cpu0=$(cpu_ticks "$jpid")
    result=$(load "$port" "$DURATION" "$1-$round")
    accepted=$(( $(field requests "$result") - $(field non2xx "$result") ))
    until_sink_has $(( before + accepted )) 600
    drained "$port" 600 || true
    delivered=$(( $(sink_count) - before ))
    printf '%s round %s: %.0f accepted/s, p99 %s ms, %.2f ms of CPU per delivered message (%s delivered)\n' "$1" \
      "$round" "$(awk "BEGIN {print $accepted / $(field seconds "$result")}")" "$(field p99_ms "$result")" \
      "$(awk "BEGIN {print ($(cpu_ticks "$jpid") - $cpu0) * 1000 / $CLK_TCK / $delivered}")" "$delivered"
  done
  echo "$1 memory: RSS $(rss_mb "$jpid") MB; $(memory_mb "$jpid")"
  stop "$pid"
}

echo "c1: $c1" >&2
echo "c2: $c2" >&2
steady c1 "$c1"
steady c2 "$c2"
printf 'machine: %s cores; java: %s\n' "$(nproc)" "$("$JAVA" -version 2>&1 | head -1)"
