# Helpers bench/run.sh, bench/starts.sh and bench/steady.sh share; sourced after JAVA is set, from the repo root.
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
# heap committed / metaspace committed (classes loaded, of them from the AOT cache: mapped beside it) / code cache used, MB
memory_mb() {
  local heap meta classes code
  heap=$("$JCMD" "$1" GC.heap_info | awk '/ total / { for (i = 1; i < NF; i++) if ($i == "total") { v = $(i + 1);
    sub(/K,?/, "", v); s += v } } END { printf "%.1f", s / 1024 }')
  meta=$("$JCMD" "$1" VM.metaspace | awk '/^ *Metaspace +used/ { v = $5; sub(/K,?/, "", v); printf "%.1f", v / 1024 }')
  classes=$("$JCMD" "$1" VM.metaspace | sed -n 's/.*loaders, \([0-9]*\) classes (\([0-9]*\) shared).*/\1 classes, \2 from the AOT cache/p' | head -1)
  # every code heap's used (a segmented code cache, tiered C2's, has three)
  code=$("$JCMD" "$1" Compiler.codecache | sed -n 's/.* used=\([0-9]*\)Kb.*/\1/p' | awk '{s += $1} END {print s + 0}')
  echo "heap $heap / metaspace $meta ($classes) / code cache $(awk "BEGIN {printf \"%.1f\", ${code:-0} / 1024}")"
}
stop() { # $1 pid: SIGTERM, then until it is gone (30 s at most)
  kill "$1" 2>/dev/null || return 0
  for _ in $(seq 1 300); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
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
field() { sed -n "s/.*$1=\(-\{0,1\}[0-9.]*\).*/\1/p" <<<"$2"; }
store_url() { local template=${BENCH_STORE_URL:-'jdbc:sqlite:{dir}/shirase.db'}; echo "${template//\{dir\}/$1}"; }
CLK_TCK=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system CPU time of a process so far
