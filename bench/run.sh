#!/usr/bin/env bash
# Shirase benchmark: bash bench/run.sh
# Builds if needed. Three relays side by side get the same wrk load (32 connections) in three alternating rounds,
# each relay's run starting once the last one's sink has everything: the seed's relay (bench/seed-relay: Hono on
# Node, synchronous, nothing stored), Shirase's Clockify -> Discord relay through the durable outbox to one
# destination, and the same spread over 100 destinations (bench/spread, in a working directory of its own). Medians
# of the rounds are reported, with the three values. The sink taken directly is the baseline.
# Then a paced client (bench/Paced.java, 200 events/s for 10 s after a 5 s warm-up) times each message from the 2xx
# to the sink's receipt, for the seed's relay and Shirase; then a backlog: the sink goes down (503),
# BACKLOG_DURATION of webhooks pile up in the outbox, the sink comes back and a new burst arrives while the backlog
# drains; store size and live heap are read before and after. Then each runtime's floor: exec to exit and peak RSS
# of a command that starts the runtime with its libraries and does nothing else (bin/shirase version; node importing
# the seed's libraries). Then 5 cold starts of each; Shirase's also 5 restarts on one store, and 5 starts of the
# runtime with one route answering 202 (bench/floor) instead of the flows. Each round also reads the relay
# process's CPU time per message.
# Shirase runs through its start command, bin/shirase (heap, GC and JIT settings stated there); with a JDK 25+
# the AOT cache is trained first (bin/aot-train) and cold starts are timed with and without it.
# The table ends with the goals of issue 32 and whether each is met (against the floor), written with a chart to
# target/bench/report.md and report.svg; target/bench/history.tsv keeps every run's start and RSS for the chart.
# Everything runs on 127.0.0.1. Settings: BENCH_DURATION (default 10s, each run of each round), BACKLOG_DURATION
# (default 8s), JAVA (default java), JAVA_OPTS (default: bin/shirase's), BENCH_STORE_URL (default
# jdbc:sqlite:{dir}/shirase.db, {dir} being the run's store directory; to compare stores or settings such as
# SHIRASE_STORE_DURABILITY=power-loss).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

DURATION=${BENCH_DURATION:-10s}
BACKLOG_DURATION=${BACKLOG_DURATION:-8s}
export JAVA=${JAVA:-java}
CONNECTIONS=32
THREADS=2

if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package)" >&2
  apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null
fi
if ! command -v node >/dev/null; then
  echo "bench/run.sh needs Node.js 20+ for the seed relay (apt-get install nodejs npm)" >&2
  exit 1
