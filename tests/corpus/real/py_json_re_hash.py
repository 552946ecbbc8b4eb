#!/usr/bin/python3
# Pure computation in CPython: json round trips, re on a generated log,
# hashlib digests (md5, sha1, sha256, blake2b), zlib/gzip/bz2/lzma
# compression round trips, base64 and struct; all printed as fixed values.
# corpus: native=same
import base64
import bz2
import gzip
import hashlib
import json
import lzma
import re
import struct
import zlib

records = [{"id": i, "name": f"user{i}", "tags": ["a", "b"][: i % 3], "score": i * 1.5} for i in range(50)]
text = json.dumps(records, sort_keys=True, indent=1)
back = json.loads(text)
print("json:", len(text), "chars, round trip", back == records, "first", json.dumps(back[1], sort_keys=True))
log = "\n".join(f"2024-01-{d:02d} {lvl} request {d * 37 % 101} took {d * 13 % 97}ms"
                for d in range(1, 29) for lvl in ("INFO", "WARN") if (d + len(lvl)) % 3)
slow = re.findall(r"WARN request (\d+) took (\d+)ms", log)
print("re:", len(slow), "warnings, slowest", max(slow, key=lambda m: int(m[1])))
print("re.sub:", re.sub(r"(\d{4})-(\d\d)-(\d\d)", r"\3/\2/\1", log.splitlines()[0]))
data = text.encode()
for name in ("md5", "sha1", "sha256", "blake2b"):
    print(name, hashlib.new(name, data).hexdigest()[:32])
for mod in (zlib, gzip, bz2, lzma):
    if mod is gzip:
        c = gzip.compress(data, mtime=0)
    else:
        c = mod.compress(data)
    print(mod.__name__, "round trip", mod.decompress(c) == data, "ratio", round(len(c) / len(data), 1))
print("zlib crc32", hex(zlib.crc32(data)), "adler32", hex(zlib.adler32(data)))
print("base64", base64.b64encode(hashlib.sha1(data).digest()).decode())
print("struct", struct.pack("<IhQ", 1, -2, 3).hex(), struct.unpack(">I", b"\x00\x01\x02\x03"))
