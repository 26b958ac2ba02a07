#!/usr/bin/env bash
# Interop: the Python `websockets` client (pinned) drives tello-agent the way
# the original agent's test script did, against the embedded simulator at 10x
# speed. Prints `interop-agent: N passed, N failed`; non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/lib.sh interop-agent
ci_build tello-agent
ci_venv 'websockets==15.0.1'

agent_pid=""
suite_cleanup() {
    [ -n "$agent_pid" ] && kill "$agent_pid" 2>/dev/null || true
}

"$bin/tello-agent" --port 0 --time-scale 10 --backend http://127.0.0.1:9 \
    >"$work/out" 2>"$work/log" &
agent_pid=$!
address="$(ci_listening "$work/out")"
if [ -z "$address" ]; then
    echo "tello-agent did not start:"; cat "$work/log"
    echo "interop-agent: 0 passed, 1 failed"
    exit 1
fi

status=0
python .ci/interop/agent/original_client.py "ws://$address/" || status=1

# The client closed with 1000: one clean (info) close line naming it.
if ! grep -q 'info agent: client disconnected .*code=1000' "$work/log"; then
    echo "FAIL no clean close line in the agent log"; status=1
fi
kill -TERM "$agent_pid"
if ! wait "$agent_pid"; then
    echo "FAIL tello-agent did not exit 0 on SIGTERM"; status=1
fi
agent_pid=""
exit "$status"
