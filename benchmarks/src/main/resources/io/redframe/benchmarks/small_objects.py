# The Python path redframe's small-object cache replaces: pickle + redis-py SET / GET of one
# dict-like record, on the same Redis. Prints one JSON object: per size, rounds of timed operations.
# Usage: python3 small_objects.py HOST PORT ROUNDS SIZE:OPS [SIZE:OPS ...]
# The record is the one SmallObjectsReport saves: sensor, time, values (SIZE doubles), tags.
import json, pickle, sys, time

import redis

host, port, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
r = redis.Redis(host=host, port=port)


def record(values):
    return {
        "sensor": "station-17",
        "time": 1767225600000,
        "values": [i * 0.25 for i in range(values)],
        "tags": {"site": "north", "unit": "celsius"},
    }


def timed(action, ops):
    lat = []
    for _ in range(ops):
        start = time.perf_counter_ns()
        action()
        lat.append(time.perf_counter_ns() - start)
    return lat


out = {"redis_py": redis.__version__, "python": sys.version.split()[0], "sizes": {}}
for spec in sys.argv[4:]:
    values, ops = (int(x) for x in spec.split(":"))
    obj = record(values)
    key = "redframe-bench:small:%d" % values
    save = lambda: r.set(key, pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))
    load = lambda: pickle.loads(r.get(key))
    timed(save, min(ops, 1000))  # warm-up
    timed(load, min(ops, 1000))
    result = {"stored": len(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)), "save": [], "load": []}
    for _ in range(rounds):
        result["save"].append(timed(save, ops))
        result["load"].append(timed(load, ops))
    out["sizes"][str(values)] = result
    r.delete(key)
print(json.dumps(out))
