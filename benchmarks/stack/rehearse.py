"""Stack rehearsal (not a test): the multi-machine set-up on one machine, under load, with a
kill in the middle.

    .venv/bin/python benchmarks/stack/rehearse.py [--seconds 90] [--clients 16]

What runs (every process started and stopped by this script, in var/stack/<stamp>/):

- nginx on 127.0.0.1:8800, the one address clients use, in front of two application
  servers (gunicorn, config.settings.demo) on 8801 and 8802. A request to a server that
  dies is retried on the other (``proxy_next_upstream``, POSTs included: a registration is
  idempotent per member and event, so a retried POST answers "already registered").
- PostgreSQL (database ``ogc_stack``), Redis as cache, session store and broker.
- Two Celery workers and Celery beat; email goes through the outbox to files
  (``EMAIL_URL=filemail://``), so every email sent can be counted by its ``X-Outbox-Id``.

The load: ``--clients`` threads, each signed in as its own member (sessions written
directly, so the sign-in rate limit is not what is measured), browse the home page, the
events, an event, the stories and their own space, and register for one of three events
whose places are fewer than the members who want them. A third of the way in, one
application server and one worker are killed with SIGKILL; two thirds in, they are
started again.

Then the script waits for the outbox to empty (the sweep hands over what the killed worker
held) and checks: no 5xx answered to any client, no event over capacity, exactly one email
sent per outbox row (no duplicates, none missing). It exits non-zero when a check fails
and prints a Markdown row for benchmarks/README.md.
"""

import argparse
import collections
import contextlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".venv" / "bin"
DB = "ogc_stack"
FRONT, APPS = 8800, (8801, 8802)
EVENTS, CAPACITY = 3, 25
#: A fixed CSRF secret (32 characters) sent as cookie and as form field.
CSRF = "stackrehearsal" + "0" * 18

NGINX = """
worker_processes 1;
pid {run}/nginx.pid;
error_log {run}/nginx-error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log {run}/nginx-access.log;
    client_body_temp_path {run}/nginx-body;
    proxy_temp_path {run}/nginx-proxy;
    fastcgi_temp_path {run}/nginx-fastcgi;
    uwsgi_temp_path {run}/nginx-uwsgi;
    scgi_temp_path {run}/nginx-scgi;
    upstream app {{
        server 127.0.0.1:{a} max_fails=1 fail_timeout=5s;
        server 127.0.0.1:{b} max_fails=1 fail_timeout=5s;
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{front};
        location / {{
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-Proto http;
            proxy_next_upstream error timeout http_502 http_503 non_idempotent;
            proxy_next_upstream_tries 2;
            proxy_connect_timeout 2s;
            proxy_read_timeout 30s;
        }}
    }}
}}
"""


def environment(run: Path) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.demo",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DB}",
        REDIS_URL="redis://127.0.0.1:6379/6",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/5",
        EMAIL_URL=f"filemail:///{run / 'mail'}",  # environ drops one slash
        SITE_URL=f"http://127.0.0.1:{FRONT}",
        OUTBOX_SWEEP_AFTER_SECONDS="15",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env, *args):
    subprocess.run([str(VENV / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True)


def start(name, command, env, run: Path) -> subprocess.Popen:
    log = open(run / f"{name}.log", "ab")  # noqa: SIM115 — closed with the process
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )


def app_server(port, env, run):
    return start(
        f"app-{port}",
        [
            str(VENV / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--timeout",
            "30",
        ],
        env,
        run,
    )


def worker(name, env, run):
    return start(
        name,
        [
            str(VENV / "celery"),
            "-A",
            "config.celery_app",
            "worker",
            "-n",
            f"{name}@%h",
            "--concurrency",
            "2",
            "--loglevel",
            "WARNING",
        ],
        env,
        run,
    )


def kill(process: subprocess.Popen):
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def stop(process: subprocess.Popen):
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        kill(process)


def wait_for(url, seconds=240):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=60).read()  # noqa: S310 — loopback
            return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.5)
    sys.exit(f"{url} did not answer within {seconds} s")


