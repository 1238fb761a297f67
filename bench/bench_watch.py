"""rasid watch from a local server (127.0.0.1): articles per minute fetched, kept in WARC and coded,
and the process's memory after N articles. Invented Arabic articles, each with its own numbers.

    .venv/bin/python bench/bench_watch.py --articles 1000
"""
from __future__ import annotations

import argparse
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PLACES = ["خان شيخون", "معرة النعمان", "كفرنبل", "سراقب", "أريحا", "جسر الشغور", "اللطامنة", "كفرزيتا"]


def article(i: int) -> bytes:
    p = PLACES[i % len(PLACES)]
    body = (f"قصفت قوات النظام بقذائف المدفعية بلدة {p} في ريف إدلب، ما أدى إلى مقتل {i % 17 + 2} مدنيين "
            f"وإصابة {i % 23 + 3} آخرين، بحسب ما أفاد مراسل الموقع في التقرير رقم {i}.")
    return (f"<html><head><title>تقرير {i}</title><meta property=\"og:site_name\" content=\"مثال نيوز\"></head>"
            f"<body><article><p>{body}</p></article></body></html>").encode()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=1000)
    a = ap.parse_args()
    n = a.articles

    class H(BaseHTTPRequestHandler):
        def log_message(self, *x):
            pass

        def do_GET(self):
            host = f"http://{self.headers['Host']}"
            if self.path == "/feed.xml":
                items = "".join(f"<item><link>{host}/a/{i}</link></item>" for i in range(n))
                body, ctype = f"<rss version=\"2.0\"><channel><title>b</title>{items}</channel></rss>".encode(), "application/rss+xml"
            elif self.path.startswith("/a/"):
                body, ctype = article(int(self.path[3:])), "text/html; charset=utf-8"
            else:
                body, ctype = b"", "text/plain"
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    import psutil

    from rasid import get_pipeline
    from rasid.store import Store
    from rasid.watch.config import Source, WatchConfig
    from rasid.watch.loop import Watcher

    tmp = Path(tempfile.mkdtemp())
    src = Source("bench", f"http://127.0.0.1:{srv.server_address[1]}/feed.xml", max_items=n)
    cfg = WatchConfig(path=tmp / "w.toml", sources=[src], rules=[], rate_limit=0.0)
    pipe = get_pipeline()
    proc = psutil.Process()
    rss0 = proc.memory_info().rss
    t0 = time.perf_counter()
    totals = Watcher(cfg, Store(tmp / "rasid.db"), tmp, pipe).run(once=True)
    secs = time.perf_counter() - t0
    print(f"watch: {totals['new']} articles in {secs:.1f} s = {totals['new'] / secs * 60:.0f} articles/min "
          f"(fetch + WARC + clean + code + store + reconcile, one process)")
    print(f"memory: {rss0 / 2**20:.0f} MiB before, {proc.memory_info().rss / 2**20:.0f} MiB after {totals['new']} articles")
    srv.shutdown()


if __name__ == "__main__":
    main()
