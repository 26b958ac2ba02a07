"""An HTTP server nobody here wrote (Python's standard library http.server),
for checking Wire's HTTP client. Prints "listening on 127.0.0.1:PORT".

Routes:
  GET  /length     HTTP/1.1, Content-Length body
  GET  /chunked    HTTP/1.1, Transfer-Encoding: chunked, three chunks
  GET  /close      HTTP/1.0, no Content-Length: body ends at the close
  HEAD /length     headers only (Content-Length of the GET)
  POST /echo       the body back (Python answers Expect: 100-continue with an interim 100)
  GET  /slow       answers after 3 s
  GET  /headers    the request's Host and Connection
"""
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def send_body(self, body, status=200):
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        if self.path == "/length":
            self.send_body(b"length-delimited\n")
        elif self.path == "/chunked":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for part in (b"chunk one\n", b"chunk two\n", b"last\n"):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            self.wfile.write(b"0\r\n\r\n")
        elif self.path == "/close":
            self.protocol_version = "HTTP/1.0"
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"until the close\n")
            self.close_connection = True
        elif self.path == "/slow":
            time.sleep(3)
            self.send_body(b"late\n")
        elif self.path == "/headers":
            host = self.headers.get("Host", "")
            connection = self.headers.get("Connection", "")
            self.send_body(("%s|%s\n" % (host, connection)).encode())
        else:
            self.send_body(b"not found\n", 404)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        self.send_body(self.rfile.read(length))


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print("listening on 127.0.0.1:%d" % server.server_address[1], flush=True)
try:
    server.serve_forever()
except KeyboardInterrupt:
    pass
