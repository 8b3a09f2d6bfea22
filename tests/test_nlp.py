"""pipelines/nlp.py: what a process that parses keeps of the memory it frees."""

from __future__ import annotations

import platform
import subprocess
import sys

import pytest

# In a fresh interpreter: whether the setting took, then the resident memory (MB) before, with and after
# a touched 200 MB block. By default glibc serves a block that large from mmap and returns it on free.
PROBE = """
import sys
from pipelines.nlp import keep_freed_memory

def rss():
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:")) // 1024

took = keep_freed_memory() if sys.argv[1] == "kept" else False
before = rss()
block = b"x" * (200 << 20)
during = rss()
del block
print(took, before, during, rss())
"""

glibc_only = pytest.mark.skipif(
    sys.platform != "linux" or platform.libc_ver()[0] != "glibc", reason="mallopt is glibc's"
)


def probe(malloc: str) -> tuple[bool, int, int, int]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, malloc], capture_output=True, text=True, timeout=120, check=True
    )
    took, before, during, after = done.stdout.split()
    return took == "True", int(before), int(during), int(after)


@glibc_only
def test_nlp_parsing_process_keeps_freed_memory() -> None:
    took, before, during, after = probe("kept")
    assert took
    assert during - before >= 190
    assert after - before >= 190  # kept for the next batch, not faulted in again


@glibc_only
def test_nlp_default_malloc_gives_freed_memory_back() -> None:
    took, before, during, after = probe("default")
    assert not took
    assert during - before >= 190
    assert after - before < 50
