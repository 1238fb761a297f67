"""rasid watch from a local server (127.0.0.1): articles per minute one watcher fetches, keeps in WARC and
codes; the process's memory (RSS) sampled every ``--every`` articles; the time from an article appearing
in a feed to its alert. Invented Arabic articles, each with its own numbers.

    .venv/bin/python bench/bench_watch.py --articles 1000               # rate and memory (make bench)
    .venv/bin/python bench/bench_watch.py --articles 10000 --every 1000 # memory must stay flat
    .venv/bin/python bench/bench_watch.py --latency 3 --interval 60     # feed -> alert, real 60 s polls

Throughput: the server publishes ``--batch`` new articles each time the feed is read and lists the newest
``--batch`` (as a news feed does); the watcher runs its ordinary loop (not --once) with a tiny interval,
so each poll finds a batch of new articles: fetch + WARC + clean + code + store + reconcile + alert rules.

Latency: one feed polled every ``--interval`` seconds by the watcher's own loop; after a poll, an article
that meets an alert rule is published at an offset spread over the interval (k/(n+1) of it), and the time
to its line in alerts.jsonl is measured; printed with the watcher's own share (poll start -> alert).
"""
from __future__ import annotations

import argparse
import json
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


def pub_date(i: int) -> str:
    """Fifty articles a day from 1 January 2020 (so a day's events stay a handful, as in a real feed)."""
    import datetime as dt
    from email.utils import format_datetime

    day = dt.datetime(2020, 1, 1, 8, tzinfo=dt.timezone.utc) + dt.timedelta(days=i // 50)
    return format_datetime(day, usegmt=True)


class Server:
    """Serves /feed.xml (the newest ``batch`` of the articles published so far) and /a/N."""

    def __init__(self, batch: int, advance: bool):
        self.published, self.batch, self.advance = 0, batch, advance
        self.lock = threading.Lock()
        outer = self

        class H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *x):
                pass

            def do_GET(self):
                host = f"http://{self.headers['Host']}"
                if self.path == "/feed.xml":
                    with outer.lock:
                        if outer.advance:
                            outer.published += outer.batch
                        top = outer.published
                    items = "".join(f"<item><link>{host}/a/{i}</link><pubDate>{pub_date(i)}</pubDate></item>"
                                    for i in range(top - 1, max(0, top - outer.batch) - 1, -1))
                    body, ctype = f"<rss version=\"2.0\"><channel><title>b</title>{items}</channel></rss>".encode(), "application/rss+xml"
                elif self.path.startswith("/a/"):
                    body, ctype = article(int(self.path[3:])), "text/html; charset=utf-8"
                else:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.srv.daemon_threads = True
        threading.Thread(target=self.srv.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.srv.server_address[1]}/feed.xml"


def throughput(n: int, every: int, batch: int, trace: bool = False) -> None:
    import gc

    import psutil

    from rasid import get_pipeline
    from rasid.store import Store
    from rasid.watch.config import Rule, Source, WatchConfig
    from rasid.watch.loop import Watcher

    server = Server(batch, advance=True)
    tmp = Path(tempfile.mkdtemp())
    src = Source("bench", server.url, interval=0.01, max_items=batch)
    cfg = WatchConfig(path=tmp / "w.toml", sources=[src], rules=[Rule("tolls", min_fatalities=5)], rate_limit=0.0)
    proc = psutil.Process()
    pipe = get_pipeline()
    pipe.text("قصفت قوات النظام بلدة سراقب")  # (warm: lexicons and gazetteer loaded before the first sample)
    gc.collect()
    rss0 = proc.memory_info().rss
    w = Watcher(cfg, Store(tmp / "rasid.db"), tmp, pipe)
    series: list[tuple[int, float, float]] = []  # (articles, seconds, RSS MiB)
    t0 = time.perf_counter()
    mark = [every]

    snaps = []

    def status(res, totals):
        if totals["new"] >= mark[0]:
            series.append((totals["new"], time.perf_counter() - t0, proc.memory_info().rss / 2**20))
            while mark[0] <= totals["new"]:
                mark[0] += every
            if trace:  # what the Python heap holds more of, from the first sample to the last
                import tracemalloc

                if not tracemalloc.is_tracing():
                    tracemalloc.start(12)
                gc.collect()
                snaps.append(tracemalloc.take_snapshot())
        if totals["new"] >= n:
            w.stop_event.set()

    totals = w.run(on_status=status)
    secs = time.perf_counter() - t0
    print(f"watch: {totals['new']} articles in {secs:.1f} s = {totals['new'] / secs * 60:.0f} articles/min "
          f"({totals['polls']} polls of {batch}; fetch + WARC + clean + code + store + reconcile + alert rules, "
          f"one process); {totals['alerts']} alerts, {totals['faults']} faults")
    print(f"memory: {rss0 / 2**20:.0f} MiB before (pipeline loaded and warm)")
    prev_n, prev_t = 0, 0.0
    for k, t, mib in series:
        rate = (k - prev_n) / (t - prev_t) * 60 if t > prev_t else 0
        print(f"  after {k:6d} articles: RSS {mib:6.0f} MiB   ({rate:,.0f} articles/min over the last {k - prev_n})")
        prev_n, prev_t = k, t
    if len(series) >= 3:
        first, last = series[1][2], series[-1][2]  # (from the second sample: the first includes warm-up)
        print(f"memory growth from {series[1][0]} to {series[-1][0]} articles: {last - first:+.0f} MiB "
              f"({(last - first) / max(1, series[-1][0] - series[1][0]) * 1000:+.1f} MiB per 1,000 articles)")
    if len(snaps) >= 2:
        print("python heap growth (tracemalloc), the largest:")
        for d in snaps[-1].compare_to(snaps[0], "traceback")[:8]:
            print(f"  {d.size_diff / 1024:+8.0f} KiB {d.count_diff:+7d} blocks  " + " <- ".join(
                f"{Path(fr.filename).name}:{fr.lineno}" for fr in list(d.traceback)[-1:-6:-1]))
    server.srv.shutdown()


