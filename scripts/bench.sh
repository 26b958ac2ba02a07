#!/usr/bin/env bash
# Every benchmark in one run, release builds, figures on stdout.
# Speed targets live here, never in timed unit tests. On a shared machine the
# figures vary from run to run: quote them with the load average printed below.
#   bash scripts/bench.sh            # all
#   bash scripts/bench.sh --quick    # shorter runs, less stable figures
set -euo pipefail
cd "$(dirname "$0")/.."

quick=false
[ "${1:-}" = "--quick" ] && quick=true
seconds=3; requests=2000; clients=1000; fanout=100,500,1000; rounds=20
if $quick; then seconds=1; requests=300; clients=200; fanout=100,200; rounds=5; fi

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for product in tello-sim-bench wire-io-bench bridge-bench agent-bench record-bench video-relay-bench h264-bench; do
    swift build -c release --product "$product" > /dev/null
done
bin="$(swift build -c release --show-bin-path)"

echo "== tello-sim: command round trips and state-stream jitter"
"$bin/tello-sim-bench" --seconds "$seconds"
echo "== wire: TCP/UDP/HTTP"
"$bin/wire-io-bench" --seconds "$seconds"
echo "== bridge3002 and planner: delivery latency, outbox throughput, phrases per second"
if $quick; then "$bin/bridge-bench" --quick; else "$bin/bridge-bench"; fi
echo "== agent: drone_command round trip, drone_status fan-out"
"$bin/agent-bench" --reads "$requests" --clients "$fanout" --rounds "$rounds"
echo "== recording: what --record adds to the round trip and the fan-out"
"$bin/record-bench" --requests "$requests" --clients "$((clients / 5))" --rounds "$rounds"
echo "== video relay: latency added per picture, throughput to 20 viewers"
"$bin/video-relay-bench" --seconds "$((seconds * 3))"
echo "== h264: encode time, bitrate and PSNR at 960x720"
if $quick; then "$bin/h264-bench" 30; else "$bin/h264-bench" 90; fi
echo "== websocket: wire-echo against a C load generator, beside NIO (NIO_ECHO=...) and Python websockets when present"
if $quick; then SECONDS_PER_CASE=1 IDLE_CONNECTIONS=200 bash .ci/bench/wire-bench.sh; else bash .ci/bench/wire-bench.sh; fi
