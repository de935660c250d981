"""Events benchmark (not a test): registrations per second on PostgreSQL for one event,
and requests per second of an event page and the event index over loopback HTTP.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ogc_events \
        .venv/bin/python benchmarks/events/bench_events.py [--clients 8 32] [--registrations 400]

It migrates and seeds that database (idempotent), creates a throw-away event and users
for the registration runs (deleted afterwards), and starts gunicorn on 127.0.0.1 for
the page runs (stopped afterwards). Every run is bounded by a count and a time limit.
Email goes through the outbox in eager mode to Django's in-memory backend, so each
registration pays for writing, rendering and "sending" its email.
"""

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.pop("CELERY_BROKER_URL", None)


def setup_django():
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database (e.g. .../ogc_events).")
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", quiet=True)


def registrations_per_second(clients: int, count: int, time_limit: float) -> dict:
    from django.db import connections

    from community.models import User
    from events import services
    from events.factories import EventPageFactory
    from events.models import EventIndexPage, Registration

    index = EventIndexPage.objects.filter(locale__language_code="en").first()
    event = EventPageFactory(parent=index, title=f"Benchmark {clients}", capacity=count // 2)
    stamp = int(time.time() * 1000)
    User.objects.bulk_create(
        [User(email=f"bench-{stamp}-{n}@example.org", name=f"Bench {n}") for n in range(count)]
    )
    users = list(User.objects.filter(email__startswith=f"bench-{stamp}-"))
    deadline = time.monotonic() + time_limit
    latencies, errors = [], []
    lock = threading.Lock()

    def register(user):
        if time.monotonic() > deadline:
            return
        started = time.perf_counter()
        try:
            services.registration_create(event=event, user=user)
        except Exception as exc:  # a benchmark reports errors, it does not stop on them
            errors.append(repr(exc))
        finally:
            with lock:
                latencies.append(time.perf_counter() - started)

    def worker(chunk):
        try:
            for user in chunk:
                register(user)
        finally:
            connections.close_all()

    chunks = [users[i::clients] for i in range(clients)]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(worker, chunks))
    elapsed = time.perf_counter() - started
    confirmed = Registration.objects.filter(event=event, status="confirmed").count()
    waiting = Registration.objects.filter(event=event, status="waitlisted").count()
    assert confirmed <= event.capacity, "capacity exceeded!"
    from home.models import OutboxEmail

    OutboxEmail.objects.filter(to__startswith=f"bench-{stamp}-").delete()
    Registration.objects.filter(event=event).delete()
    event.delete()
    User.objects.filter(email__startswith=f"bench-{stamp}-").delete()
    done = len(latencies)
    return {
        "clients": clients,
        "registrations": done,
        "seconds": round(elapsed, 2),
        "per_second": round(done / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p95_ms": round(statistics.quantiles(latencies, n=20)[18] * 1000, 1),
        "confirmed": confirmed,
        "waiting": waiting,
        "errors": len(errors),
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def requests_per_second(base: str, path: str, clients: int, count: int, time_limit: float) -> dict:
    deadline = time.monotonic() + time_limit
    latencies, errors = [], 0
    lock = threading.Lock()

    def fetch(_):
        nonlocal errors
        if time.monotonic() > deadline:
            return
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(base + path, timeout=30) as response:
                response.read()
                ok = response.status == 200
        except Exception:
            ok = False
        with lock:
            latencies.append(time.perf_counter() - started)
            errors += 0 if ok else 1

    for _ in range(5):  # warm up
        fetch(None)
    latencies.clear()
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(fetch, range(count)))
    elapsed = time.perf_counter() - started
    return {
        "path": path,
        "clients": clients,
        "requests": len(latencies),
        "per_second": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p95_ms": round(statistics.quantiles(latencies, n=20)[18] * 1000, 1),
        "errors": errors,
    }


def serve(workers: int):
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"]}
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/en/", timeout=2).read()
            return process, base
        except Exception:
            time.sleep(0.2)
    process.send_signal(signal.SIGTERM)
    sys.exit("gunicorn did not start")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[8, 32])
    parser.add_argument("--registrations", type=int, default=400)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds per run")
    args = parser.parse_args()
    setup_django()
    print("Registrations on PostgreSQL, one event (capacity = half the registrations)")
    for clients in args.clients:
        print(" ", registrations_per_second(clients, args.registrations, args.time_limit))
    from django.db import connections

    connections.close_all()
    process, base = serve(args.workers)
    try:
        print(f"Pages over loopback HTTP (gunicorn, {args.workers} sync workers)")
        for path in ("/en/events/global-summit-2027/", "/en/events/"):
            for clients in args.clients:
                print(" ", requests_per_second(base, path, clients, args.requests, args.time_limit))
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=20)


if __name__ == "__main__":
    main()
