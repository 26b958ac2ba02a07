"""Interop peer: a 3002 backend written with Python's own http.server, and
our Bridge3002 client (bridge-bench --backend) delivering to it. The first
request is answered 503, so a retry is seen too.

Usage: backend.py BRIDGE_BENCH_PATH. Prints ok/FAIL lines and a count line
`interop-bridge-backend: N passed, N failed`.
"""
import json
import subprocess
import sys
import threading
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

COUNT = 5
requests = []
lock = threading.Lock()


class Backend(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with lock:
            requests.append((self.path, dict(self.headers), body))
            first = len(requests) == 1
        status = 503 if first else 200
        reply = b'{"success":true}' if status == 200 else b'{"error":"warming up"}'
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Backend)
threading.Thread(target=server.serve_forever, daemon=True).start()
port = server.server_address[1]
run = subprocess.run(
    [sys.argv[1], "--backend", f"http://127.0.0.1:{port}", "--count", str(COUNT)], capture_output=True, text=True, timeout=120
)
server.shutdown()

results = []


def check(name, condition, detail=""):
    results.append(bool(condition))
    print(f"{'ok  ' if condition else 'FAIL'} {name}{'' if condition else ': ' + str(detail)}")


check("our client delivered every analysis", run.returncode == 0, run.stdout + run.stderr)
check("one request per analysis plus one retry", len(requests) == COUNT + 1, len(requests))
keys = []
for path, headers, raw in requests:
    body = json.loads(raw)
    key = headers.get("Idempotency-Key")
    keys.append(key)
    check(
        f"request {len(keys)}: path, JSON, type, data, key in header and body, ISO 8601 timestamp",
        path == "/api/ai-analysis"
        and headers.get("Content-Type") == "application/json"
        and body["type"] == "ai_analysis"
        and "data" in body
        and key
        and body["idempotency_key"] == key
        and datetime.fromisoformat(body["timestamp"].replace("Z", "+00:00")).tzinfo is not None,
        (path, headers, body),
    )
check("the retry repeated the first key", keys[0] == keys[1] if len(keys) > 1 else False, keys)
check("every analysis had its own key", len(set(keys)) == COUNT, keys)
check("analyses arrived in order", [json.loads(r[2])["data"]["n"] for r in requests[1:]] == list(range(COUNT)))

passed = sum(results)
failed = len(results) - passed
print(f"interop-bridge-backend: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
