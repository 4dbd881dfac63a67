"""Top-level functions the worker-pool tests send to worker processes (they must be importable)."""

import os
import time


def echo(value):
    return value


def sleep_then(seconds, value):
    time.sleep(seconds)
    return value


def allocate(megabytes):
    block = bytearray(megabytes * 1024 * 1024)
    return len(block)


def fail():
    raise ValueError("bad input\nsecond line")


def die():
    os._exit(3)


def pid():
    return os.getpid()


def sleep_then_pid(seconds):
    time.sleep(seconds)
    return os.getpid()
