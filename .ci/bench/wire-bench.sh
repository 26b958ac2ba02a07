#!/usr/bin/env bash
# WebSocket echo figures against an independent load generator (wire-load.c,
# one epoll thread in C), not run by .ci/run (it takes about three minutes and
# its figures depend on the machine). Usage:
#
#   bash .ci/bench/wire-bench.sh                 # wire-echo (release build)
#   NIO_ECHO=/path/to/nio-ws-echo bash .ci/bench/wire-bench.sh
#   WIRE_ECHO=/path/to/other/wire-echo ROUNDS=5 SECONDS_PER_CASE=3 bash .ci/bench/wire-bench.sh
#
# Peers: wire-echo; a SwiftNIO ChannelHandler echo when NIO_ECHO names one (built
# outside this repository: it is not a dependency); Python websockets when
# .ci/.venv has it; a raw C TCP echo (tcp-echo.c) for the 64 KiB case.
# Cases: 64-byte text with one message in flight at 1, 50 and 200 connections;
# pipelined (50 connections, 16 in flight each); 64 KiB binary, one connection.
#
# A shared machine's speed drifts by up to 2x within minutes, so every server
# runs at once (idle while not measured) and each case is measured ROUNDS
# times, the peers taking turns within a round: a drift hits every peer alike.
# Each measurement line: msg/s, round-trip p50/p99 in microseconds, the
# server's CPU per 100k messages and its context switches per message (all
# threads, /proc). Then, per case and peer, the median round (by msg/s), the
# ratios of the medians to wire-echo's, and each server's memory per idle
# connection (IDLE_CONNECTIONS held open), before any load and after it.
set -euo pipefail
cd "$(dirname "$0")/../.."
work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
seconds="${SECONDS_PER_CASE:-2}"
rounds="${ROUNDS:-3}"
idle_conns="${IDLE_CONNECTIONS:-500}"

gcc -O2 -o "$work/wire-load" .ci/bench/wire-load.c
gcc -O2 -o "$work/tcp-echo" .ci/bench/tcp-echo.c
if [ -z "${WIRE_ECHO:-}" ]; then
    swift build -c release --product wire-echo 2>&1 | tail -1
    WIRE_ECHO="$(swift build -c release --show-bin-path)/wire-echo"
fi

declare -A port pid
# start NAME COMMAND...: runs a server that prints "listening on HOST:PORT".
start() {
    local name="$1"; shift
    "$@" > "$work/$name.out" 2> "$work/$name.log" &
    pid[$name]=$!
    pids+=("$!")
    for _ in $(seq 200); do
        port[$name]="$(sed -n 's/^listening on .*:\([0-9]*\)$/\1/p' "$work/$name.out" | head -1)"
        [ -n "${port[$name]}" ] && return 0
        sleep 0.05
    done
    echo "$name did not start"; cat "$work/$name.log"; exit 1
}

peers=(wire)
start wire "$WIRE_ECHO" --port 0 --log-level error --max-message 1048576
echo "wire: $WIRE_ECHO"
if [ -n "${NIO_ECHO:-}" ]; then
    start nio "$NIO_ECHO" 0
    peers+=(nio)
    echo "nio: $NIO_ECHO (SwiftNIO ChannelHandlers)"
fi
if [ -x .ci/.venv/bin/python ] && .ci/.venv/bin/python -c 'import websockets' 2>/dev/null; then
    cat > "$work/py_echo.py" <<'EOF'
import asyncio, sys
from websockets.asyncio.server import serve
async def echo(ws):
    async for message in ws:
        await ws.send(message)
async def main():
    async with serve(echo, "127.0.0.1", 0, max_size=1 << 20, compression=None, ping_interval=None) as server:
        print("listening on 127.0.0.1:%d" % server.sockets[0].getsockname()[1], flush=True)
        await asyncio.get_running_loop().create_future()