fi
(cd bench/seed-relay && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
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

. bench/lib.sh

sink_port=$(free_port)
"$JAVA" bench/Sink.java "$sink_port" >/dev/null 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$sink_port/count"
sink_count() { curl -s "http://127.0.0.1:$sink_port/count"; }

start_shirase() { # $1 port, $2 store dir, $3 AOT cache file (none: a name that does not exist); SHIRASE_APP_DIR: where
  mkdir -p "$2"
  (cd "${SHIRASE_APP_DIR:-$root}" && PORT=$1 \
    CLOCKIFY_DISCORD_WEBHOOK_URL="${CLOCKIFY_DISCORD_WEBHOOK_URL:-http://127.0.0.1:$sink_port/api/webhooks/1/bench}" \
    SHIRASE_DELIVERY_RATE_DISCORD=0 CLOCKIFY_WEBHOOK_SIGNATURE=bench-token \
    SHIRASE_STORE_URL="$(store_url "$2")" \
    SHIRASE_AOT_CACHE="${3:-$root/target/shirase.aot}" \
    exec "$root/bin/shirase" >"$2.log" 2>&1) &
  echo $!
}

echo "baseline: the sink directly, $DURATION" >&2
base=$(wrk -t$THREADS -c$CONNECTIONS -d"$DURATION" -s bench/clockify.lua "http://127.0.0.1:$sink_port/direct" -- base \
  | grep RESULT)

sink_wait() { # $1 count to reach, $2 seconds at most; prints ms now
  local deadline=$(( $(date +%s) + $2 ))
  while [ "$(sink_count)" -lt "$1" ] && [ "$(date +%s)" -le "$deadline" ]; do sleep 0.02; done
  now_ms
}

rate() { awk "BEGIN {printf \"%.0f\", $1}"; }
median3() { printf '%s\n' "$@" | sort -g | sed -n 2p; }
# the k-th figure of each round's line ("accepted/s p50 p99 e2e accepted delivered cpu"), median of the three
med() { local k=$1 r v=(); shift; for r in "$@"; do v+=("$(cut -d' ' -f"$k" <<<"$r")"); done; median3 "${v[@]}"; }
all3() { local k=$1 r v=(); shift; for r in "$@"; do v+=("$(cut -d' ' -f"$k" <<<"$r")"); done; (IFS=,; echo "${v[*]}"); }
# one measured run against a relay: $1 URL, $2 run name, $3 Shirase's port (its outbox drained after) or empty,
# $4 the relay's process.
# Prints: accepted/s, p50 and p99 of the answer (ms), end to end (msg/s: the run's start until the sink has every
# accepted message), accepted, delivered, and the relay process's CPU time per delivered message (ms; intake and
# delivery together, without wrk's and the sink's)
measure() {
  local before t0 result accepted t1 delivered cpu0
  before=$(sink_count); t0=$(now_ms); cpu0=$(cpu_ticks "$4")
  result=$(wrk -t$THREADS -c$CONNECTIONS -d"$DURATION" -s bench/clockify.lua "$1" -- "$2" | grep RESULT)
  accepted=$(( $(field requests "$result") - $(field non2xx "$result") ))
  t1=$(sink_wait $(( before + accepted )) 600)
  delivered=$(( $(sink_count) - before ))
  if [ -n "$3" ]; then drained "$3" 600 || true; fi
  echo "$(rate "$accepted / $(field seconds "$result")") $(field p50_ms "$result") $(field p99_ms "$result")" \
    "$(rate "$delivered * 1000 / ($t1 - $t0)") $accepted $delivered" \
    "$(awk "BEGIN {printf \"%.2f\", ($(cpu_ticks "$4") - $cpu0) * 1000 / $CLK_TCK / $delivered}")"
}
wait_listening() { for _ in $(seq 1 600); do curl -s -o /dev/null "$1" && return 0; sleep 0.05; done
  echo "nothing listening at $1" >&2; return 1; }
wait_for_post() { for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
      -d '{"id":"probe","currentlyRunning":true,"user":{"name":"Bench"}}' "$1")" = 200 ] && return 0; sleep 0.05; done
  echo "no answer from $1" >&2; return 1; }

# Shirase in a working directory of its own: the shipped routes and templates, plus the bench's route that spreads
# the same webhooks over 100 Discord webhooks of the sink (bench.discord-0 ... bench.discord-99)
spread_app="$work/spread-app"
mkdir -p "$spread_app/routes"
cp application.properties "$spread_app/"
for i in $(seq 0 99); do
  echo "bench.discord-$i = http://127.0.0.1:$sink_port/api/webhooks/spread-$i/bench"
