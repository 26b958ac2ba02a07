#!/usr/bin/env bash
# Interop: a person's session (Python websockets, pinned) recorded by
# tello-agent --record, converted by tello-scenario from-session, and replayed
# 20 times with identical transcripts; then the same scenario against an agent
# with a planted regression must fail at the first move's response.
# Twice: flying the embedded simulator, and an external tello-sim whose faults
# (a forced error, loss, late replies) change during the session. The external
# drone needs the agent on UDP 8890 (a Tello's state port), so that half runs
# in a network namespace of its own (root, as CI is): nothing else on this
# machine is disturbed. Prints `interop-recording: N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.."

source .ci/lib.sh interop-recording
ci_build tello-agent tello-sim tello-scenario
ci_venv 'websockets==15.0.1'

NS="recording$$"
pids=()
suite_cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    ip netns del "$NS" 2>/dev/null || true
}

passed=0
failed=0
check() {  # name, then the command
    local name="$1"; shift
    if "$@" >"$work/$name.out" 2>&1; then
        echo "ok   $name"; passed=$((passed + 1))
    else
        echo "FAIL $name"; sed 's/^/    /' "$work/$name.out" | tail -40; failed=$((failed + 1))
    fi
}

# Records a session ($1: name, $2: exec prefix or "", $3...: agent flags, then -- client args),
# stops the agent with SIGTERM and waits for it: the recording is complete.
record() {
    local name="$1" prefix="$2"; shift 2
    local flags=() client=()
    while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do flags+=("$1"); shift; done
    shift
    client=("$@")
    $prefix "$bin/tello-agent" --record "$work/$name.jsonl" --step-pause 0.2 --backend http://127.0.0.1:9 "${flags[@]}" \
        >"$work/$name.agent.out" 2>"$work/$name.agent.log" &
    local agent=$!
    pids+=("$agent")
    local address
    address="$(ci_listening "$work/$name.agent.out" 20)"
    [ -n "$address" ] || { echo "tello-agent did not start"; cat "$work/$name.agent.log"; return 1; }
    $prefix timeout 300 python .ci/interop/recording/session.py "ws://$address/" "${client[@]}" || return 1
    kill -TERM "$agent"
    wait "$agent"
}

convert_and_replay() {  # name
    "$bin/tello-scenario" from-session "$work/$1.jsonl" -o "$work/$1.json" \
        && "$bin/tello-scenario" run "$work/$1.json" --repeat 20
}

planted_regression_fails_at_the_right_step() {  # name
    TELLO_AGENT_PLANTED_REGRESSION=move-responses-lose-their-id "$bin/tello-scenario" run "$work/$1.json" >"$work/$1.planted" 2>&1
    local status=$?
    [ "$status" -eq 1 ] || { echo "exit status $status, expected 1"; cat "$work/$1.planted"; return 1; }
    python .ci/interop/recording/failing_step.py "$work/$1.json" "$work/$1.planted"
}

# 1. The embedded simulator, ten times faster than real.
check embedded-recorded record embedded "" --port 0 --time-scale 10 --
check embedded-replays-20-times convert_and_replay embedded
check embedded-planted-regression planted_regression_fails_at_the_right_step embedded

# 2. An external tello-sim with faults changed mid-session, in a namespace of its own.
if ip netns add "$NS" 2>"$work/netns.err"; then
    ip netns exec "$NS" ip link set lo up
    ip netns exec "$NS" "$bin/tello-sim" --command-port 8889 --control-port 8900 --seed 3 >"$work/sim.out" 2>&1 &
    pids+=("$!")
    if [ -n "$(ci_listening "$work/sim.out" 20)" ]; then
        check external-recorded record external "ip netns exec $NS" --port 3004 --drone 127.0.0.1:8889 -- \
            --control http://127.0.0.1:8900
        check external-replays-20-times convert_and_replay external
        check external-planted-regression planted_regression_fails_at_the_right_step external
        grep -q 'error Not joystick' "$work/external.json" && grep -q '"answers":\[\]' "$work/external.json" \
            && echo "ok   external-profile-has-the-faults" && passed=$((passed + 1)) \
            || { echo "FAIL external-profile-has-the-faults"; failed=$((failed + 1)); }
    else
        echo "FAIL tello-sim did not start"; cat "$work/sim.out"; failed=$((failed + 1))
    fi
else
    echo "FAIL cannot create a network namespace (root needed): $(cat "$work/netns.err")"; failed=$((failed + 1))
fi

echo "interop-recording: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
