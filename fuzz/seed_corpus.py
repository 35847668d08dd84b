#!/usr/bin/env python3
"""Seeds fuzz/corpus/<target>/ (git-ignored) from the shared vectors, read in place.

mrz: each zone of mrz_vectors.json; fmr: the fmr/ samples and the FVC2002 ISO templates;
ansi_nist: the files up to 64 KiB as they are, and every file shrunk: image data (field 999,
binary record bodies) cut to 64 bytes with the record lengths fixed, so that the fuzzer
mutates structure rather than pixels. fingerprint_image: a synthetic 128x128 ridge pattern
as raw grey, PNG and uncompressed TIFF, each behind the target's 7-byte header (small on
purpose: every input runs MINDTCT, so full-size prints would allow a few executions a second). Usage: python3 fuzz/seed_corpus.py [SHARED]
"""
import hashlib
import json
import math
import os
import struct
import sys
import zlib

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


def image_header(encoding, width=0, height=0, ppi=500, declared=False):
    """The fingerprint_image target's header: encoding (0 PNG, 1 TIFF, 2 raw; bit 7 declares
    the size), width, height and resolution, big-endian."""
    return bytes([encoding | (0x80 if declared else 0)]) + struct.pack(">HHH", width, height, ppi)


def ridges(side):
    """Grey pixels of a synthetic ridge pattern: concentric rings about 9 px apart."""
    c = side / 2
    return bytes(
        int(127 + 120 * math.cos(math.hypot(x - c, y - c + 30) * 2 * math.pi / 9))
        for y in range(side) for x in range(side))


def png_grey(side, pixels):
    """A minimal 8-bit greyscale PNG."""
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    rows = b"".join(b"\0" + pixels[y * side:(y + 1) * side] for y in range(side))
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def tiff_grey(side, pixels):
    """A minimal little-endian, uncompressed, 8-bit greyscale TIFF with one strip."""
    entries = [(256, 3, side), (257, 3, side), (258, 3, 8), (259, 3, 1), (262, 3, 1),
               (273, 4, 0), (277, 3, 1), (278, 3, side), (279, 4, len(pixels))]
    ifd_size = 2 + 12 * len(entries) + 4
    data_offset = 8 + ifd_size
    ifd = struct.pack("<H", len(entries))
    for tag, kind, value in entries:
        value = data_offset if tag == 273 else value
        packed = struct.pack("<HH", value, 0) if kind == 3 else struct.pack("<I", value)
        ifd += struct.pack("<HHI", tag, kind, 1) + packed
    return b"II*\0" + struct.pack("<I", 8) + ifd + struct.pack("<I", 0) + pixels


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
    images = os.path.join(corpus, "fingerprint_image")
    pixels = ridges(128)
    write(images, "ridges_tiff", image_header(1) + tiff_grey(128, pixels))
    write(images, "ridges_raw", image_header(2, 128, 128, declared=True) + pixels)
    write(images, "ridges_png", image_header(0) + png_grey(128, pixels))
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
