"""Events benchmark (not a test): registrations per second on PostgreSQL for one event,
in-process and over loopback HTTP, and requests per second of an event page and the
event index over loopback HTTP, each beside a hello-world baseline measured in the run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ogc_events \
        .venv/bin/python benchmarks/events/bench_events.py [--clients 8 32] [--registrations 400]

It migrates and seeds that database (idempotent), creates a throw-away event and users
for each registration run (deleted afterwards), and starts gunicorn on 127.0.0.1 for
the HTTP runs (stopped afterwards). Every run is bounded by a count and a time limit.
Each client thread keeps its own database connection for the whole run.

In-process registrations run in two email modes:

- ``queued`` (production's shape): the registration commits its email's intent to the
  outbox and hands the row id to the queue; a worker renders and sends it. Here the
  hand-over only records the id (``--broker redis://...`` publishes to Celery for real
  instead), and the run is followed by a drain that renders and "sends" every email
  (in-memory backend), timed separately.
- ``eager`` (the test settings' shape, no broker): each client thread also renders and
  sends its email right after its commit, inside the measured time.
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


def _percentiles(latencies: list[float]) -> dict:
    if len(latencies) < 2:
        return {"p50_ms": None, "p95_ms": None}
    return {
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p95_ms": round(statistics.quantiles(latencies, n=20)[18] * 1000, 1),
    }


def _run_clients(clients: int, items: list, call, time_limit: float) -> tuple[float, list, list]:
    """``call(item)`` for every item, split across ``clients`` threads, each with its own
    database connection for the whole run. Returns (seconds, latencies, errors)."""
    from django.db import connections

    deadline = time.monotonic() + time_limit
    latencies, errors = [], []
    lock = threading.Lock()
    barrier = threading.Barrier(clients + 1)

    def worker(chunk):
        try:
            from django.db import connection

            connection.ensure_connection()  # connect before the clock starts
            barrier.wait(timeout=60)
            for item in chunk:
                if time.monotonic() > deadline:
                    return
                started = time.perf_counter()
                try:
                    call(item)
                except Exception as exc:  # a benchmark reports errors, it does not stop
                    errors.append(repr(exc))
                finally:
                    with lock:
                        latencies.append(time.perf_counter() - started)
        finally:
            connections.close_all()

    chunks = [items[i::clients] for i in range(clients)]
    with ThreadPoolExecutor(max_workers=clients) as pool:
        futures = [pool.submit(worker, chunk) for chunk in chunks]
        barrier.wait(timeout=60)  # the clock starts when every client is connected
        started = time.perf_counter()
        for future in futures:
            future.result()
    return time.perf_counter() - started, latencies, errors


def hello_in_process(clients: int, count: int, time_limit: float) -> dict:
    """Baseline: the same harness calling a do-nothing transaction (one ``SELECT 1``)."""
    from django.db import connection, transaction

    def hello(_):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT 1")

    elapsed, latencies, errors = _run_clients(clients, list(range(count)), hello, time_limit)
    return {
        "run": "hello-world (atomic SELECT 1)",
        "clients": clients,
        "calls": len(latencies),
        "per_second": round(len(latencies) / elapsed, 1),
        **_percentiles(latencies),
        "errors": len(errors),
    }


def _bench_event(label: str, capacity: int):
    from events.factories import EventPageFactory
    from events.models import EventIndexPage

    index = EventIndexPage.objects.filter(locale__language_code="en").first()
    slug = f"benchmark-{int(time.time() * 1000)}"
    return EventPageFactory(parent=index, title=f"Benchmark {label}", slug=slug, capacity=capacity)


def _bench_users(count: int) -> tuple[str, list]:
    from community.models import User

    stamp = f"bench-{int(time.time() * 1000)}-"
    User.objects.bulk_create(
        [User(email=f"{stamp}{n}@example.org", name=f"Bench {n}") for n in range(count)]
    )
    return stamp, list(User.objects.filter(email__startswith=stamp).order_by("pk"))


def _outcome(event) -> dict:
    from events.models import Registration

    rows = Registration.objects.filter(event=event)
    confirmed = rows.filter(status="confirmed").count()
    waiting = list(rows.filter(status="waitlisted").order_by("queue_number"))
    numbers = list(rows.values_list("queue_number", flat=True))
    return {
        "capacity": event.capacity,
        "confirmed": confirmed,
        "waiting": len(waiting),
        "oversell": max(0, confirmed - event.capacity),
        "queue_numbers_unique": len(set(numbers)) == len(numbers),
        "waiting_list_1_to_n": [w.waitlist_position() for w in waiting[:3]]
        == [1, 2, 3][: len(waiting)],
    }


def _clean_up(event, stamp: str) -> None:
    from community.models import User
    from events.models import Registration
    from home.models import Notification, OutboxEmail

    OutboxEmail.objects.filter(to__startswith=stamp).delete()
    Notification.objects.filter(recipient__email__startswith=stamp).delete()
    Registration.objects.filter(event=event).delete()
    event.delete()
    User.objects.filter(email__startswith=stamp).delete()


def registrations_per_second(
    clients: int, count: int, time_limit: float, *, mode: str = "queued", broker: str = ""
) -> dict:
    from events import services
    from home import outbox
    from home.models import OutboxEmail

    event = _bench_event(f"{mode} {clients}", count // 2)
    stamp, users = _bench_users(count)
    handed = []
    original = outbox.hand_over
    if mode == "queued" and not broker:
        outbox.hand_over = lambda email_id: handed.append(email_id) or True
    try:
        elapsed, latencies, errors = _run_clients(
            clients,
            users,
            lambda user: services.registration_create(event=event, user=user),
            time_limit,
        )
    finally:
        outbox.hand_over = original
    result = {
        "run": f"registrations, in-process, email {mode}",
        "clients": clients,
        "registrations": len(latencies),
        "seconds": round(elapsed, 2),
        "per_second": round(len(latencies) / elapsed, 1),
        **_percentiles(latencies),
        **_outcome(event),
        "errors": len(errors),
    }
    if mode == "queued":
        if broker:
            from config.celery_app import app

            app.control.purge()
        pending = list(
            OutboxEmail.objects.filter(to__startswith=stamp, status="pending").values_list(
                "pk", flat=True
            )
        )
        drained, drain_latencies, drain_errors = _run_clients(
            min(clients, 4), pending, outbox.deliver, time_limit
        )
        sent = OutboxEmail.objects.filter(to__startswith=stamp, status="sent").count()
        result["drain"] = {
            "emails": len(pending),
            "sent": sent,
            "per_second_4_workers": round(len(drain_latencies) / drained, 1),
            "errors": len(drain_errors),
        }
    assert result["oversell"] == 0, "capacity exceeded!"
    _clean_up(event, stamp)
    return result


def http_registrations(base: str, clients: int, count: int, time_limit: float) -> dict:
    """Registrations over HTTP: signed-in members POST the event's registration form
    (one session per member, made beforehand; the redirect is not followed)."""
    import http.client
    import secrets
    import string
    from urllib.parse import urlsplit

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    event = _bench_event(f"http {clients}", count // 2)
    event.save_revision().publish()
    event.refresh_from_db()
    stamp, users = _bench_users(count)
    cookies = []
    for user in users:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        token = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
        cookies.append((session.session_key, token))
    path = event.url.rstrip("/") + "/register/"
    host = urlsplit(base)
    codes = []

    def post(cookie):
        session_key, token = cookie
        conn = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
        try:
            conn.request(
                "POST",
                path,
                body=f"csrfmiddlewaretoken={token}",
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": f"{settings.SESSION_COOKIE_NAME}={session_key}; "
                    f"{settings.CSRF_COOKIE_NAME}={token}",
                },
            )
            response = conn.getresponse()
            response.read()
            codes.append(response.status)
            if response.status != 302:
                raise RuntimeError(f"HTTP {response.status}")
        finally:
            conn.close()

    elapsed, latencies, errors = _run_clients(clients, cookies, post, time_limit)
    result = {
        "run": "registrations over HTTP (POST register form, eager email)",
        "clients": clients,
        "registrations": len(latencies),
        "per_second": round(len(latencies) / elapsed, 1),
        **_percentiles(latencies),
        **_outcome(event),
        "errors": len(errors),
    }
    from django.contrib.sessions.models import Session

    Session.objects.filter(session_key__in=[key for key, _token in cookies]).delete()
    _clean_up(event, stamp)
    return result


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
    parser.add_argument("--broker", default="", help="Celery broker for the queued mode")
    parser.add_argument("--skip-pages", action="store_true")
    args = parser.parse_args()
    setup_django()
    if args.broker:
        from config.celery_app import app

        app.conf.task_always_eager = False
        app.conf.broker_url = args.broker
    print("In-process on PostgreSQL, one event (capacity = half the registrations)")
    for clients in args.clients:
        print(" ", hello_in_process(clients, args.registrations, args.time_limit))
        for mode in ("queued", "eager"):
            print(
                " ",
                registrations_per_second(
                    clients, args.registrations, args.time_limit, mode=mode, broker=args.broker
                ),
            )
    from django.db import connections

    connections.close_all()
    process, base = serve(args.workers)
    try:
        print(f"Over loopback HTTP (gunicorn, {args.workers} sync workers)")
        for clients in args.clients:
            print(
                " ", requests_per_second(base, "/healthz/", clients, args.requests, args.time_limit)
            )
            print(" ", http_registrations(base, clients, args.registrations, args.time_limit))
        if not args.skip_pages:
            for path in ("/en/events/global-summit-2027/", "/en/events/"):
                for clients in args.clients:
                    print(
                        " ",
                        requests_per_second(base, path, clients, args.requests, args.time_limit),
                    )
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=20)


if __name__ == "__main__":
    main()
