"""Parvis served as in production, for the HTTP benchmark and the soak:
production settings, a fresh database (PostgreSQL when DATABASE_URL names
one, else an SQLite file) holding the demo and 1,000 contest entries,
gunicorn with 2 workers on 127.0.0.1 behind an imaginary HTTPS proxy
(requests carry X-Forwarded-Proto: https)."""
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_database(workdir, name="parvis_http_bench"):
    """The DATABASE_URL of an empty database."""
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{workdir / 'bench.sqlite3'}"
    parts = urllib.parse.urlsplit(base)
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return parts._replace(path=f"/{name}").geturl()


class DemoInstance:
    def __init__(self, workdir, workers=2, database="parvis_http_bench"):
        self.workdir = Path(workdir)
        self.workers = workers
        self.port = free_port()
        self.process = None
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost,.localhost",
            "DATABASE_URL": fresh_database(self.workdir, database),
            "MEDIA_ROOT": str(self.workdir / "media"),
            "PRIVATE_MEDIA_ROOT": str(self.workdir / "private"),
            "STATIC_ROOT": str(self.workdir / "static"),
            "EMAIL_URL": "console://",
            "LOG_LEVEL": "WARNING",
            "WAGTAILADMIN_BASE_URL": "https://localhost",
        }
        self.env.pop("SEARCH_URL", None)

    @property
    def database(self):
        return self.env["DATABASE_URL"].split(":", 1)[0].replace("sqlite", "SQLite").replace("postgres", "PostgreSQL")

    def manage(self, *args):
        result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env,
                                capture_output=True, text=True, check=False)
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def prepare(self):
        """Migrates, collects static files, loads the demo; returns the
        addresses to request (tests/benchmarks/bench_data.py)."""
        self.manage("migrate", "--noinput")
        self.manage("collectstatic", "--noinput")
        self.manage("load_demo", "--force")
        output = self.manage("shell", "-c", "from tests.benchmarks.bench_data import prepare; prepare()")
        line = next(line for line in output.splitlines() if line.startswith("BENCH-URLS "))
        return json.loads(line.removeprefix("BENCH-URLS "))

    def start(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--pythonpath", "site,.", "--workers", str(self.workers),
             "--bind", f"127.0.0.1:{self.port}", "--log-level", "warning", "config.wsgi:application"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=open(self.workdir / "gunicorn.log", "w"),
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start: see gunicorn.log")

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=30)

    def worker_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        return [int(pid) for pid in children]

    def workers_rss_mib(self):
        """Resident memory of each gunicorn worker, in MiB (Linux /proc)."""
        sizes = []
        for pid in self.worker_pids():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sizes
