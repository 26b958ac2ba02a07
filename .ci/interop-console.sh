#!/usr/bin/env bash
# Interop: the browser console in Debian's chromium (headless, driven through
# the DevTools protocol from Python), and the relayed video in Python clients
# (PyAV, 20 viewers and one that never reads). Screenshots go to
# .build/interop-console/ (printed). Prints `interop-console: N passed, N failed`.
set -euo pipefail
cd "$(dirname "$0")/.."

source .ci/lib.sh interop-console

# Debian's chromium decodes H.264 with WebCodecs; the Chinese font is for the zh screenshots.
ci_chromium
ci_build tello-agent
ci_venv 'websockets==15.0.1' 'av==18.1.0'

shots="$PWD/.build/interop-console"
rm -rf "$shots"
mkdir -p "$shots"
agent_pid=""
suite_cleanup() {
    [ -n "$agent_pid" ] && kill "$agent_pid" 2>/dev/null || true
}

start_agent() {  # extra flags...; sets agent_pid and address
    : >"$work/out"
    "$bin/tello-agent" --port 0 --backend http://127.0.0.1:9 --log-file "$work/agent.log" "$@" \
        >"$work/out" 2>>"$work/stderr" &
    agent_pid=$!
    address="$(ci_listening "$work/out")"
    [ -n "$address" ] || { cat "$work/stderr"; fail_setup "tello-agent did not start"; }
}

stop_agent() {
    kill -TERM "$agent_pid"
    wait "$agent_pid" || { echo "FAIL tello-agent did not exit 0 on SIGTERM" | tee -a "$work/results"; status=1; }
    agent_pid=""
}

status=0
# The relay is what is tested here, so the embedded simulator streams the bundled clip: its
# camera renders a few pictures a second in a debug build (the camera has its own suite, in release).
# The browser: a 4x flight clock and short pauses keep the plans to seconds.
start_agent --sim-video clip --time-scale 4 --step-pause 0.3 --status-interval 0.25
(cd .ci/interop/console && python browser.py chromium "http://$address/" "$work/agent.log" "$shots") | tee -a "$work/results" \
    || status=1
stop_agent
cp "$work/agent.log" "$shots/agent-browser.log"

# With a token: the page asks for it and never puts it in its address or the log.
: >"$work/agent.log"
start_agent --sim-video clip --token "console-$$-secret"
(cd .ci/interop/console && python access_token.py chromium "http://$address/" "console-$$-secret" "$work/agent.log" "$shots") \
    | tee -a "$work/results" || status=1
stop_agent

# Python clients at 4 x 30 fps, so the viewer that never reads fills the kernel's send buffer (up to
# 4 MiB on loopback) and then its 64 KiB budget within the run, and falls behind.
: >"$work/agent.log"
start_agent --sim-video clip --video-budget 64 --time-scale 4
(cd .ci/interop/console && python video_clients.py "$address" "$agent_pid" 4) | tee -a "$work/results" || status=1
behind="$(grep -c 'video viewer behind' "$work/agent.log" || true)"
if [ "$behind" -ge 1 ]; then
    echo "ok   the viewer that never reads fell behind ($behind 'video viewer behind' line in the agent log)" | tee -a "$work/results"
else
    echo "FAIL the viewer that never reads was never dropped" | tee -a "$work/results"; status=1
fi
stop_agent
cp "$work/agent.log" "$shots/agent-video.log"
echo "screenshots and logs: $shots"
passed="$(grep -c '^ok ' "$work/results" || true)"
failed="$(grep -c '^FAIL' "$work/results" || true)"
[ "$status" -eq 0 ] || [ "$failed" -gt 0 ] || failed=1  # a script that died before its checks
echo "interop-console: $passed passed, $failed failed"
exit "$status"
