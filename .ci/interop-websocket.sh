#!/usr/bin/env bash
# WebSocket interop: our server and client against peers nobody here wrote.
#  1. Python `websockets` (pinned) as client against wire-echo (its echo as a
#     callback and as a task waiting in receive()), and as server
#     against `wire-echo client`: text, binary, 1 MiB, fragmentation, ping/pong,
#     every close path (1000, 1001, 4xxx, no status -> 1005, vanish -> 1006,
#     1002, 1007, 1009), checked on both sides.
#  2. The Autobahn test suite (autobahntestsuite 0.8.2, Python 2.7 only):
#     fuzzingclient against wire-echo, fuzzingserver against our client, cases
#     1-7, 9 (sizes bounded: no 9.1.5+, 9.2.5+, 9.3-9.6) and 10; every case must
#     be OK, NON-STRICT or INFORMATIONAL. Skipped, with the reason, when no
#     Python 2.7 interpreter exists (Debian 12 ships none; pyenv may).
# Prints `interop-websocket: N passed, N failed`; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/lib.sh interop-websocket
here=.ci/interop-websocket
pids=()
suite_cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
passed=0
failed=0
tally() { # tally PASSED FAILED
    passed=$((passed + $1)); failed=$((failed + $2))
}

ci_build wire-echo
wire_echo="$bin/wire-echo"
ci_venv 'websockets==15.0.1'

# Starts wire-echo with extra args; sets echo_port. Log in $work/echo-$1.log.
start_echo() {
    local name="$1"; shift
    "$wire_echo" --port 0 "$@" > "$work/echo-$name.out" 2> "$work/echo-$name.log" &
    pids+=("$!")
    echo_port="$(ci_listening "$work/echo-$name.out" 5)"
    echo_port="${echo_port##*:}"
    [ -n "$echo_port" ] || { echo "wire-echo did not start"; exit 1; }
}

# Runs a python peer; its last line is "<area>: N passed, N failed".
run_peer() {
    local out="$work/peer.out"
    python "$@" | tee "$out" || true
    local line; line="$(tail -1 "$out")"
    if [[ "$line" =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
        tally "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
    else
        echo "FAIL peer $1 did not report"; tally 0 1
    fi
}

start_echo python --max-message 2097152
run_peer "$here/python_client_vs_wire_echo.py" "$echo_port" "$work/echo-python.log"
# The same checks against the echo written as a task waiting in receive()
# (Autobahn below meets the default, a callback the read loop calls).
start_echo python-receive --max-message 2097152 --echo receive
run_peer "$here/python_client_vs_wire_echo.py" "$echo_port" "$work/echo-python-receive.log"
run_peer "$here/python_server_vs_wire_client.py" "$wire_echo"

# --- Autobahn -----------------------------------------------------------
find_python27() {
    if command -v python2.7 >/dev/null && python2.7 -c 'import sys' 2>/dev/null; then command -v python2.7; return; fi
    if command -v pyenv >/dev/null; then
        for candidate in "$(pyenv root)"/versions/2.7*/bin/python2.7; do
            [ -x "$candidate" ] && { echo "$candidate"; return; }
        done
    fi
}
python27="$(find_python27 || true)"
if [ -z "$python27" ]; then
    echo "SKIP autobahn: autobahntestsuite 0.8.2 runs only on Python 2.7 and none is installed (Debian 12 has no python2 package); the websockets suite above covers its case list"
else
    ab_dir="$PWD/.ci/.venv/autobahn27"
    if [ ! -f "$ab_dir/.installed" ]; then
        echo "installing autobahntestsuite for $python27 (pinned, once)"
        "$python27" -m pip install --quiet --disable-pip-version-check --target "$ab_dir" -r "$here/autobahn-requirements.txt"
        touch "$ab_dir/.installed"
    fi
    # Autobahn's wstest from the --target install (its .pth files need addsitedir).
    wstest=("$python27" -c "import site, sys; site.addsitedir('$ab_dir'); sys.argv = ['wstest'] + sys.argv[1:]; from autobahntestsuite import wstest; wstest.run()")
    cases='"cases": ["1.*","2.*","3.*","4.*","5.*","6.*","7.*","9.*","10.*"], "exclude-cases": ["9.1.5","9.1.6","9.2.5","9.2.6","9.3.*","9.4.*","9.5.*","9.6.*"], "exclude-agent-cases": {}'

    start_echo autobahn --max-message 16777216 --log-level error
    echo "{\"outdir\": \"$work/ab-servers\", \"servers\": [{\"agent\": \"wire-echo\", \"url\": \"ws://127.0.0.1:$echo_port\"}], $cases}" > "$work/fuzzingclient.json"
    (cd "$work" && timeout 600 "${wstest[@]}" -m fuzzingclient -s fuzzingclient.json > ab-client.log 2>&1) \
        || { echo "fuzzingclient exited with an error:"; tail -5 "$work/ab-client.log"; }

    ab_port="$(python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    echo "{\"url\": \"ws://127.0.0.1:$ab_port\", \"outdir\": \"$work/ab-clients\", $cases}" > "$work/fuzzingserver.json"
    (cd "$work" && exec "${wstest[@]}" -m fuzzingserver -s fuzzingserver.json > ab-server.log 2>&1) &
    pids+=("$!")
    for _ in $(seq 200); do (exec 3<>"/dev/tcp/127.0.0.1/$ab_port") 2>/dev/null && break; sleep 0.05; done
    timeout 600 "$wire_echo" autobahn "ws://127.0.0.1:$ab_port" --agent wire-client 2> "$work/wire-client.log" \
        || { echo "wire-echo autobahn client failed:"; tail -5 "$work/wire-client.log" "$work/ab-server.log"; }

    for report in "$work/ab-servers/index.json" "$work/ab-clients/index.json"; do
        if [ ! -f "$report" ]; then echo "FAIL autobahn: no report $report"; tally 0 1; continue; fi
        # Not `tee /dev/stderr`: when stderr is a file, tee would reopen it with
        # O_TRUNC and wipe the CI log written so far.
        summary="$(python "$here/autobahn_summary.py" "$report")"
        printf '%s\n' "$summary"
        line="$(printf '%s\n' "$summary" | tail -1)"
        [[ "$line" =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]] && tally "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
    done
fi

echo "interop-websocket: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
