#!/usr/bin/env bash
# WebSocket echo benchmark: wire-echo beside a Python `websockets` echo server,
# both measured by the same Swift client (`wire-echo bench`): 64-byte text
# messages, one round trip at a time per connection, at 1 and 50 connections.
# Prints throughput (messages/s) and round-trip p50/p99 for each.
#   scripts/bench-websocket.sh [MESSAGES_PER_CONNECTION_AT_1] [MESSAGES_PER_CONNECTION_AT_50]
set -euo pipefail
cd "$(dirname "$0")/.."
single="${1:-20000}"
many="${2:-1000}"
work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

swift build -c release --product wire-echo 2>&1 | tail -1
wire_echo="$(swift build -c release --show-bin-path)/wire-echo"
source .ci/venv.sh 'websockets==15.0.1'

# Starts a server command that prints `listening on HOST:PORT`; echoes the port.
start() {
    local name="$1"; shift
    "$@" > "$work/$name.out" 2> "$work/$name.err" &
    pids+=("$!")
    for _ in $(seq 200); do
        local port; port="$(sed -n 's/^listening on .*://p' "$work/$name.out")"
        [ -n "$port" ] && { echo "$port"; return 0; }
        sleep 0.05
    done
    echo "$name did not start" >&2; exit 1
}

swift_port="$(start wire-echo "$wire_echo" --port 0 --log-level warning)"
python_port="$(start python-echo python -u -c '
import asyncio, websockets
async def echo(ws):
    async for message in ws:
        await ws.send(message)
async def main():
    async with websockets.serve(echo, "127.0.0.1", 0, ping_interval=None) as server:
        print("listening on 127.0.0.1:%d" % server.sockets[0].getsockname()[1], flush=True)
        await asyncio.Future()
asyncio.run(main())
')"

echo "websocket echo benchmark, $(nproc) cores, $(date -u +%FT%TZ), client: wire-echo bench (release)"
for server in "wire-echo:$swift_port" "python-websockets-15.0.1:$python_port"; do
    name="${server%%:*}"; port="${server##*:}"
    "$wire_echo" bench "ws://127.0.0.1:$port/" --connections 1 --messages 200 > /dev/null  # warm-up
    for connections in 1 50; do
        messages=$([ "$connections" -eq 1 ] && echo "$single" || echo "$many")
        printf '%-26s ' "$name"
        "$wire_echo" bench "ws://127.0.0.1:$port/" --connections "$connections" --messages "$messages" --size 64
    done
done
