# The pandas side of SqlReport: the same frame (read from the CSV the report wrote) pickled into
# the same Redis once, then per round pickle.loads(r.get(key)) alone and followed by
# df.groupby(KEY)[VALUE].agg(["sum", "count"]). Prints one JSON object: every round's times in ms
# and the last round's answer, {key: [sum, count]}.
# Usage: python3 sql_baseline.py HOST PORT CSV KEY VALUE ROUNDS
import json, pickle, sys, time

import pandas as pd
import redis

host, port, csv, key_column, value, rounds = (
    sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6]))
r = redis.Redis(host=host, port=port)
frame = pd.read_csv(csv, float_precision="round_trip", dtype={"bucket": "int32", "city": "object"})
frame["time"] = pd.to_datetime(frame["time"], utc=True)
key = "redframe-bench:sql-pickle"
r.set(key, pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL))
stored = r.strlen(key)
del frame


def query():
    df = pickle.loads(r.get(key))
    loaded = time.perf_counter()
    return df, loaded, df.groupby(key_column)[value].agg(["sum", "count"])


query()  # warm-up, untimed
load_ms, query_ms = [], []
for _ in range(rounds):
    start = time.perf_counter()
    df, loaded, result = query()
    end = time.perf_counter()
    load_ms.append((loaded - start) * 1000)
    query_ms.append((end - start) * 1000)
    if len(df) == 0:
        raise SystemExit("empty frame")
    del df  # freed outside the timed part
r.delete(key)

print(json.dumps({
    "python": sys.version.split()[0], "pandas": pd.__version__, "redis_py": redis.__version__,
    "pickle_bytes": stored, "load_ms": load_ms, "query_ms": query_ms,
    "answer": {k: [float(s), int(c)] for k, s, c in zip(result.index, result["sum"], result["count"])},
}))
