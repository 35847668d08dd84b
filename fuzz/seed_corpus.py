#!/usr/bin/env python3
"""Seeds fuzz/corpus/<target>/ (git-ignored) from the shared vectors, read in place.

mrz: each zone of mrz_vectors.json; fmr: the fmr/ samples and the FVC2002 ISO templates;
ansi_nist: the files up to 64 KiB as they are, and every file shrunk: image data (field 999,
binary record bodies) cut to 64 bytes with the record lengths fixed, so that the fuzzer
mutates structure rather than pixels. Usage: python3 fuzz/seed_corpus.py [SHARED]
"""
import hashlib
import json
import os
import sys

GS, RS, US, FS = b"\x1d", b"\x1e", b"\x1f", b"\x1c"
KEEP = 64


def tagged(data, off):
    """(record, LEN, 'T.001:' prefix, bytes after the LEN digits) of the tagged record at off."""
    colon = data.index(b":", off)
    gs = data.index(GS, colon)
    length = int(data[colon + 1:gs])
    return data[off:off + length], length, data[off:colon + 1], data[gs:off + length]


def with_len(prefix, rest):
    """prefix + LEN + rest, LEN counting its own digits."""
    length = len(prefix) + len(rest) + 1
    while len(prefix) + len(str(length)) + len(rest) != length:
        length = len(prefix) + len(str(length)) + len(rest)
    return prefix + str(length).encode() + rest


def shrink(data):
    type1, length, _, _ = tagged(data, 0)
    cnt = next(f for f in type1.split(GS) if f.split(b":")[0].split(b".")[1].lstrip(b"0") == b"3")
    types = [int(s.split(US)[0]) for s in cnt.split(b":", 1)[1].rstrip(FS).split(RS)[1:]]
    out, off = [type1], length
    for t in types:
        if 3 <= t <= 8:
            n = int.from_bytes(data[off:off + 4], "big")
            header = 18 if t <= 6 else (12 if t == 8 else 6)
            record = data[off:off + n][:header + KEEP]
            out.append(len(record).to_bytes(4, "big") + record[4:])
        else:
            _, n, prefix, rest = tagged(data, off)
            marker = GS + str(t).encode() + b".999:"
            i = rest.find(marker)
            if i >= 0:
                rest = rest[:i + len(marker)] + rest[i + len(marker):][:KEEP] + FS
            out.append(with_len(prefix, rest))
        off += n
    return b"".join(out)


def write(folder, name, data):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "shared")
    vectors, corpus = os.path.join(shared, "test-vectors"), os.path.join(here, "corpus")
    with open(os.path.join(vectors, "mrz", "mrz_vectors.json")) as f:
        for entry in json.load(f):
            text = "\n".join(entry["lines"]).encode()
            write(os.path.join(corpus, "mrz"), hashlib.sha1(text).hexdigest(), text)
    fmr = os.path.join(vectors, "fmr")
    for name in os.listdir(fmr):
        if name.endswith((".dat", ".raw")):
            write(os.path.join(corpus, "fmr"), name, open(os.path.join(fmr, name), "rb").read())
    fvc = os.path.join(shared, "data", "fvc2002")
    for db in sorted(os.listdir(fvc)) if os.path.isdir(fvc) else []:
        for name in os.listdir(os.path.join(fvc, db)):
            if name.endswith(".iso"):
                write(os.path.join(corpus, "fmr"), f"{db}_{name}", open(os.path.join(fvc, db, name), "rb").read())
    for root, _, files in os.walk(os.path.join(vectors, "ansi-nist")):
        for name in files:
            if not name.endswith(".an2"):
                continue
            data = open(os.path.join(root, name), "rb").read()
            stem = f"{os.path.basename(root)}_{name}"
            if len(data) <= 65536:
                write(os.path.join(corpus, "ansi_nist"), stem, data)
            small = shrink(data)
            if len(small) < len(data):
                write(os.path.join(corpus, "ansi_nist"), "shrunk_" + stem, small)


if __name__ == "__main__":
    main()
