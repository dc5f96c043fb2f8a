"""Connecting to a Dask cluster: a scheduler's address, or "local:N" for N worker processes on this machine."""

import contextlib
import importlib.util
import re
from typing import Iterator

import dask.config
from distributed import Client, LocalCluster

_LOCAL = re.compile(r"^local:(\d+)$")

# The workers of a local:N cluster sample their task's stack every 100 ms rather than Dask's 10 ms: a tenth
# of the profiler's work for the same dashboard (bench/dask measures both; the medians differ by less than
# the noise). docs/cluster.md says how to set it on a cluster of your own.
WORKER_CONFIG = {"distributed.worker.profile.interval": "100ms"}


def has_dashboard() -> bool:
    """Dask's dashboard needs bokeh; without it a cluster runs without one."""
    return importlib.util.find_spec("bokeh") is not None


def check_scheduler(scheduler: str) -> str:
    """The argument itself when it is "local:N" (N from 1 to 512) or a scheduler address; ValueError otherwise."""
    match = _LOCAL.match(scheduler)
    if match:
        if not 1 <= int(match.group(1)) <= 512:
            raise ValueError(f"--scheduler {scheduler}: N in local:N must be 1 to 512")
        return scheduler
    if scheduler.startswith("local"):
        raise ValueError(f"--scheduler {scheduler}: expected local:N (N worker processes), e.g. local:2")
    if not scheduler or any(c.isspace() for c in scheduler):
        raise ValueError(f"--scheduler '{scheduler}': expected a scheduler address (tcp://HOST:8786) or local:N")
    return scheduler


@contextlib.contextmanager
def connect(scheduler: str, timeout: float = 30) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler`` (tcp://HOST:PORT, HOST:PORT), or of a new LocalCluster of N
    single-threaded worker processes for "local:N", closed (with the local cluster) on the way out."""
    match = _LOCAL.match(check_scheduler(scheduler))
    if match is None:
        with Client(scheduler, timeout=timeout) as client:
            yield client
        return
    with dask.config.set(WORKER_CONFIG), LocalCluster(
            n_workers=int(match.group(1)), threads_per_worker=1, processes=True,
            dashboard_address=":0") as cluster:  # any free port; a page only with bokeh
        with Client(cluster) as client:
            yield client