asyncio.run(main())
EOF
    start python .ci/.venv/bin/python "$work/py_echo.py"
    peers+=(python)
    echo "python: websockets $(.ci/.venv/bin/python -c 'import websockets; print(websockets.__version__)')"
fi
start raw "$work/tcp-echo" 0
echo "raw: a C TCP echo (64 KiB case only, no WebSocket framing)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $rounds rounds of $seconds s per case and peer"

# measure PEER CASE ARGS...: one round of one case; the line goes to stdout and the results file.
measure() {
    local peer="$1" case="$2"; shift 2
    "$work/wire-load" --port "${port[$peer]}" --pid "${pid[$peer]}" --seconds "$seconds" --warmup 1 \
        --label "$peer/$case" "$@" | tee -a "$work/results"
}

# case NAME ARGS...: ROUNDS rounds, every peer (and the raw echo for 64k) in turn.
case_all() {
    local case="$1"; shift
    local round peer
    for round in $(seq "$rounds"); do
        for peer in "${peers[@]}"; do
            if [ "$case" = 64k ]; then measure "$peer" "$case" "$@" --binary; else measure "$peer" "$case" "$@"; fi
        done
        if [ "$case" = 64k ]; then measure raw 64k "$@" --raw; fi
    done
}

# Memory per idle connection twice: on the servers as started (nothing has run
# yet: every byte the connections take is new), and again after the load cases
# (the allocators' free lists from the load absorb part of it).
idle_all() {
    local when="$1" peer
    for peer in "${peers[@]}"; do
        "$work/wire-load" --port "${port[$peer]}" --pid "${pid[$peer]}" --idle 2 --conns "$idle_conns" --label "$peer/idle-$when"
    done
}

echo "== idle connections on fresh servers"
idle_all fresh

echo "== rounds"
case_all c1 --conns 1
case_all c50 --conns 50
case_all c200 --conns 200
case_all pipelined --conns 50 --depth 16
case_all 64k --conns 1 --size 65536

echo "== idle connections after the load"
idle_all after-load

# The median round of each peer and case (by msg/s), as a table; then the ratios of the medians.
echo "== medians of $rounds rounds"
awk '
    { label = ""; rate = ""; for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
      key = f["label"]; n[key]++; rates[key, n[key]] = f["rate"]
      line[key, n[key]] = sprintf("%-16s %9d msg/s  p50 %6d us  p99 %6d us  cpu %8.1f ms/100k  ctxsw %.2f/msg",
          key, f["rate"], f["p50_us"], f["p99_us"], f["server_cpu_ms_per_100k"], f["server_ctxsw_per_msg"])
      if (!(key in seen)) { seen[key] = 1; order[++keys] = key } }
    END {
      for (k = 1; k <= keys; k++) {
        key = order[k]; m = n[key]
        for (i = 1; i <= m; i++) idx[i] = i
        for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++)
          if (rates[key, idx[j]] + 0 < rates[key, idx[i]] + 0) { t = idx[i]; idx[i] = idx[j]; idx[j] = t }
        mid = idx[int((m + 1) / 2)]
        print line[key, mid]
        print key, rates[key, mid] > "/dev/stderr"
      }
    }' "$work/results" 2> "$work/medians"

median() { awk -v k="$1" '$1 == k { print $2 }' "$work/medians"; }
ratio() { # ratio A B -> A/B with two decimals, or n/a
    local a b; a="$(median "$1")"; b="$(median "$2")"
    if [ -n "$a" ] && [ -n "$b" ] && [ "$b" != 0 ]; then awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", a / b }'; else echo n/a; fi
}
echo "== ratios of the medians (msg/s of wire-echo over the peer's)"
for c in c1 c50 c200 pipelined 64k; do
    echo "$c: wire/nio=$(ratio "wire/$c" "nio/$c") wire/python=$(ratio "wire/$c" "python/$c")"
done
echo "64k: wire/raw-c=$(ratio wire/64k raw/64k)"
echo "machine after: load average $(cut -d' ' -f1-3 /proc/loadavg)"
