# The Python path redframe replaces, timed on the same frame and the same Redis:
# pickle + redis-py, and pandas' JSON (orient="table") + redis-py. Prints one JSON object.
# Usage: python3 python_baseline.py HOST PORT PASSWORD ROWS REPEAT WARM_UP_SECONDS
import json, pickle, sys, time

import numpy as np
import pandas as pd
import redis

host, port, password, rows, repeat = sys.argv[1], int(sys.argv[2]), sys.argv[3] or None, int(sys.argv[4]), int(sys.argv[5])
warm_up = float(sys.argv[6])
r = redis.Redis(host=host, port=port, password=password)
rng = np.random.default_rng(1)
frame = pd.DataFrame({
    "id": np.arange(rows, dtype="int64"),
    "x": rng.standard_normal(rows),
    "y": rng.random(rows) * 1000,
    "bucket": rng.integers(0, 1000, rows, dtype="int32"),
    "flag": rng.random(rows) < 0.5,
    "city": pd.Series(["city-%d" % i for i in rng.integers(0, 5000, rows)], dtype="object"),
    "time": pd.to_datetime("2026-01-01", utc=True) + pd.to_timedelta(np.arange(rows), unit="s"),
})

def best(action):
    # the same warm-up as the JVM side: at least 3 runs and WARM_UP_SECONDS
    warm_up_end = time.perf_counter() + warm_up
    runs = 0
    while runs < 3 or time.perf_counter() < warm_up_end:
        action()
        runs += 1
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)

key = "redframe-bench:pickle"
pickle_save = best(lambda: r.set(key, pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL)))
pickle_load = best(lambda: pickle.loads(r.get(key)))
pickle_bytes = r.strlen(key)
r.delete(key)

key = "redframe-bench:json"
json_save = best(lambda: r.set(key, frame.to_json(orient="table", date_format="iso")))
json_load = best(lambda: pd.read_json(r.get(key).decode(), orient="table"))
json_bytes = r.strlen(key)
r.delete(key)

print(json.dumps({
    "python": sys.version.split()[0], "pandas": pd.__version__, "redis_py": redis.__version__,
    "pickle_save_ms": pickle_save, "pickle_load_ms": pickle_load, "pickle_bytes": pickle_bytes,
    "json_save_ms": json_save, "json_load_ms": json_load, "json_bytes": json_bytes,
}))
