#!/usr/bin/env bash
# WebSocket echo figures against an independent load generator (wire-load.c,
# one epoll thread in C), not run by .ci/run (it takes about a minute and its
# figures depend on the machine). Usage:
#
#   bash .ci/bench/wire-bench.sh                 # wire-echo (release build)
#   NIO_ECHO=/path/to/nio-ws-echo bash .ci/bench/wire-bench.sh
#   WIRE_ECHO=/path/to/other/wire-echo SECONDS_PER_CASE=5 bash .ci/bench/wire-bench.sh
#
# Peers: wire-echo; a SwiftNIO ChannelHandler echo when NIO_ECHO names one (built
# outside this repository: it is not a dependency); Python websockets when
# .ci/.venv has it; a raw C TCP echo (tcp-echo.c) for the 64 KiB case.
# Cases: 64-byte text with one message in flight at 1, 50 and 200 connections;
# pipelined (50 connections, 16 in flight each); 64 KiB binary, one connection.
# Each line: msg/s, round-trip p50/p99 in microseconds, the server's CPU per
# 100k messages and its context switches per message (all threads, /proc);
# then the ratios to wire-echo, and wire-echo's memory per idle connection.
set -euo pipefail
cd "$(dirname "$0")/../.."
work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
seconds="${SECONDS_PER_CASE:-3}"
idle_conns="${IDLE_CONNECTIONS:-500}"

gcc -O2 -o "$work/wire-load" .ci/bench/wire-load.c
gcc -O2 -o "$work/tcp-echo" .ci/bench/tcp-echo.c
if [ -z "${WIRE_ECHO:-}" ]; then
    swift build -c release --product wire-echo 2>&1 | tail -1
    WIRE_ECHO="$(swift build -c release --show-bin-path)/wire-echo"
fi

# start NAME COMMAND...: runs a server that prints "listening on HOST:PORT"; sets port and pid.
start() {
    local name="$1"; shift
    "$@" > "$work/$name.out" 2> "$work/$name.log" &
    pid=$!
    pids+=("$pid")
    for _ in $(seq 200); do
        port="$(sed -n 's/^listening on .*:\([0-9]*\)$/\1/p' "$work/$name.out" | head -1)"
        [ -n "$port" ] && return 0
        sleep 0.05
    done
    echo "$name did not start"; cat "$work/$name.log"; exit 1
}

declare -A rate
# run PEER CASE ARGS...: one case against the running server ($port, $pid).
run() {
    local peer="$1" case="$2"; shift 2
    local line
    line="$("$work/wire-load" --port "$port" --pid "$pid" --seconds "$seconds" --warmup 1 --label "$peer/$case" "$@")"
    echo "$line"
    rate["$peer/$case"]="$(sed -n 's/.* rate=\([0-9]*\).*/\1/p' <<< "$line")"
}

cases() {
    local peer="$1"
    run "$peer" c1 --conns 1
    run "$peer" c50 --conns 50
    run "$peer" c200 --conns 200
    run "$peer" pipelined --conns 50 --depth 16
    run "$peer" 64k --conns 1 --size 65536 --binary
}

echo "== wire-echo ($WIRE_ECHO)"
start wire "$WIRE_ECHO" --port 0 --log-level error --max-message 1048576
cases wire
"$work/wire-load" --port "$port" --pid "$pid" --idle 2 --conns "$idle_conns" --label wire/idle
kill "$pid"; wait "$pid" 2>/dev/null || true

if [ -n "${NIO_ECHO:-}" ]; then
    echo "== SwiftNIO handlers ($NIO_ECHO)"
    start nio "$NIO_ECHO" 0
    cases nio
    "$work/wire-load" --port "$port" --pid "$pid" --idle 2 --conns "$idle_conns" --label nio/idle
    kill "$pid"; wait "$pid" 2>/dev/null || true
fi

if [ -x .ci/.venv/bin/python ] && .ci/.venv/bin/python -c 'import websockets' 2>/dev/null; then
    echo "== Python websockets"
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
    cases python
    kill "$pid"; wait "$pid" 2>/dev/null || true
fi

echo "== raw C TCP echo (64 KiB, no WebSocket framing)"
start raw "$work/tcp-echo" 0
run raw 64k --conns 1 --size 65536 --raw
kill "$pid"; wait "$pid" 2>/dev/null || true

ratio() { # ratio A B -> A/B with two decimals, or n/a
    if [ -n "${rate[$1]:-}" ] && [ -n "${rate[$2]:-}" ] && [ "${rate[$2]}" != 0 ]; then
        awk -v a="${rate[$1]}" -v b="${rate[$2]}" 'BEGIN { printf "%.2f", a / b }'
    else
        echo n/a
    fi
}
echo "== ratios (msg/s of wire-echo over the peer's)"
for c in c1 c50 c200 pipelined 64k; do
    echo "$c: wire/nio=$(ratio "wire/$c" "nio/$c") wire/python=$(ratio "wire/$c" "python/$c")"
done
echo "64k: wire/raw-c=$(ratio wire/64k raw/64k)"
