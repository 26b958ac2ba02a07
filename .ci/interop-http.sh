#!/usr/bin/env bash
# Interop, both directions, with peers nobody here wrote:
# - curl against our HTTP/1.1 server (wire-http-demo): keep-alive, chunked upload,
#   100-continue, HEAD, HTTP/1.0, parallel clients, limits (431, 413), bad requests
#   (400), routing (404, 405), pipelining and the header timeout (408) over a raw
#   socket, graceful shutdown on SIGTERM;
# - our HTTP client (wire-http-demo fetch) against Python's standard-library
#   http.server: Content-Length, chunked and close-delimited bodies, HEAD, interim
#   100, Host/Connection, the hard deadline, connection refused.
# Needs curl and python3 (stdlib only, no venv). Takes ~10 s.
set -uo pipefail
cd "$(dirname "$0")/.."

source .ci/lib.sh interop-http
passed=0
failed=0
pid=""
suite_cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null
}

check() { # name expected actual
    if [ "$2" == "$3" ]; then
        passed=$((passed + 1)); echo "ok   $1"
    else
        failed=$((failed + 1)); echo "FAIL $1: expected [$2], got [$3]"
    fi
}

command -v curl > /dev/null && command -v python3 > /dev/null || fail_setup "curl or python3 not found (apt-get install curl python3)"
ci_build wire-http-demo
demo="$bin/wire-http-demo"
"$demo" --port 0 --header-timeout 1 --log-level warning > "$work/out" 2> "$work/err" &
pid=$!
address=$(ci_listening "$work/out")
if [ -z "$address" ]; then
    cat "$work/err"
    echo "interop-http: 0 passed, 1 failed (server did not start)"
    exit 1
fi
url="http://$address"
c() { curl -sS --no-progress-meter --max-time 10 "$@"; }

check "GET" "hello" "$(c "$url/hello")"
check "keep-alive reuses one connection" "1 0 0 " \
    "$(c -w '%{num_connects} ' -o /dev/null "$url/hello" -o /dev/null "$url/hello" -o /dev/null "$url/hello")"
check "HTTP/1.0" "hello" "$(c --http1.0 "$url/hello")"
check "HEAD status" "HTTP/1.1 200 OK" "$(c -I "$url/hello" | head -1 | tr -d '\r')"
check "HEAD length of GET" "Content-Length: 6" "$(c -I "$url/hello" | grep -i '^content-length' | tr -d '\r')"

head -c 1048576 /dev/urandom > "$work/upload"
c -H 'Transfer-Encoding: chunked' --data-binary @"$work/upload" -o "$work/echoed" "$url/echo"
check "chunked 1 MiB upload echoed" "same" "$(cmp -s "$work/upload" "$work/echoed" && echo same || echo differs)"
c -X PUT -H 'Transfer-Encoding: chunked' --data-binary @"$work/upload" -o "$work/echoed" "$url/echo"
check "chunked PUT echoed" "same" "$(cmp -s "$work/upload" "$work/echoed" && echo same || echo differs)"
# curl waits --expect100-timeout (30 s) for the interim reply; --max-time 10 fails the check if it never comes.
check "Expect: 100-continue answered" "1" \
    "$(c -v --expect100-timeout 30 -H 'Expect: 100-continue' --data-binary @"$work/upload" -o /dev/null "$url/echo" 2>&1 \
        | grep -c '< HTTP/1.1 100 Continue')"

big_header=$(head -c 40000 /dev/zero | tr '\0' a)
check "oversized headers -> 431" "431" "$(c -o /dev/null -w '%{http_code}' -H "X-Big: $big_header" "$url/hello")"
head -c $((11 * 1048576)) /dev/zero > "$work/huge"
check "body over 10 MiB -> 413" "413" "$(c -o /dev/null -w '%{http_code}' --data-binary @"$work/huge" "$url/echo" 2>/dev/null)"
check "invalid method -> 400" "400" "$(c -o /dev/null -w '%{http_code}' -X 'GE(T' "$url/hello")"
check "space in header name -> 400" "400" "$(c -o /dev/null -w '%{http_code}' -H 'Bad Name: x' "$url/hello")"
check "unknown path -> 404" "404" "$(c -o /dev/null -w '%{http_code}' "$url/nope")"
check "wrong method -> 405" "405" "$(c -o /dev/null -w '%{http_code}' -X DELETE "$url/echo")"

