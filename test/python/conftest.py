# SPDX-License-Identifier: GPL-2.0-only
"""Shared fixtures of planet's pytest suite. ctest runs it with PYTHONPATH=<build>/python and
PLANET_BUILD_DIR=<build>; by hand: PYTHONPATH=build/python PLANET_BUILD_DIR=build python3 -m
pytest test/python."""

import os
import socket

import pytest


@pytest.fixture(scope="session")
def build_dir():
    path = os.environ.get("PLANET_BUILD_DIR")
    if not path:
        pytest.fail("PLANET_BUILD_DIR is not set (the build directory, e.g. build)")
    return os.path.abspath(path)


@pytest.fixture(scope="session")
def runner_bin(build_dir):
    def path(name):
        binary = os.path.join(build_dir, "bin", name)
        assert os.access(binary, os.X_OK), f"{binary} is not built"
        return binary

    return path


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pytest_configure(config):
    # Debian's tornado (under dask.distributed) warns about its own event-loop use.
    config.addinivalue_line("filterwarnings", "ignore:make_current is deprecated:DeprecationWarning")
