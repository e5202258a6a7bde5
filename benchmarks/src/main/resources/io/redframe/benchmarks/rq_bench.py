"""rq on the same Redis as JobsReport: enqueue (one by one, bulk), processing with SimpleWorker and
the default (forking) Worker in burst mode, and pickup latency of an idle worker. Prints one JSON
line. Usage: rq_bench.py HOST PORT ENQUEUE BULK SIMPLE FORK PICKUPS"""
import json
import multiprocessing
import sys
import time

import redis
import rq
from rq import Queue, SimpleWorker, Worker

import rq_jobs

HOST, PORT = sys.argv[1], int(sys.argv[2])
ENQUEUE, BULK, SIMPLE, FORK, PICKUPS = (int(a) for a in sys.argv[3:8])


def connect():
    return redis.Redis(host=HOST, port=PORT)


def enqueue_one_by_one(r, n):
    q = Queue("rq-enqueue", connection=r)
    for _ in range(min(1000, n)):  # warm-up
        q.enqueue(rq_jobs.noop)
    r.flushall()
    start = time.perf_counter()
    for _ in range(n):
        q.enqueue(rq_jobs.noop)
    rate = n / (time.perf_counter() - start)
    r.flushall()
    return rate


def enqueue_bulk(q, n, batch=1000):
    for done in range(0, n, batch):
        with q.connection.pipeline() as pipe:
            q.enqueue_many(
                [Queue.prepare_data(rq_jobs.noop) for _ in range(min(batch, n - done))],
                pipeline=pipe)
            pipe.execute()


def bulk_rate(r, n):
    q = Queue("rq-bulk", connection=r)
    enqueue_bulk(q, min(5000, n))  # warm-up
    r.flushall()
    start = time.perf_counter()
    enqueue_bulk(q, n)
    rate = n / (time.perf_counter() - start)
    r.flushall()
    return rate


def processing(r, worker_class, n):
    q = Queue("rq-run", connection=r)
    enqueue_bulk(q, min(200, n))  # warm-up
    worker_class([q], connection=r).work(burst=True, logging_level="WARNING")
    r.flushall()
    enqueue_bulk(q, n)
    worker = worker_class([q], connection=r)
    start = time.perf_counter()
    worker.work(burst=True, logging_level="WARNING")
    elapsed = time.perf_counter() - start
    finished = q.finished_job_registry.count
    r.flushall()
    return {"jobs": n, "finished": finished, "per_s": finished / elapsed}


def serve(worker_name):
    r = connect()
    worker_class = SimpleWorker if worker_name == "simple" else Worker
    worker_class([Queue("rq-pickup", connection=r)], connection=r).work(logging_level="WARNING")


def percentile(values, p):
    ordered = sorted(values)
    index = max(0, int(-(-p * len(ordered) // 100)) - 1)
    return ordered[index]


def pickup(r, worker_name, n):
    child = multiprocessing.Process(target=serve, args=(worker_name,), daemon=True)
    child.start()
    q = Queue("rq-pickup", connection=r)
    latencies = []
    try:
        for i in range(n + 20):
            time.sleep(0.01)  # the worker is idle, waiting on the queue
            t0 = time.time()
            job = q.enqueue(rq_jobs.stamp)
            deadline = time.time() + 60
            while job.get_status(refresh=True) != "finished":
                if time.time() > deadline:
                    raise RuntimeError("rq job %s did not finish" % job.id)
                time.sleep(0.0005)
            if i >= 20:  # the first ones warm the worker up
                latencies.append((job.return_value(refresh=True) - t0) * 1000)
    finally:
        child.terminate()
        child.join(10)
        r.flushall()
    return {"n": len(latencies), "p50_ms": percentile(latencies, 50),
            "p99_ms": percentile(latencies, 99)}


def main():
    r = connect()
    r.flushall()
    out = {
        "rq": rq.__version__,
        "redis_py": redis.__version__,
        "python": sys.version.split()[0],
        "enqueue_one_per_s": enqueue_one_by_one(r, ENQUEUE),
        "enqueue_bulk_per_s": bulk_rate(r, BULK),
        "simple_worker": processing(r, SimpleWorker, SIMPLE),
        "fork_worker": processing(r, Worker, FORK),
        "pickup_simple": pickup(r, "simple", PICKUPS),
        "pickup_fork": pickup(r, "fork", max(5, PICKUPS // 4)),
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
