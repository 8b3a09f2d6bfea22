"""File locks: the publish lock, and locks that say a file is still being written.

All are ``flock`` locks, which the kernel drops when their holder dies (kill -9 included): a lock that can
be taken means that whoever wrote the file is gone. Locks are advisory; only newsevents takes them.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# How often a waiting publish looks again at the publish lock.
POLL_SECONDS = 0.1


class LockTimeout(TimeoutError):
    """Another process kept a lock longer than we wait."""


def create_locked(path: Path) -> int:
    """Create `path` (which must not exist) and hold an exclusive lock on it; returns the open descriptor.

    The lock lasts until the descriptor is closed or the process ends."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # a new file: nobody else can hold it yet
    except BaseException:
        os.close(fd)
        raise
    return fd


def is_held(path: Path) -> bool:
    """Whether a live process holds a lock on `path` (False when the file is gone)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


@contextmanager
def exclusive(path: Path, timeout: float, what: str) -> Iterator[None]:
    """Hold an exclusive lock on the file `path` (created when missing) for the block; wait for it at
    most `timeout` seconds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o644)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeout(
                        f"{what}: another process has held {path} for over {timeout:.0f} s"
                    ) from None
                time.sleep(POLL_SECONDS)
        yield
    finally:
        os.close(fd)  # closing drops the lock