def prepare(env, members: int) -> dict:
    """Members with sessions, and the three events they compete for (in-process, once)."""
    code = f"""
import json, django
django.setup()
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from allauth.account.models import EmailAddress
from community.models import User
from events.factories import EventPageFactory
from events.models import EventIndexPage, Registration

stamp = "{int(time.time())}"
users = User.objects.bulk_create(
    [User(email=f"stack-{{stamp}}-{{n}}@example.org", name=f"Stack member {{n}}")
     for n in range({members})]
)
EmailAddress.objects.bulk_create(
    [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
)
index = EventIndexPage.objects.filter(locale__language_code="en").first()
events = [
    EventPageFactory(parent=index, title=f"Stack rehearsal {{stamp}} {{n}}",
                     slug=f"stack-{{stamp}}-{{n}}", capacity={CAPACITY}, audience="members")
    for n in range({EVENTS})
]
store = import_module(settings.SESSION_ENGINE).SessionStore
cookies = []
for user in User.objects.filter(pk__in=[u.pk for u in users]):
    session = store()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    cookies.append(session.session_key)
from home.models import OutboxEmail
last = OutboxEmail.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
print(json.dumps({{"cookies": cookies, "outbox_after": last,
                  "events": [{{"id": e.pk, "url": e.url}} for e in events]}}))
"""
    out = subprocess.run(
        [str(VENV / "python"), "-c", code], cwd=ROOT, env=env, check=True, capture_output=True
    )
    return json.loads(out.stdout.decode().strip().splitlines()[-1])


class Load:
    def __init__(self, base, cookies, events, seconds):
        self.base, self.cookies, self.events = base, cookies, events
        self.deadline = time.monotonic() + seconds
        self.statuses = collections.Counter()
        self.errors = collections.Counter()
        self.fives = []
        self.latencies = []
        self.registered = 0
        self.lock = threading.Lock()
        self.queue = list(range(len(cookies)))
        random.Random(7).shuffle(self.queue)

    def fetch(self, cookie, path, data=None):
        request = urllib.request.Request(
            self.base + path,
            data=data,
            headers={"Cookie": f"sessionid={cookie}; csrftoken={CSRF}"},
        )
        if data is not None:
            request.add_header("Content-Type", "application/x-www-form-urlencoded")
            request.add_header("Referer", self.base + path)
            request.add_header("X-CSRFToken", CSRF)
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                body, status = response.read(), response.status
        except urllib.error.HTTPError as error:
            body, status = error.read(), error.code
        except (urllib.error.URLError, ConnectionError, OSError) as error:
            with self.lock:
                self.errors[type(error).__name__] += 1
            return None, b""
        with self.lock:
            self.statuses[status] += 1
            self.latencies.append(time.monotonic() - started)
            if status >= 500:
                self.fives.append((path, status))
        return status, body

    def client(self, number):
        rng = random.Random(number)
        pages = ["/en/", "/en/events/", "/en/stories/", "/en/me/", self.events[0]["url"]]
        while time.monotonic() < self.deadline:
            with self.lock:
                member = self.queue.pop() if self.queue else None
            if member is None:
                member = rng.randrange(len(self.cookies))
                for path in rng.sample(pages, 3):
                    self.fetch(self.cookies[member], path)
                continue
            cookie = self.cookies[member]
            for path in rng.sample(pages, 2):
                self.fetch(cookie, path)
            event = self.events[member % len(self.events)]
            status, _ = self.fetch(
                cookie,
                event["url"] + "register/",
                data=f"csrfmiddlewaretoken={CSRF}&show_in_attendee_list=on".encode(),
            )
            if status is not None and status < 400:
                with self.lock:
                    self.registered += 1


def check_database(env, events, outbox_after) -> dict:
    ids = [event["id"] for event in events]
    code = f"""
import json, django
django.setup()
from django.db.models import Count, Q
from events.models import EventPage, Registration, RegistrationStatus
from home.models import OutboxEmail
rows = []
for event in EventPage.objects.filter(pk__in={ids}):
    confirmed = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count()
    waiting = Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED).count()
    rows.append({{"event": event.pk, "capacity": event.capacity, "confirmed": confirmed,
                  "waiting": waiting}})
run = OutboxEmail.objects.filter(pk__gt={outbox_after})
outbox = dict(run.values_list("status").annotate(n=Count("pk")))
sent = list(run.filter(status="sent").values_list("pk", flat=True))
print(json.dumps({{"events": rows, "outbox": outbox, "sent": sent}}))
"""
    out = subprocess.run(
        [str(VENV / "python"), "-c", code], cwd=ROOT, env=env, check=True, capture_output=True
    )
    return json.loads(out.stdout.decode().strip().splitlines()[-1])