def latency(samples: int, interval: float) -> None:
    from rasid import get_pipeline
    from rasid.store import Store
    from rasid.watch.config import Rule, Source, WatchConfig
    from rasid.watch.loop import Watcher

    server = Server(batch=50, advance=False)
    tmp = Path(tempfile.mkdtemp())
    src = Source("bench", server.url, interval=interval, max_items=50)
    cfg = WatchConfig(path=tmp / "w.toml", sources=[src], rules=[Rule("tolls", min_fatalities=1)], rate_limit=0.0)
    pipe = get_pipeline()
    w = Watcher(cfg, Store(tmp / "rasid.db"), tmp, pipe)
    polls: list[float] = []  # when each poll ended (monotonic)
    starts: list[float] = []
    orig_poll = w.poll

    def timed_poll(s):
        starts.append(time.monotonic())
        return orig_poll(s)

    w.poll = timed_poll
    w.fetcher.rate_limit = 0.0
    results: list[tuple[float, float, float]] = []  # (offset after a poll, feed -> alert, poll start -> alert)
    alerts = tmp / "alerts.jsonl"

    def driver():
        while len(polls) < 1:
            time.sleep(0.05)
        for k in range(samples):
            base = polls[-1]
            offset = interval * (k + 1) / (samples + 1)
            time.sleep(max(0.0, base + offset - time.monotonic()))
            before = alerts.stat().st_size if alerts.exists() else 0
            with server.lock:
                server.published += 1  # article N appears in the feed now
            t_pub = time.monotonic()
            while not (alerts.exists() and alerts.stat().st_size > before) and not w.stop_event.is_set():
                time.sleep(0.02)
            t_alert = time.monotonic()
            start = max(s for s in starts if s <= t_alert)
            results.append((offset, t_alert - t_pub, t_alert - start))
            print(f"  article {k + 1}: published {offset:4.1f} s after a poll; alert after {t_alert - t_pub:5.1f} s "
                  f"(the watcher's own work: {t_alert - start:4.2f} s)", flush=True)
            while polls[-1] < t_alert:  # (the next sample counts from the poll that found this one)
                time.sleep(0.05)
        w.stop_event.set()

    threading.Thread(target=driver, daemon=True).start()
    w.run(on_status=lambda res, totals: polls.append(time.monotonic()))
    if results:
        mean = sum(r[1] for r in results) / len(results)
        own = sum(r[2] for r in results) / len(results)
        print(f"latency: feed -> alert with a {interval:.0f} s poll interval, {len(results)} articles: mean {mean:.1f} s, "
              f"max {max(r[1] for r in results):.1f} s; the watcher's own share {own:.2f} s on average "
              f"(expected: interval/2 + own = {interval / 2 + own:.1f} s on average, at most {interval + own:.1f} s)")
        lines = [json.loads(x) for x in alerts.read_text(encoding="utf-8").splitlines()]
        print(f"  {len(lines)} alert lines in alerts.jsonl")
    server.srv.shutdown()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--every", type=int, default=0, help="sample RSS every N articles (default: articles/5)")
    ap.add_argument("--batch", type=int, default=100, help="new articles a feed poll finds")
    ap.add_argument("--trace", action="store_true", help="tracemalloc: the Python heap's growth between samples")
    ap.add_argument("--latency", type=int, default=0, help="measure feed -> alert for N articles instead")
    ap.add_argument("--interval", type=float, default=60.0, help="poll interval for --latency (seconds)")
    a = ap.parse_args()
    if a.latency:
        latency(a.latency, a.interval)
    else:
        throughput(a.articles, a.every or max(1, a.articles // 5), a.batch, a.trace)


if __name__ == "__main__":
    main()
