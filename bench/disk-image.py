#!/usr/bin/env python3
"""Writes a deterministic disk-image-like file: 1 MiB blocks of zeros (unused space), random
bytes (already-compressed data), low-entropy binary (code, tables) and log/config text, in a
seeded order. Usage: disk-image.py PATH SIZE_MIB"""
import random
import sys

MIB = 1 << 20


def main(path, size_mib):
    rng = random.Random(20261126)
    words = [("%x" % rng.getrandbits(rng.choice([8, 16, 24]))) for _ in range(300)] + [
        "kernel:", "systemd[1]:", "Started", "eth0", "error", "usr/lib", "ok", "=", "\n"]
    corpus = " ".join(rng.choice(words) for _ in range(2 * MIB)).encode()
    nibbles = bytes(range(256)).translate(bytes((b & 0x1F) * 3 for b in range(256)))
    with open(path, "wb") as out:
        for _ in range(size_mib):
            kind = rng.random()
            if kind < 0.35:
                out.write(bytes(MIB))
            elif kind < 0.55:
                out.write(rng.randbytes(MIB))
            elif kind < 0.80:
                out.write(rng.randbytes(MIB).translate(nibbles))
            else:
                start = rng.randrange(len(corpus) - MIB)
                out.write(corpus[start:start + MIB])


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
