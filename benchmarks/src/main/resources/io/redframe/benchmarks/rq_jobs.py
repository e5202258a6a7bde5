"""Job functions for rq_bench.py: what redframe's redframe.noop and the benchmark's stamp do."""
import time


def noop():
    return None


def stamp():
    """When the job started running (Unix seconds, microsecond resolution)."""
    return time.time()
