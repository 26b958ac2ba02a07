#!/usr/bin/env bash
# Interop: an unmodified, pinned djitellopy flies against tello-sim.
#
# djitellopy binds UDP 8889 (replies) and 8890 (state) on all local addresses,
# the very ports a Tello uses, and only accepts packets whose source address is
# the drone's. So the simulator runs in its own network namespace joined to
# ours by a veth pair (needs root, as CI is): drones 10.231.0.2 and 10.231.0.3
# (one simulator, --consecutive-addresses), client 10.231.0.1. Then djitellopy's
# documented API flies two more simulators behaving as real drones (their
# default): a RoboMaster TT on 10.231.0.4 and a plain Tello on 10.231.0.5.
set -euo pipefail
cd "$(dirname "$0")/.."

NS="tellosim$$"
HOST_IF="tsh$$"
SIM_IF="tss$$"
DRONE=10.231.0.2
SECOND_DRONE=10.231.0.3
TT_DRONE=10.231.0.4
TELLO_DRONE=10.231.0.5
CLIENT=10.231.0.1
SIM_PID=""
REAL_PIDS=()
WORK="$(mktemp -d)"

cleanup() {
    [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null || true
    for pid in "${REAL_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    ip link del "$HOST_IF" 2>/dev/null || true
    ip netns del "$NS" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

if ! ip netns add "$NS" 2>"$WORK/netns.err"; then
    echo "cannot create a network namespace (root needed): $(cat "$WORK/netns.err")"
    echo "interop-djitellopy: 0 passed, 1 failed"
    exit 1
fi
ip link add "$HOST_IF" type veth peer name "$SIM_IF"
ip link set "$SIM_IF" netns "$NS"
ip addr add "$CLIENT/24" dev "$HOST_IF"
ip link set "$HOST_IF" up
ip netns exec "$NS" ip addr add "$DRONE/24" dev "$SIM_IF"
ip netns exec "$NS" ip addr add "$SECOND_DRONE/24" dev "$SIM_IF"
ip netns exec "$NS" ip addr add "$TT_DRONE/24" dev "$SIM_IF"
ip netns exec "$NS" ip addr add "$TELLO_DRONE/24" dev "$SIM_IF"
ip netns exec "$NS" ip link set "$SIM_IF" up
ip netns exec "$NS" ip link set lo up

# Pinned: djitellopy and everything it imports (it needs PyAV and OpenCV for video).
source .ci/venv.sh 'djitellopy==2.5.0' 'numpy==2.4.6' 'opencv-python==5.0.0.93' 'av==18.1.0' 'pillow==13.0.0'

# Release: the camera draws and encodes 30 frames a second there (a debug build manages
# about 3, and PyAV, probing the stream before its first picture, gives up on so slow a one).
swift build -c release --product tello-sim >/dev/null
SIM="$(swift build -c release --show-bin-path)/tello-sim"

# --time-scale 3: takeoff's 5 s take under 2 s; the 15 s auto-land comes after 5 s of silence.
# --exact --model edu: this flight checks the SDK 2.0 surface (mission pads included) against
# ground truth; the real drone's quirks get their own flight below.
ip netns exec "$NS" "$SIM" --bind "$DRONE" --drones 2 --consecutive-addresses --exact --model edu \
    --control-port 8080 --control-host "$DRONE" --time-scale 3 --seed 7 >"$WORK/sim.out" 2>"$WORK/sim.log" &
SIM_PID=$!
listening() { local n; n="$(grep -c '^listening on ' "$WORK/sim.out" 2>/dev/null || true)"; echo "${n:-0}"; }
for _ in $(seq 1 100); do
    [ "$(listening)" -ge 3 ] && break
    kill -0 "$SIM_PID" 2>/dev/null || break
    sleep 0.1
done
if [ "$(listening)" -lt 3 ]; then
    echo "tello-sim did not start:"; cat "$WORK/sim.log"
    echo "interop-djitellopy: 0 passed, 1 failed"
    exit 1
fi

status=0
timeout 300 python .ci/interop/djitellopy/fly_against_sim.py "$DRONE" "$SECOND_DRONE" "http://$DRONE:8080" \
    | tee "$WORK/surface.out" || status=$?
if [ "$status" -ne 0 ]; then
    echo "--- tello-sim log (last 40 lines)"
    tail -n 40 "$WORK/sim.log"
fi
# Only now: djitellopy's client sockets (8889, 8890, 11111) are free again.
kill "$SIM_PID" 2>/dev/null || true
wait "$SIM_PID" 2>/dev/null || true
SIM_PID=""

# The real drone's behaviour (the simulator's default), one model at a time.
for model in tt tello; do
    address="$TT_DRONE"; [ "$model" = tello ] && address="$TELLO_DRONE"
    ip netns exec "$NS" "$SIM" --bind "$address" --model "$model" --control-port 8080 --control-host "$address" \
        --time-scale 3 --seed 7 >"$WORK/real-$model.out" 2>"$WORK/real-$model.log" &
    REAL_PIDS+=($!)
    for _ in $(seq 1 100); do
        [ "$(grep -c '^listening on ' "$WORK/real-$model.out" 2>/dev/null || true)" -ge 2 ] && break
        sleep 0.1
    done
    timeout 120 python .ci/interop/djitellopy/fly_real_drone.py "$model" "$address" "http://$address:8080" \
        | tee "$WORK/real-$model.result" || { status=1; echo "--- tello-sim --model $model log (last 40 lines)"; tail -n 40 "$WORK/real-$model.log"; }
    kill "${REAL_PIDS[-1]}" 2>/dev/null || true
    wait "${REAL_PIDS[-1]}" 2>/dev/null || true
done

# One summary line for .ci/run: every check of the three flights.
passed=0; failed=0
for result in "$WORK/surface.out" "$WORK/real-tt.result" "$WORK/real-tello.result"; do
    line="$(grep -E '^(interop-djitellopy|djitellopy-real-[a-z]+): [0-9]+ passed, [0-9]+ failed' "$result" 2>/dev/null | tail -1)"
    if [ -z "$line" ]; then failed=$((failed + 1)); status=1; continue; fi
    passed=$((passed + $(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')))
    failed=$((failed + $(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')))
done
echo "interop-djitellopy: $passed passed, $failed failed (SDK surface, real TT, real Tello)"
[ "$failed" -eq 0 ] || status=1
exit "$status"
