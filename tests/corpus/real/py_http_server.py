#!/usr/bin/python3
# http.server's ThreadingHTTPServer serving a temp dir on 127.0.0.1 (an
# ephemeral port, never printed) in a thread, fetched by urllib.request
# from the main thread: GETs of files, a directory listing, a 404 and a
# custom POST handler; the server is shut down and joined.
# corpus: native=same
import functools
import hashlib
import http.server
import os
import tempfile
import threading
import urllib.error
import urllib.request


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        reply = hashlib.sha1(body).hexdigest().encode()
        self.send_response(201)
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)


with tempfile.TemporaryDirectory() as d:
    with open(os.path.join(d, "hello.txt"), "w") as f:
        f.write("hello over http\n")
    with open(os.path.join(d, "big.bin"), "wb") as f:
        f.write(bytes(range(256)) * 1024)
    os.mkdir(os.path.join(d, "sub"))
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=d))
    th = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05})
    th.start()
    base = f"http://127.0.0.1:{srv.server_address[1]}"
    with urllib.request.urlopen(base + "/hello.txt") as r:
        print(r.status, r.headers["Content-Type"], r.read().decode().strip())
    with urllib.request.urlopen(base + "/big.bin") as r:
        data = r.read()
        print(r.status, len(data), "bytes, md5", hashlib.md5(data).hexdigest())
    with urllib.request.urlopen(base + "/") as r:
        listing = r.read().decode()
        print("listing mentions:", [n for n in ("big.bin", "hello.txt", "sub/") if n in listing])
    try:
        urllib.request.urlopen(base + "/missing")
    except urllib.error.HTTPError as e:
        print("missing:", e.code)
    req = urllib.request.Request(base + "/post", data=b"posted body", method="POST")
    with urllib.request.urlopen(req) as r:
        print("post:", r.status, r.read().decode())
    srv.shutdown()
    th.join()
    srv.server_close()
print("server stopped")
