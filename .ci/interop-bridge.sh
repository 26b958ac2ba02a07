#!/usr/bin/env bash
# Interop: real Python clients against our mocks (bridge-mocks): httpx (the
# original agent's client for the 3002 call) against the 3002 mock in each
# scripted behaviour, and the official openai/AzureOpenAI and ollama clients
# against the LLM mock in each format; then our Bridge3002 client
# (bridge-bench --backend) delivering to a backend built on Python's
# http.server. Pinned versions; well under a minute once built.
set -uo pipefail
cd "$(dirname "$0")/.."

source .ci/lib.sh interop-bridge
pids=()
suite_cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
}

ci_build bridge-mocks bridge-bench
ci_venv 'httpx==0.28.1' 'ollama==0.6.3' 'openai==3.51.0'

# start NAME ARGS...: runs a mock on port 0 and sets $port to the port it announced.
start() {
    local name=$1
    shift
    "$bin/bridge-mocks" "$@" --port 0 --log-level warning > "$work/$name.out" 2> "$work/$name.err" &
    pids+=($!)
    port=$(ci_listening "$work/$name.out")
    port=${port#127.0.0.1:}
    [ -n "$port" ] || { cat "$work/$name.err"; fail_setup "$name did not start"; }
}

start ok backend3002; ok=$port
start hang backend3002 --hang; hang=$port
start close backend3002 --close; close=$port
start err backend3002 --status 500 --body '{"error":"scripted"}'; err=$port
start llm llm; llm=$port
start gone backend3002; refused=$port
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null  # "backend not running": nobody listens there now

python .ci/interop-bridge/peers.py "$ok" "$hang" "$close" "$err" "$llm" "$refused" | tee "$work/peers.log"
python .ci/interop-bridge/backend.py "$bin/bridge-bench" | tee "$work/backend.log"
# One summary line over both peers.
read -r p1 f1 < <(sed -n 's/^interop-bridge-peers: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$work/peers.log")
read -r p2 f2 < <(sed -n 's/^interop-bridge-backend: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$work/backend.log")
passed=$(( ${p1:-0} + ${p2:-0} ))
failed=$(( ${f1:-1} + ${f2:-1} ))
echo "interop-bridge: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