done >>"$spread_app/application.properties"
ln -s "$root"/routes/*.yaml "$spread_app/routes/"
cp bench/spread/clockify-spread.camel.yaml "$spread_app/routes/"
ln -s "$root/templates" "$spread_app/templates"

echo "three relays side by side: the seed's (Hono on Node, no durability), Shirase to one destination, Shirase over 100" >&2
seed_port=$(free_port)
PORT=$seed_port DISCORD_WEBHOOK_URL="http://127.0.0.1:$sink_port/api/webhooks/1/seed" node bench/seed-relay/server.mjs \
  >"$work/seed.log" 2>&1 &
seed_pid=$!
pids+=("$seed_pid")
port=$(free_port)
pid=$(start_shirase "$port" "$work/relay")
pids+=("$pid")
spread_port=$(free_port)
spread_pid=$(SHIRASE_APP_DIR="$spread_app" start_shirase "$spread_port" "$work/spread")
pids+=("$spread_pid")
wait_for_post "http://127.0.0.1:$seed_port/clockify"
wait_for "http://127.0.0.1:$port/observe/health"
wait_for "http://127.0.0.1:$spread_port/observe/health"
echo "warm-up: 5 s each" >&2
wrk -t$THREADS -c$CONNECTIONS -d5s -s bench/clockify.lua "http://127.0.0.1:$seed_port/clockify" -- seedwarm >/dev/null
warmup=$(wrk -t$THREADS -c$CONNECTIONS -d5s -s bench/clockify.lua "http://127.0.0.1:$port/clockify" -- warmup \
  | grep RESULT)
warm=$(( $(field requests "$warmup") - $(field non2xx "$warmup") ))
drained "$port" 600 || true
wrk -t$THREADS -c$CONNECTIONS -d5s -s bench/clockify.lua "http://127.0.0.1:$spread_port/clockify-spread" -- spreadwarm \
  >/dev/null
drained "$spread_port" 600 || true
before=$(sink_count)
seed_r=(); relay_r=(); spread_r=()
for round in 1 2 3; do
  echo "round $round of 3: $DURATION each, the next relay once the last one's sink has everything" >&2
  seed_r+=("$(measure "http://127.0.0.1:$seed_port/clockify" "seed$round" "" "$seed_pid")")
  relay_r+=("$(measure "http://127.0.0.1:$port/clockify" "relay$round" "$port" "$pid")")
  spread_r+=("$(measure "http://127.0.0.1:$spread_port/clockify-spread" "spread$round" "$spread_port" "$spread_pid")")
done
seed_rss=$(rss_mb "$seed_pid")
rss=$(rss_mb "$pid")
memory=$(memory_mb "$pid")
relay_heap=$(heap_mb "$pid")
relay_store=$(store_mb "$work/relay")
accepted_main=0; delivered=0
for r in "${relay_r[@]}"; do
  accepted_main=$(( accepted_main + $(cut -d' ' -f5 <<<"$r") ))
  delivered=$(( delivered + $(cut -d' ' -f6 <<<"$r") ))
done
stop "$seed_pid"; stop "$pid"; stop "$spread_pid"

seed_paced_port=$(free_port)
seed_sink_port=$(free_port)
PORT=$seed_paced_port DISCORD_WEBHOOK_URL="http://127.0.0.1:$seed_sink_port/api/webhooks/1/seed" \
  node bench/seed-relay/server.mjs >"$work/seed-paced.log" 2>&1 &
seed_pid=$!
pids+=("$seed_pid")
wait_listening "http://127.0.0.1:$seed_paced_port/"
echo "seed relay: 200 events/s for 10 s (after 5 s of warm-up), accept to sink" >&2
seed_paced=$("$JAVA" bench/Paced.java "$seed_sink_port" "http://127.0.0.1:$seed_paced_port/clockify" 200 5 10 seedpaced \
  | grep RESULT)
stop "$seed_pid"
seed_cold=()
for i in 1 2 3 4 5; do
  p=$(free_port); t0=$(now_ms)
  PORT=$p DISCORD_WEBHOOK_URL="http://127.0.0.1:$sink_port/api/webhooks/1/seed" node bench/seed-relay/server.mjs \
    >/dev/null 2>&1 &
  cp=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
      -d "{\"id\":\"seedcold-$i\",\"currentlyRunning\":true,\"user\":{\"name\":\"Bench\"}}" \
      "http://127.0.0.1:$p/clockify" 2>/dev/null)" = 200 ]; do sleep 0.01; done
  seed_cold+=($(( $(now_ms) - t0 )))
  stop "$cp"
done
seed_cold_median=$(printf '%s\n' "${seed_cold[@]}" | sort -n | sed -n 3p)

echo "shirase: 200 events/s for 10 s (after 5 s of warm-up), accept to sink" >&2
port=$(free_port)
paced_sink_port=$(free_port)
pid=$(CLOCKIFY_DISCORD_WEBHOOK_URL="http://127.0.0.1:$paced_sink_port/api/webhooks/1/paced" \
  start_shirase "$port" "$work/paced")
pids+=("$pid")
wait_for "http://127.0.0.1:$port/observe/health"
# a 5 s warm-up at the same rate first (its first sends pay for class loading and the JIT), then the measured 10 s,
# to the same sink: a sink that went away would leave the relay a dead kept-alive connection, and its first send a retry
paced=$("$JAVA" bench/Paced.java "$paced_sink_port" "http://127.0.0.1:$port/clockify" 200 5 10 paced | grep RESULT)
stop "$pid"

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
stop "$pid"

cold_starts() { # $1 AOT cache file, $2 "kept": one store for all five (a restart), else a new one each; prints the
  # median and all five, ms; SHIRASE_APP_DIR as for start_shirase
  local starts=() sorted port pid t0 body i store
  for i in 1 2 3 4 5; do
    port=$(free_port)
    store="$work/cold-$(basename "$1")-${2:-new}-$i"
    [ "${2:-}" = kept ] && store="$work/cold-$(basename "$1")-kept-$(basename "${SHIRASE_APP_DIR:-$root}")"
    t0=$(now_ms)
    pid=$(start_shirase "$port" "$store" "$1")
    pids+=("$pid")
    body="{\"id\":\"cold-$i\",\"currentlyRunning\":true,\"user\":{\"name\":\"Bench\"}}"
    until [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
        -H 'Clockify-Signature: bench-token' \
        -d "$body" "http://127.0.0.1:$port/clockify" 2>/dev/null)" = "202" ]; do sleep 0.01; done
    starts+=($(( $(now_ms) - t0 )))
    stop "$pid"
  done
  sorted=($(printf '%s\n' "${starts[@]}" | sort -n))
  echo "${sorted[2]} $(IFS=,; echo "${starts[*]}")"
}
# what the runtime costs before any of the relay's work: exec to exit of a command that does nothing but start the
# runtime with its libraries, median of 5, with its peak RSS (from the kernel's accounting of the finished process)
floor() { # command...; prints ms and MB
  python3 - "$@" <<'PY_FLOOR'
import os, statistics, subprocess, sys, time
ms, mb = [], []
for _ in range(5):
    t0 = time.monotonic()
    child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    ms.append((time.monotonic() - t0) * 1000)
    mb.append(usage.ru_maxrss / 1024)
    if status != 0:
        sys.exit(f"floor: {sys.argv[1:]} exited with {status}")
print(f"{statistics.median(ms):.0f} {statistics.median(mb):.0f}")
PY_FLOOR
}
echo "floors: bin/shirase version (the JVM with bin/shirase's flags, nothing of the relay run) and node importing the seed's libraries, 5 times each" >&2
read -r floor_ms floor_mb <<<"$(floor "$root/bin/shirase" version)"
read -r plain_floor_ms plain_floor_mb <<<"$(SHIRASE_AOT_CACHE="$work/no-such.aot" floor "$root/bin/shirase" version)"
read -r seed_floor_ms seed_floor_mb <<<"$(cd bench/seed-relay && floor node --input-type=module \
  -e "await import('hono'); await import('@hono/node-server')")"

echo "cold starts: exec of bin/shirase to first 202 on /clockify, 5 times" >&2
read -r cold_median cold_all <<<"$(cold_starts target/shirase.aot)"
echo "restarts: the same, 5 times on one store (its schema current)" >&2
read -r restart_median restart_all <<<"$(cold_starts target/shirase.aot kept)"
# the runtime's own floor: the same start with one route answering 202 (bench/floor) instead of the flows
floor_app="$work/floor-app"
mkdir -p "$floor_app"
cp application.properties "$floor_app/"
cp -r bench/floor/routes "$floor_app/"
ln -s "$root/templates" "$floor_app/templates"
echo "the runtime with one route (bench/floor): exec to first 202, 5 times" >&2
read -r stack_floor_median stack_floor_all <<<"$(SHIRASE_APP_DIR="$floor_app" cold_starts "$root/target/shirase.aot")"
if [ "$aot" = yes ]; then
  echo "cold starts without the AOT cache, 5 times" >&2
  read -r plain_median plain_all <<<"$(cold_starts "$work/no-such.aot")"
fi

printf '\n%-44s %12s %12s\n' "" "sink direct" "shirase"
printf '%-44s %12.0f %12s\n' "accepted requests/s ($CONNECTIONS connections)" \
  "$(awk "BEGIN {print $(field requests "$base") / $(field seconds "$base")}")" "$(med 1 "${relay_r[@]}")"
printf '%-44s %12s %12s\n' "p50 latency (ms)" "$(field p50_ms "$base")" "$(med 2 "${relay_r[@]}")"
printf '%-44s %12s %12s\n' "p99 latency (ms)" "$(field p99_ms "$base")" "$(med 3 "${relay_r[@]}")"
printf '%-44s %12s %12s\n' "accepted / delivered to sink (3 rounds)" "-" "$accepted_main / $delivered"
printf '%-44s %12s %12s\n' "RSS after the rounds (MB)" "-" "$rss"
printf '  of it (MB): %s\n' "$memory"
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
printf '%-44s %12s %12s\n' "  a restart, the store there: median (ms)" "-" "$restart_median"
printf '%-44s %12s %12s\n' "  a restart: all five (ms)" "-" "$restart_all"
printf '%-44s %12s %12s\n' "  the runtime with one route: median (ms)" "-" "$stack_floor_median"
printf '%-44s %12s %12s\n' "  the runtime with one route: all five (ms)" "-" "$stack_floor_all"
if [ "$aot" = yes ]; then
  printf '%-44s %12s %12s\n' "  without the AOT cache: median (ms)" "-" "$plain_median"
  printf '%-44s %12s %12s\n' "  without the AOT cache: all five (ms)" "-" "$plain_all"
fi
printf '(wrk does not count the up to %s requests per run still in flight when it stops; shirase accepted them)\n' \
  "$CONNECTIONS"
seed_rate=$(med 1 "${seed_r[@]}"); shirase_rate=$(med 1 "${relay_r[@]}")
seed_p99=$(med 3 "${seed_r[@]}"); shirase_p99=$(med 3 "${relay_r[@]}")
seed_e2e=$(med 4 "${seed_r[@]}"); shirase_e2e=$(med 4 "${relay_r[@]}"); spread_e2e=$(med 4 "${spread_r[@]}")
sink_rate=$(rate "$(field requests "$base") / $(field seconds "$base")")
ratio() { awk "BEGIN {printf \"%.2fx\", $1 / $2}"; }
met() { if awk "BEGIN {exit !($1)}"; then echo met; else echo "not met"; fi; }
printf '\nside by side (issue 18): medians of three alternating rounds (the three values after the median)\n'
printf '%-44s %22s %26s %26s\n' "" "seed relay" "shirase, 1 destination" "shirase, 100 destinations"
row() { # $1 label, $2 figure column; with each Shirase's ratio to the seed
  printf '%-44s %22s %26s %26s\n' "$1" "$(med "$2" "${seed_r[@]}") ($(all3 "$2" "${seed_r[@]}"))" \
    "$(med "$2" "${relay_r[@]}") ($(all3 "$2" "${relay_r[@]}"))" "$(med "$2" "${spread_r[@]}") ($(all3 "$2" "${spread_r[@]}"))"
}
row "accepted requests/s ($CONNECTIONS connections)" 1
row "p99 of the answer (ms)" 3
row "end to end: run start until the sink has all" 4
printf '%-44s %22s %26s %26s\n' "  ratio to the seed relay" "1.00x" "$(ratio "$shirase_e2e" "$seed_e2e")" "$(ratio "$spread_e2e" "$seed_e2e")"
printf '%-44s %22s %26s %26s\n' "  of the sink taken directly ($sink_rate/s)" "$(ratio "$seed_e2e" "$sink_rate")" \
  "$(ratio "$shirase_e2e" "$sink_rate")" "$(ratio "$spread_e2e" "$sink_rate")"
row "CPU per message (ms, the relay's process)" 7
printf '%-44s %22s %26s\n' "200 events/s: 2xx to sink p50 / p99 (ms)" "$(field p50_ms "$seed_paced") / $(field p99_ms "$seed_paced")" "$(field p50_ms "$paced") / $(field p99_ms "$paced")"
printf '%-44s %22s %26s\n' "  accepted / received" "$(field accepted "$seed_paced") / $(field received "$seed_paced")" "$(field accepted "$paced") / $(field received "$paced")"
printf '%-44s %22s %26s\n' "first answer after exec (ms), median of 5" "$seed_cold_median" "$cold_median"
printf '%-44s %22s %26s\n' "RSS after the rounds (MB)" "$seed_rss" "$rss"
printf '%-44s %22s %26s\n' "floor: runtime and libraries, nothing run" "" ""
printf '%-44s %22s %26s\n' "  exec to exit (ms), median of 5" "$seed_floor_ms" "$floor_ms ($plain_floor_ms no AOT cache)"
printf '%-44s %22s %26s\n' "  peak RSS (MB)" "$seed_floor_mb" "$floor_mb ($plain_floor_mb no AOT cache)"
machine=$(printf 'machine: %s cores, %s; java: %s; JAVA_OPTS: %s; AOT cache: %s; node: %s' "$(nproc)" "$(uname -m)" \
  "$("$JAVA" -version 2>&1 | head -1)" "${JAVA_OPTS:-bin/shirase defaults}" "$aot" "$(node --version)")
printf '\n%s\n' "$machine"
# the side-by-side table, each goal of issue 32 met or not against the floor, and the chart (target/bench/)
printf '\n'
python3 bench/report.py "machine=$machine" "seed_rate=$seed_rate" "rate=$shirase_rate" "spread_rate=$(med 1 "${spread_r[@]}")" \
  "seed_p99=$seed_p99" "p99=$shirase_p99" "spread_p99=$(med 3 "${spread_r[@]}")" \
  "seed_e2e=$seed_e2e" "e2e=$shirase_e2e" "spread_e2e=$spread_e2e" \
  "seed_cpu=$(med 7 "${seed_r[@]}")" "cpu=$(med 7 "${relay_r[@]}")" "spread_cpu=$(med 7 "${spread_r[@]}")" \
  "seed_cold=$seed_cold_median" "cold=$cold_median" "seed_rss=$seed_rss" "rss=$rss" "memory=$memory" \
  "seed_floor_ms=$seed_floor_ms" "floor_ms=$floor_ms" "floor_mb=$floor_mb" \
  "restart=$restart_median" "stack_floor=$stack_floor_median" \
  "accepted=$accepted_main" "delivered=$delivered"
