"""Who used the CPU during a benchmark run: process trees (the backend's workers, PostgreSQL's
backends, Redis) and the whole machine, from /proc (Linux). On a shared machine the rest of
the machine's busy time is other people's work, which decides much of a tail latency."""

from __future__ import annotations

import os
from collections import defaultdict

_TICK = os.sysconf("SC_CLK_TCK")


def _processes() -> dict[int, tuple[int, float]]:
    """pid -> (parent pid, CPU seconds so far) of every process still running."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        found[int(entry)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / _TICK)
    return found


def tree_cpu(roots: list[int]) -> float:
    """CPU seconds used so far by the processes under roots (roots included; the CPU of
    children that already ended is not seen)."""
    processes = _processes()
    children: dict[int, list[int]] = defaultdict(list)
    for pid, (parent, _) in processes.items():
        children[parent].append(pid)
    total, todo, seen = 0.0, list(roots), set()
    while todo:
        pid = todo.pop()
        if pid in seen or pid not in processes:
            continue
        seen.add(pid)
        total += processes[pid][1]
        todo += children[pid]
    return total


def machine_busy() -> float:
    """CPU seconds all cores have spent busy since boot (/proc/stat: all but idle, iowait)."""
    with open("/proc/stat") as stat:
        values = [int(v) for v in stat.readline().split()[1:]]
    return (sum(values[:8]) - values[3] - values[4]) / _TICK


def postmaster_pid(data_dir) -> int | None:
    try:
        with open(os.path.join(data_dir, "postmaster.pid")) as pidfile:
            return int(pidfile.readline())
    except (OSError, ValueError):
        return None