def count_mail(folder: Path) -> collections.Counter:
    sent = collections.Counter()
    for path in folder.glob("*.log"):
        # The file backend appends every message it sends, headers included.
        for match in re.finditer(rb"^X-Outbox-Id: (\d+)", path.read_bytes(), re.MULTILINE):
            sent[int(match.group(1))] += 1
    return sent


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * share))] if values else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=90)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--members", type=int, default=240)
    parser.add_argument("--no-kill", action="store_true")
    parser.add_argument(
        "--reuse", action="store_true", help="keep the database of the last run (no re-seed)"
    )
    args = parser.parse_args()
    if not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists():
        sys.exit("nginx is missing: apt-get install -y nginx")
    run = ROOT / "var" / "stack" / time.strftime("%Y%m%d-%H%M%S")
    (run / "mail").mkdir(parents=True)
    env = environment(run)
    subprocess.run(["redis-cli", "-n", "5", "flushdb"], check=True, capture_output=True)
    subprocess.run(["redis-cli", "-n", "6", "flushdb"], check=True, capture_output=True)
    if not args.reuse:
        subprocess.run(
            ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DB], check=True
        )
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DB], check=True)
    print("== migrate, static files, demo", flush=True)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "seed_demo")
    data = prepare(env, args.members)
    (run / "nginx.conf").write_text(NGINX.format(run=run, front=FRONT, a=APPS[0], b=APPS[1]))
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    processes = {
        "app-a": app_server(APPS[0], env, run),
        "app-b": app_server(APPS[1], env, run),
        "worker-a": worker("worker-a", env, run),
        "worker-b": worker("worker-b", env, run),
        "beat": start(
            "beat",
            [
                str(VENV / "celery"),
                "-A",
                "config.celery_app",
                "beat",
                "--loglevel",
                "WARNING",
                "-s",
                str(run / "beat-schedule"),
            ],
            env,
            run,
        ),
        "nginx": start(
            "nginx", [nginx, "-c", str(run / "nginx.conf"), "-g", "daemon off;"], env, run
        ),
    }
    try:
        for port in (*APPS, FRONT):
            wait_for(f"http://127.0.0.1:{port}/en/")
        print(
            f"== load: {args.clients} clients, {args.seconds} s, {args.members} members", flush=True
        )
        load = Load(f"http://127.0.0.1:{FRONT}", data["cookies"], data["events"], args.seconds)
        threads = [threading.Thread(target=load.client, args=(n,)) for n in range(args.clients)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        killed_at = restarted_at = None
        if not args.no_kill:
            time.sleep(args.seconds / 3)
            print("== kill -9: application server 8801 and worker-a", flush=True)
            kill(processes["app-a"])
            kill(processes["worker-a"])
            killed_at = time.monotonic() - started
            time.sleep(args.seconds / 3)
            print("== restart them", flush=True)
            processes["app-a"] = app_server(APPS[0], env, run)
            processes["worker-a"] = worker("worker-a", env, run)
            restarted_at = time.monotonic() - started
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        print("== waiting for the outbox to empty", flush=True)
        deadline = time.monotonic() + 180
        while True:
            state = check_database(env, data["events"], data["outbox_after"])
            if not state["outbox"].get("pending") or time.monotonic() > deadline:
                break
            manage(env, "outbox_sweep")
            time.sleep(5)
    finally:
        for process in processes.values():
            stop(process)
    sent = count_mail(run / "mail")
    duplicates = sum(1 for n in sent.values() if n > 1)
    missing = len(set(state["sent"]) - set(sent))
    oversold = sum(max(0, e["confirmed"] - e["capacity"]) for e in state["events"])
    requests = sum(load.statuses.values())
    summary = {
        "seconds": round(elapsed, 1),
        "clients": args.clients,
        "requests": requests,
        "requests_per_second": round(requests / elapsed, 1),
        "p50_ms": round(percentile(load.latencies, 0.5) * 1000),
        "p95_ms": round(percentile(load.latencies, 0.95) * 1000),
        "statuses": dict(sorted(load.statuses.items())),
        "connection_errors": dict(load.errors),
        "5xx": len(load.fives),
        "killed_at_s": killed_at and round(killed_at, 1),
        "restarted_at_s": restarted_at and round(restarted_at, 1),
        "events": state["events"],
        "oversold": oversold,
        "outbox": state["outbox"],
        "emails_sent": sum(sent.values()),
        "duplicate_emails": duplicates,
        "sent_but_not_in_mail": missing,
        "run": str(run.relative_to(ROOT)),
    }
    (run / "summary.json").write_text(json.dumps(summary, indent=2))
    print(json.dumps(summary, indent=2))
    confirmed = sum(e["confirmed"] for e in state["events"])
    waiting = sum(e["waiting"] for e in state["events"])
    print(
        f"| {time.strftime('%Y-%m-%d')} | {args.clients} | {summary['seconds']} s | {requests} | "
        f"{summary['requests_per_second']} | {summary['p95_ms']} ms | {summary['5xx']} | "
        f"{confirmed} + {waiting} | {oversold} | {summary['emails_sent']} | {duplicates} | "
        f"{state['outbox'].get('pending', 0)} |"
    )
    failed = (
        summary["5xx"]
        or oversold
        or duplicates
        or missing
        or state["outbox"].get("pending")
        or state["outbox"].get("failed")
        or load.errors
    )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
