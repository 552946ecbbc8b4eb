#!/usr/bin/python3
# A TCP server and clients in one process: the server thread accepts on
# 127.0.0.1 (an ephemeral port, never printed) and echoes upper-cased
# lines; three client threads connect in turn; then a socketserver
# ThreadingTCPServer and a UDP round trip.
# corpus: native=same
import socket
import socketserver
import threading

srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 0))
srv.listen(8)
port = srv.getsockname()[1]
CLIENTS = 3


def serve():
    for _ in range(CLIENTS):
        conn, _ = srv.accept()
        with conn, conn.makefile("rwb") as f:
            for line in f:
                f.write(line.upper())
                f.flush()


results = {}


def client(i):
    with socket.create_connection(("127.0.0.1", port)) as c, c.makefile("rwb") as f:
        got = []
        for j in range(3):
            f.write(f"client {i} message {j}\n".encode())
            f.flush()
            got.append(f.readline().decode().strip())
        c.shutdown(socket.SHUT_WR)
        results[i] = got


st = threading.Thread(target=serve)
st.start()
for i in range(CLIENTS):
    t = threading.Thread(target=client, args=(i,))
    t.start()
    t.join()
st.join()
srv.close()
for i in sorted(results):
    print(" | ".join(results[i]))


class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        data = self.rfile.readline()
        self.wfile.write(b"len=%d\n" % len(data.strip()))


with socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler) as ts:
    ts.daemon_threads = False
    ts.block_on_close = True
    th = threading.Thread(target=ts.serve_forever, kwargs={"poll_interval": 0.05})
    th.start()
    answers = []
    for word in ("a", "four", "sixteen chars.."):
        with socket.create_connection(ts.server_address) as c:
            c.sendall(word.encode() + b"\n")
            answers.append(c.makefile().readline().strip())
    ts.shutdown()
    th.join()
print("socketserver:", answers)
u1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u1.bind(("127.0.0.1", 0))
u2.sendto(b"datagram", u1.getsockname())
data, _ = u1.recvfrom(100)
print("udp:", data.decode())
u1.close()
u2.close()
