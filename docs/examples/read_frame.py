#!/usr/bin/env python3
"""A redframe reader with redis-py, pandas and numpy only, written from docs/FORMAT.md.

    python3 read_frame.py [--url redis://host:6379/0] [--prefix redframe] NAME [--version N [--id ID]]

Reads the current version of frame NAME (or version N, checked against its id if given) and
prints it: a JSON-table frame as a pandas DataFrame, a raw or json-array frame as a numpy array,
a json object as Python data, a bytes frame as its length. With --dump it prints the values as
one JSON document instead (the test suite compares that with what Java wrote). Any failed check
prints a message and exits with status 1. Arrow and YAML frames need libraries this reader does
not use; it refuses them by name.

Debian: apt-get install python3-redis python3-pandas python3-numpy.
"""

import argparse
import datetime
import json
import math
import os
import re
import struct
import sys

import numpy as np
import pandas as pd
import redis

LAYOUT = 1
# Read limits: the defaults of the store options maxManifestBytes, maxChunks and maxChunkBytes.
MAX_MANIFEST_BYTES = 64 << 20
MAX_CHUNKS = 10_000_000
MAX_CHUNK_BYTES = 256 << 20
WINDOW = 16 << 20  # bytes of chunks per pipelined round trip (option pipelineWindow)
ATTEMPTS = 5  # reads of the head before giving up on a frame that keeps changing


class FrameError(Exception):
    """The frame cannot be read: missing, stale, corrupt or over a limit."""


# ---- CRC-32C (Castagnoli), as java.util.zip.CRC32C: reflected polynomial 0x82F63B78, initial
# value and final XOR 0xFFFFFFFF. zlib.crc32 is CRC-32, another polynomial: it does not do.
def _crc_table():
    table = []
    for n in range(256):
        for _ in range(8):
            n = (n >> 1) ^ 0x82F63B78 if n & 1 else n >> 1
        table.append(n)
    return table


_CRC_TABLE = _crc_table()


