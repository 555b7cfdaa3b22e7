#!/usr/bin/env python3
"""Writes the deterministic libhdf5 regression files (docs/ROBUSTNESS.md, "Damaged HDF5 files").

    tests/fuzz/make_damaged_hdf5.py [SEED] [OUT_DIR]

Each file is the seed firmnet file (default tests/fuzz/corpus/hdf5_open/seed_handmade.h5) with a
few bytes overwritten in its global heap, where the variable-length string attributes of the
root group live: heap object 1 holds the bytes of `format_name` ("firmnet"), the first
attribute every reader opens. Unguarded, libhdf5 1.10.8 (Debian 12) then fails inside
H5Aread of that attribute:

- libhdf5-crash-heap-object-size-5g.h5, -64k.h5: object 1 declares 0x500000000 (or 0x10000)
  bytes; H5HG_read copies that many into a buffer sized from the attribute (SIGSEGV);
- libhdf5-hang-heap-free-object.h5: object 1 becomes a free-space entry (index 0) of size 0;
  the heap's decoder (H5HG__cache_heap_deserialize) advances by that size and never ends;
- libhdf5-oom-vlen-length-4g.h5: the attribute's vlen descriptor declares 0xF0000000
  characters; H5T__conv_vlen allocates and fills them (about 4 GB, no error).

The layout of a global heap collection (HDF5 file format specification, "Global Heap"):
"GCOL", version, 3 reserved bytes, the collection size (8 bytes), then objects of an index
(2 bytes), a reference count (2), 4 reserved bytes, a size (8) and the data padded to 8 bytes.
A vlen descriptor in an attribute is a length (4 bytes), the collection address (8) and the
object index (4).
"""
import os
import struct
import sys

here = os.path.dirname(os.path.abspath(__file__))
seed = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "corpus/hdf5_open/seed_handmade.h5")
out_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "regressions/hdf5_open")

data = bytes(open(seed, "rb").read())
collection = data.find(b"GCOL")
first_object = collection + 16
index, _, _, size = struct.unpack_from("<HHIQ", data, first_object)
if collection < 0 or index != 1 or data[first_object + 16:first_object + 16 + size] != b"firmnet":
    sys.exit(f"{seed}: global heap object 1 is not format_name's 'firmnet'")
descriptor = data.find(struct.pack("<IQI", len(b"firmnet"), collection, 1))
if descriptor < 0:
    sys.exit(f"{seed}: no vlen descriptor of format_name")


def patched(*changes):
    out = bytearray(data)
    for offset, fmt, value in changes:
        struct.pack_into(fmt, out, offset, value)
    return bytes(out)


files = {
    "libhdf5-crash-heap-object-size-5g.h5": patched((first_object + 8, "<Q", 0x500000000)),
    "libhdf5-crash-heap-object-size-64k.h5": patched((first_object + 8, "<Q", 0x10000)),
    "libhdf5-hang-heap-free-object.h5": patched((first_object, "<H", 0), (first_object + 8, "<Q", 0)),
    "libhdf5-oom-vlen-length-4g.h5": patched((descriptor, "<I", 0xF0000000)),
}
for name, content in files.items():
    with open(os.path.join(out_dir, name), "wb") as f:
        f.write(content)
    print(name)
