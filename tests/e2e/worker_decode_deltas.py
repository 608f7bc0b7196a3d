#!/usr/bin/python3
"""Helper of worker_kill_test.sh: compares the metric deltas a Kafka run put on
metric-deltas.v1 with those of the offline `streamlens deltas` run.

  worker_decode_deltas.py GEN_DIR TOPIC_DUMP OFFLINE_NDJSON [--quiet]

TOPIC_DUMP is `kcat -C -t metric-deltas.v1 -e -f '%R%s'` output (each value
prefixed with its length, 4 bytes big endian). Both sides are reduced to one
record per delta id, its highest version (what the view keeps), with the
source position cleared (the offline run has no Kafka offsets). Exit 0 when
the two are equal record for record, 1 otherwise (differences on stderr).
"""
import json
import struct
import sys

sys.path.insert(0, sys.argv[1])
from google.protobuf import json_format  # noqa: E402
from streamlens.v1 import events_pb2  # noqa: E402


def latest(deltas):
    view = {}
    for d in deltas:
        d.ClearField("source_position")
        if d.id not in view or d.version > view[d.id].version:
            view[d.id] = d
    return view


def main():
    dump, offline_path = sys.argv[2], sys.argv[3]
    quiet = "--quiet" in sys.argv
    data = open(dump, "rb").read()
    kafka, pos = [], 0
    while pos + 4 <= len(data):
        (size,) = struct.unpack(">i", data[pos:pos + 4])
        pos += 4
        if size < 0:
            continue
        d = events_pb2.MetricDelta()
        d.ParseFromString(data[pos:pos + size])
        pos += size
        kafka.append(d)
    offline = []
    for line in open(offline_path):
        d = events_pb2.MetricDelta()
        json_format.Parse(line, d)
        offline.append(d)
    got, want = latest(kafka), latest(offline)
    missing = [i for i in want if i not in got]
    extra = [i for i in got if i not in want]
    differ = [i for i in want if i in got and got[i].SerializeToString(deterministic=True)
              != want[i].SerializeToString(deterministic=True)]
    ok = not missing and not extra and not differ and want
    if not quiet or not ok:
        print(f"kafka: {len(kafka)} records, {len(got)} deltas; offline: {len(offline)} records, "
              f"{len(want)} deltas; missing {len(missing)}, extra {len(extra)}, different {len(differ)}",
              file=sys.stderr)
    if not quiet:
        for i in differ[:5]:
            print("different:", i, "\n kafka:", json_format.MessageToJson(got[i], indent=None),
                  "\n offline:", json_format.MessageToJson(want[i], indent=None), file=sys.stderr)
        for i in missing[:5]:
            print("missing:", json_format.MessageToJson(want[i], indent=None), file=sys.stderr)
        for i in extra[:5]:
            print("extra:", json_format.MessageToJson(got[i], indent=None), file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
