#!/usr/bin/env python3
"""Runs a command and writes "WALL USER SYS" (seconds) to the file named by the first argument.

WALL is until the command exits. USER and SYS are the CPU time of the command and of every process it started,
however deep: this process is a child subreaper (Linux prctl PR_SET_CHILD_SUBREAPER), so a process whose parent exits
without waiting for it (an MSBuild node still shutting down when `dotnet build` returns, a compiler it ran) is
re-parented here and waited for, and its time counted. GNU time counts only what the command itself waited for.
Descendants still running GRACE seconds after the command exits (a compiler server, say) are left alone and not counted.
Exit status: the command's.

Usage: cputime.py OUTPUT_FILE COMMAND [ARGS...]      SPICETIME_CPU_GRACE=120
"""
import ctypes
import os
import resource
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36


def main() -> int:
    output, command = sys.argv[1], sys.argv[2:]
    if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER)")
    grace = float(os.environ.get("SPICETIME_CPU_GRACE", "120"))
    start = time.monotonic()
    child = subprocess.Popen(command)
    status = child.wait()
    wall = time.monotonic() - start
    # Reap every re-parented descendant, up to the grace period.
    deadline = time.monotonic() + grace
    left = 0
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            if time.monotonic() > deadline:
                left = 1
                break
            time.sleep(0.05)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(output, "w") as f:
        f.write(f"{wall:.3f} {usage.ru_utime:.3f} {usage.ru_stime:.3f}{' descendants-left' if left else ''}\n")
    return status


if __name__ == "__main__":
    sys.exit(main())
