"""`rasid serve` on a free local port for the web benchmarks, once it answers (shared by bench_web*.py)."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
from contextlib import contextmanager

import httpx


@contextmanager
def served(db: str, timeout: float = 60, quiet: bool = False):
    """Yield (client, process, url, seconds until the server answered); stop the server after."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "rasid.cli", "serve", "--db", db, "--port", str(port)],
                            stderr=subprocess.DEVNULL if quiet else None)
    try:
        with httpx.Client(base_url=url, timeout=timeout) as c:
            while True:
                try:
                    c.get("/api/health")
                    break
                except httpx.TransportError:
                    time.sleep(0.05)
            yield c, proc, url, time.perf_counter() - t0
    finally:
        proc.terminate()
        proc.wait(10)