urls=$(for _ in $(seq 200); do printf -- '-o /dev/null %s ' "$url/hello"; done)
# shellcheck disable=SC2086
check "200 requests, 50 in parallel" "200" \
    "$(c --parallel --parallel-max 50 -w '%{http_code}\n' $urls | grep -c '^200$')"
check "server still healthy" "hello" "$(c "$url/hello")"

# Raw sockets (bash /dev/tcp): things curl will not do.
raw() { # bytes to send; prints what the server sends until it closes (bounded by timeout)
    timeout 5 bash -c 'exec 3<>"/dev/tcp/${1%:*}/${1##*:}"; printf "%b" "$2" >&3; cat <&3' _ "$address" "$1"
}
pipelined=$(raw 'GET /hello HTTP/1.1\r\nHost: x\r\n\r\nPOST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nabc\nGET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
check "pipelined requests answered in order" "200 200 200 | hello abc hello" \
    "$(printf '%s\n' "$pipelined" | grep -a -o 'HTTP/1.1 [0-9]*' | cut -d' ' -f2 | xargs) | $(printf '%s\n' "$pipelined" | grep -a -x -E 'hello|abc' | xargs)"
started=$(date +%s%N)
slow=$(raw 'GET /hello HTTP/1.1\r\nHost: x\r\n' | head -1 | tr -d '\r')
elapsed_ms=$(( ($(date +%s%N) - started) / 1000000 ))
check "slow request head -> 408" "HTTP/1.1 408 Request Timeout" "$slow"
check "408 after the 1 s header timeout" "yes" "$([ "$elapsed_ms" -ge 900 ] && [ "$elapsed_ms" -lt 4000 ] && echo yes || echo "no (${elapsed_ms} ms)")"

kill -TERM "$pid"
status=timeout
for _ in $(seq 50); do
    if ! kill -0 "$pid" 2>/dev/null; then wait "$pid"; status=$?; break; fi
    sleep 0.1
done
pid=""
check "SIGTERM: graceful exit 0" "0" "$status"

# Our client against Python's http.server.
python3 .ci/interop-http/python_http_server.py > "$work/py.out" 2> "$work/py.err" &
pid=$!
peer=$(ci_listening "$work/py.out")
fetch() { "$demo" fetch "$@" 2>> "$work/fetch.err"; }
check "client: Content-Length body" "200|length-delimited" "$(fetch "http://$peer/length" | paste -sd'|')"
check "client: chunked body" "200|chunk one|chunk two|last" "$(fetch "http://$peer/chunked" | paste -sd'|')"
check "client: HTTP/1.0 body until close" "200|until the close" "$(fetch "http://$peer/close" | paste -sd'|')"
check "client: HEAD has no body" "200" "$(fetch --method HEAD "http://$peer/length" | paste -sd'|')"
check "client: POST body" "200|ping" "$(fetch --data ping "http://$peer/echo" | paste -sd'|')"
check "client: interim 100 skipped" "200|ping" \
    "$(fetch --data ping --header 'Expect: 100-continue' "http://$peer/echo" | paste -sd'|')"
check "client: 404 reported" "404" "$(fetch "http://$peer/nope" | head -1)"
check "client: Host and Connection sent" "200|$peer|close" "$(fetch "http://localhost:${peer##*:}/headers" | paste -sd'|' | sed 's/localhost/127.0.0.1/')"
started=$(date +%s%N)
fetch --timeout 1 "http://$peer/slow" > /dev/null
code=$?
elapsed_ms=$(( ($(date +%s%N) - started) / 1000000 ))
check "client: hard deadline (exit 3 after ~1 s)" "3 yes" "$code $([ "$elapsed_ms" -lt 2500 ] && echo yes || echo "no (${elapsed_ms} ms)")"
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
pid=""
fetch "http://$peer/length" > /dev/null
check "client: refused (exit 4)" "4" "$?"

echo "interop-http: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
