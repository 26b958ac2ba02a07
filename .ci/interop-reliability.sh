#!/usr/bin/env bash
# Reliability: the agent's users and attackers against the real executables
# (tello-agent, tello-sim, bridge-mocks), peers being Python `websockets`
# (pinned) and raw sockets: a bounded soak, hostile frames and JSON, the 3002
# backend's faults, idle CPU with the backend down, a drone that restarts, an
# emergency under load, and memory over one long session. Everything runs in a
# private network namespace (its own loopback: the Tello state port 8890 and
# every port picked are ours alone) when one can be made. About 4 minutes. Prints `interop-reliability: N passed,
# N failed`; non-zero on any failure. `bash .ci/interop-reliability.sh soak idle`
# runs only the named checks (soak session hostile backend idle restart emergency).
set -uo pipefail
cd "$(dirname "$0")/.."

source .ci/lib.sh interop-reliability
ci_build tello-agent tello-sim bridge-mocks
ci_venv 'websockets==15.0.1'

export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in the work tree
suite=(python .ci/interop/reliability/main.py "$bin" "$work" "$@")
# The checks bound themselves; the timeout is the backstop if the suite itself hangs.
if unshare --net sh -c 'ip link set lo up' 2>/dev/null; then
    echo "running in a private network namespace (loopback only)"
    timeout -k 10 290 unshare --net sh -c 'ip link set lo up && exec "$@"' sh "${suite[@]}" | tee "$work/suite.log"
else
    echo "no private network namespace (not root?): running on the host's loopback"
    timeout -k 10 290 "${suite[@]}" | tee "$work/suite.log"
fi
status=$?
if ! grep -q '^interop-reliability: ' "$work/suite.log"; then
    [ "$status" -eq 124 ] || [ "$status" -eq 137 ] && echo "the suite overran its 290 s backstop"
    echo "interop-reliability: 0 passed, 1 failed"
    [ "$status" -ne 0 ] || status=1
fi
exit "$status"