def crc32c(data):
    """CRC-32C of bytes as the manifest writes it: 8 lowercase hex digits."""
    crc, table = 0xFFFFFFFF, _CRC_TABLE
    for byte in data:
        crc = table[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return f"{crc ^ 0xFFFFFFFF:08x}"


assert crc32c(b"123456789") == "e3069283"  # the standard check value


# ---- Keys
def frame_base(prefix, name):
    """<prefix>:{<name>}: with % { } percent-encoded, as bytes."""
    tag = name.replace("%", "%25").replace("{", "%7B").replace("}", "%7D")
    return f"{prefix}:{{{tag}}}:".encode("utf-8")


def text(value):
    return None if value is None else value.decode("utf-8")


# ---- The manifest
def read_manifest(r, prefix, name, version=None, version_id=None):
    """The checked manifest of the current version (version None) or of version `version`."""
    base = frame_base(prefix, name)
    for _ in range(ATTEMPTS):
        if version is None:
            cur, head_id = r.hmget(base + b"head", "cur", "id")
            if cur is None:
                raise FrameError(f"no frame '{name}' (prefix '{prefix}')")
            wanted, expected_id = int(cur), text(head_id) or ""
        else:
            wanted, expected_id = version, version_id
        key = base + b"v:" + str(wanted).encode()
        # One MULTI/EXEC: a snapshot of the version key. A version key never changes while it
        # lives; it can only go (expiry, delete, superseded with gracePeriod 0) and, under the
        # same number, come back with another id. So everything is checked against the id.
        pending, stored_id, stored_crc, length = (
            r.pipeline(transaction=True)
            .hexists(key, "pending")
            .hget(key, "id")
            .hget(key, "manifest.crc32c")
            .hstrlen(key, "manifest")
            .execute()
        )
        stored_id = text(stored_id) or ""  # versions written before ids have none
        if pending or length == 0 or (version is None and stored_id != expected_id):
            if version is None:
                continue  # the head moved on between the two reads: read it again
            raise FrameError(f"frame '{name}' has no readable version {wanted}")
        if expected_id is not None and stored_id != expected_id:
            raise FrameError(
                f"stale reference {name}@{wanted}#{expected_id}: version {wanted} now has id"
                f" '{stored_id}' (the frame expired or was deleted, and the number was reused)")
        if length > MAX_MANIFEST_BYTES:
            raise FrameError(f"manifest of {name}@{wanted} is {length} bytes, over the limit")
        raw, again_id = r.pipeline(transaction=True).hget(key, "manifest").hget(key, "id").execute()
        if raw is None or (text(again_id) or "") != stored_id:
            if version is None:
                continue
            raise FrameError(f"version {wanted} of frame '{name}' went while it was read")
        manifest = check_manifest(raw, text(stored_crc), name, wanted, stored_id)
        return key, manifest
    raise FrameError(f"frame '{name}' changed at every one of {ATTEMPTS} reads of its head")


CHUNK_FIELD = re.compile(r"c:\d{1,10}")
HEX8 = re.compile(r"[0-9a-f]{8}")


def check_manifest(raw, stored_crc, name, version, version_id):
    where = f"manifest of {name}@{version}"
    if crc32c(raw) != stored_crc:  # over the exact stored bytes, before parsing them
        raise FrameError(f"{where} is corrupt: CRC-32C is {crc32c(raw)}, stored '{stored_crc}'")
    try:
        m = json.loads(raw)
        check_fields(m, name, version, version_id, where)
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        raise FrameError(f"{where} is corrupt: not a valid manifest ({type(e).__name__}: {e})")
    return m


def check_fields(m, name, version, version_id, where):
    if m.get("layout") != LAYOUT:
        raise FrameError(f"{where} has layout {m.get('layout')}; this reader reads {LAYOUT}")
    if m["name"] != name or m["version"] != version or m.get("id", "") != version_id:
        raise FrameError(f"{where} describes {m['name']}@{m['version']}#{m.get('id', '')}")
    chunks, columns = m["chunks"], m["columns"]
    if len(chunks) > MAX_CHUNKS:
        raise FrameError(f"{where} lists {len(chunks)} chunks, over the limit")
    fields, total = set(), 0
    for c in chunks:
        ok = (
            CHUNK_FIELD.fullmatch(c["field"]) and c["field"] not in fields
            and HEX8.fullmatch(c["crc32c"])
            and 0 <= c["bytes"] <= MAX_CHUNK_BYTES
            and c["firstRow"] >= 0 and c["rows"] >= 0 and c["firstRow"] + c["rows"] <= m["rows"]
            and all(0 <= i < len(columns) for i in c["columns"])
        )
        if not ok:
            raise FrameError(f"{where} is corrupt: bad chunk entry {c}")
        fields.add(c["field"])
        total += c["bytes"]
    if total != m["bytes"]:
        raise FrameError(f"{where} is corrupt: chunks add up to {total} bytes, not {m['bytes']}")


# ---- Chunks
def read_chunks(r, key, manifest):
    """Every chunk's bytes, in order: lengths checked before fetching, then each CRC-32C."""
    where = f"{manifest['name']}@{manifest['version']}"
    batch, size = [], 0
    for entry in manifest["chunks"]:
        if batch and size + entry["bytes"] > WINDOW:
            yield from _fetch(r, key, batch, where)
            batch, size = [], 0
        batch.append(entry)
        size += entry["bytes"]
    if batch:
        yield from _fetch(r, key, batch, where)


def _fetch(r, key, batch, where):
    pipe = r.pipeline(transaction=False)
    for entry in batch:
        pipe.hstrlen(key, entry["field"])
    for entry, stored in zip(batch, pipe.execute()):
        _check_length(entry, stored, where)
    pipe = r.pipeline(transaction=False)
    for entry in batch:
        pipe.hget(key, entry["field"])
    for entry, data in zip(batch, pipe.execute()):
        _check_length(entry, 0 if data is None else len(data), where)
        if crc32c(data) != entry["crc32c"]:
            raise FrameError(
                f"chunk {entry['field']} of {where} is corrupt: CRC-32C is {crc32c(data)},"
                f" manifest says {entry['crc32c']}")
        yield data


def _check_length(entry, stored, where):
    if stored == entry["bytes"]:
        return
    if stored == 0:  # no chunk is empty: the field is gone
        raise FrameError(
            f"chunk {entry['field']} of {where} is missing: the version was deleted or expired"
            " during the read")
    raise FrameError(
        f"chunk {entry['field']} of {where} is corrupt: {stored} bytes stored, manifest says"
        f" {entry['bytes']}")


# ---- Codecs
def read_frame(r, prefix, name, version=None, version_id=None):
    key, manifest = read_manifest(r, prefix, name, version, version_id)
    codec = (manifest["codec"], manifest["codecVersion"])
    readers = {
        ("json-table", 1): json_table,
        ("raw", 1): raw_array,
        ("json-array", 1): json_array,
        ("json", 1): lambda m, chunks: json.loads(b"".join(chunks)),
        ("bytes", 1): lambda m, chunks: b"".join(chunks),
    }
    if codec not in readers:
        raise FrameError(f"{name}@{manifest['version']} has codec {codec[0]} version {codec[1]},"
                         " which this reader does not read")
    try:
        return manifest, readers[codec](manifest, read_chunks(r, key, manifest))
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as e:
        raise FrameError(f"{name}@{manifest['version']} does not decode as {codec[0]}:"
                         f" {type(e).__name__}: {e}")


def json_table(manifest, chunks):
    """A JSON Table Schema document as a DataFrame with nullable dtypes, every value exact.

    pandas.read_json(orient="table") reads the document too, but turns integer columns with
    missing values into float64 and may round doubles (docs/FORMAT.md): Python's json keeps both.
    """
    doc = json.loads(b"".join(chunks))
    fields, records = doc["schema"]["fields"], doc["data"]
    if len(records) != manifest["rows"]:
        raise FrameError(f"document holds {len(records)} records, manifest says {manifest['rows']}")
    frame = pd.DataFrame({f["name"]: column([rec.get(f["name"]) for rec in records], f)
                          for f in fields})
    frame.attrs["name"] = doc["schema"].get("tablesaw.table")
    return frame


NULLABLE = {"BOOLEAN": "boolean", "SHORT": "Int16", "INTEGER": "Int32", "LONG": "Int64",
            "FLOAT": "Float32", "DOUBLE": "Float64", "STRING": "string"}
BY_JSON_TYPE = {"boolean": "BOOLEAN", "integer": "LONG", "number": "DOUBLE", "string": "STRING",
                "datetime": "LOCAL_DATE_TIME"}  # for documents redframe did not write


def column(values, field):
    kind = field.get("tablesaw") or BY_JSON_TYPE.get(field["type"], "ANY")
    if kind == "LOCAL_DATE_TIME" and field.get("tz"):
        kind = "INSTANT"
    if kind in ("FLOAT", "DOUBLE"):  # infinities are the strings "Infinity" and "-Infinity"
        values = [float(v) if isinstance(v, str) else v for v in values]
    if kind in NULLABLE:
        return pd.array(values, dtype=NULLABLE[kind])
    if kind == "LOCAL_TIME":
        return pd.array([None if v is None else datetime.time.fromisoformat(v) for v in values],
                        dtype=object)
    if kind in ("LOCAL_DATE", "LOCAL_DATE_TIME", "INSTANT"):
        utc = kind == "INSTANT"
        try:  # pandas' datetime64[ns] holds 1677-09-21 to 2262-04-11
            return pd.to_datetime(values, format="%Y-%m-%dT%H:%M:%S.%f" + ("%z" if utc else ""),
                                  utc=utc)
        except (pd.errors.OutOfBoundsDatetime, OverflowError):
            return pd.array([None if v is None else datetime.datetime.fromisoformat(
                v.replace("Z", "+00:00")) for v in values], dtype=object)
    return pd.array(values, dtype=object)


DTYPES = ("<f8", "<f4", "<i8", "<i4", "<i2", "|i1", "|b1")


def array_description(p, manifest):
    dtype, shape, order = p.get("dtype"), p.get("shape"), p.get("order")
    if (dtype not in DTYPES or order not in ("C", "F") or not isinstance(shape, list)
            or not 1 <= len(shape) <= 32
            or not all(isinstance(d, int) and d >= 0 for d in shape)
            or math.prod(shape) != manifest["rows"]):
        raise FrameError(f"bad array description {p} for {manifest['rows']} elements")
    return np.dtype(dtype), shape, order


def raw_array(manifest, chunks):
    """Little-endian elements in storage order; chunks are element ranges, in order."""
    dtype, shape, order = array_description(manifest["properties"], manifest)
    parts, position = [], 0
    for entry, data in zip(manifest["chunks"], chunks):
        if entry["firstRow"] != position or len(data) != entry["rows"] * dtype.itemsize:
            raise FrameError(f"chunk {entry['field']} does not hold elements from {position}")
        parts.append(data)
        position += entry["rows"]
    data = b"".join(parts)
    if position != manifest["rows"]:
        raise FrameError(f"chunks hold {position} elements, manifest says {manifest['rows']}")
    if dtype.kind == "b" and data and max(data) > 1:
        raise FrameError("a boolean element is neither 0 nor 1")
    return np.frombuffer(data, dtype=dtype).reshape(shape, order=order)


def json_array(manifest, chunks):
    """{"dtype", "shape", "order", "data": nested lists in index order}; NaN/Infinity as tokens."""
    doc = json.loads(b"".join(chunks))
    dtype, shape, order = array_description(doc, manifest)
    if (doc["dtype"], doc["shape"], doc["order"]) != tuple(
            manifest["properties"][k] for k in ("dtype", "shape", "order")):
        raise FrameError("the document's dtype, shape or order differs from the manifest's")
    array = np.array(doc["data"], dtype=dtype).reshape(shape)
    return np.asarray(array, order=order)


# ---- Output
def canonical(value, dtype):
    """A value as exact JSON: floats by their IEEE bits, date-times to the millisecond."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if dtype in ("Float32", "float32"):
        return "f:" + struct.pack(">f", value).hex()
    if dtype in ("Float64", "float64"):
        return "d:" + struct.pack(">d", value).hex()
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, (datetime.datetime, datetime.time)):
        zone = "Z" if getattr(value, "tzinfo", None) is not None else ""
        if zone:
            value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return value.isoformat(timespec="milliseconds") + zone
    return str(value)


def dump(manifest, value):
    if isinstance(value, pd.DataFrame):
        columns = [{"name": name, "dtype": str(series.dtype),
                    "values": [canonical(v, str(series.dtype)) for v in series]}
                   for name, series in value.items()]
        return {"kind": "table", "name": value.attrs.get("name"), "rows": len(value),
                "id": manifest["id"], "columns": columns}
    if isinstance(value, np.ndarray):
        order = "F" if value.flags.f_contiguous and not value.flags.c_contiguous else "C"
        return {"kind": "array", "dtype": value.dtype.str, "shape": list(value.shape),
                "order": order, "id": manifest["id"],
                "values": [canonical(v, str(value.dtype)) for v in value.ravel(order="C")]}
    return {"kind": manifest["codec"], "id": manifest["id"], "value": repr(value)}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name")
    parser.add_argument("--url", default=os.environ.get("REDFRAME_URL", "redis://localhost:6379"))
    parser.add_argument("--prefix", default="redframe")
    parser.add_argument("--version", type=int, help="a version number (default: the current)")
    parser.add_argument("--id", help="the version's id: refuse the version if it has another")
    parser.add_argument("--dump", action="store_true", help="print the values as exact JSON")
    args = parser.parse_args(argv)
    if args.id is not None and args.version is None:
        parser.error("--id needs --version")
    try:
        r = redis.Redis.from_url(args.url)
        manifest, value = read_frame(r, args.prefix, args.name, args.version, args.id)
    except (FrameError, redis.RedisError) as e:
        print(f"read_frame: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    if args.dump:
        json.dump(dump(manifest, value), sys.stdout, ensure_ascii=False)
        print()
    else:
        print(f"{args.name}@{manifest['version']}#{manifest['id']} ({manifest['codec']})")
        print(len(value) if isinstance(value, bytes) else value)
    return 0


if __name__ == "__main__":
    sys.exit(main())
