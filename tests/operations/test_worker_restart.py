"""Background tasks queued in the database survive the death of their
worker: a task a dead worker had claimed goes back to the queue when that
worker restarts (requeue_interrupted_tasks, its systemd ExecStartPre), runs
again from its start, and no task is ever run by two workers, nor again
once finished."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.operations.tasks import write_marker

ROOT = Path(__file__).resolve().parents[2]
# The worker closes the connection between tasks, as in production: the
# tests commit instead of running in one transaction; the serialized
# rollback restores the database for the next tests (roles included).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
DB_BACKEND = "django_tasks_db.DatabaseBackend"


@pytest.fixture
def queued(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": DB_BACKEND}}
    marker = tmp_path / "marker"
    marker.write_text("start\n")  # as if a first run had begun: no waiting in-process
    return marker, write_marker.enqueue(str(marker))


def run_worker(worker_id):
    call_command("db_worker", batch=True, worker_id=worker_id, interval=0, startup_delay=False, verbosity=0)


def claim_and_die(worker_id):
    """What a worker does before running a task; it is then killed."""
    with transaction.atomic():
        DBTaskResult.objects.ready().get_locked().claim(worker_id)


def status(result):
    return DBTaskResult.objects.get(pk=result.id).status


def test_a_queued_task_runs_once(queued):
    marker, result = queued
    run_worker("web-1")
    run_worker("web-1")
    assert status(result) == TaskResultStatus.SUCCESSFUL
    assert marker.read_text() == "start\nstart\nend\n"


def test_a_task_claimed_by_a_dead_worker_is_not_taken_by_another(queued):
    marker, result = queued
    claim_and_die("web-1")
    run_worker("web-2")
    assert status(result) == TaskResultStatus.RUNNING
    assert marker.read_text() == "start\n"


def test_the_restarted_worker_takes_its_interrupted_task_back(queued):
    marker, result = queued
    claim_and_die("web-1")
    call_command("requeue_interrupted_tasks", worker_id="web-2", stdout=open(os.devnull, "w"))
    assert status(result) == TaskResultStatus.RUNNING  # not web-2's: left alone
    call_command("requeue_interrupted_tasks", worker_id="web-1", stdout=open(os.devnull, "w"))
    assert status(result) == TaskResultStatus.READY
    run_worker("web-1")
    assert status(result) == TaskResultStatus.SUCCESSFUL
    assert DBTaskResult.objects.get(pk=result.id).worker_ids == ["web-1", "web-1"]


def test_a_finished_task_is_never_requeued(queued):
    marker, result = queued
    run_worker("web-1")
    call_command("requeue_interrupted_tasks", worker_id="web-1", stdout=open(os.devnull, "w"))
    run_worker("web-1")
    assert marker.read_text().count("end") == 1


def wait_for(predicate, seconds=60):
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("the worker did not start the task")
        time.sleep(0.2)


@pytest.mark.postgresql("a worker process needs a shared database")
def test_a_worker_process_killed_mid_task(settings, tmp_path):
    """A real `manage.py db_worker` process, killed with SIGKILL while it
    runs a task: the task is RUNNING, then runs again after the restart."""
    settings.TASKS = {"default": {"BACKEND": DB_BACKEND}}
    marker = tmp_path / "marker"
    result = write_marker.enqueue(str(marker))
    db = connection.settings_dict
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "TASKS_BACKEND": DB_BACKEND,
           "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"}
    worker = subprocess.Popen([sys.executable, "manage.py", "db_worker", "--worker-id", "web-1", "--interval", "0.1",
                               "--no-startup-delay"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: marker.exists())
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    assert status(result) == TaskResultStatus.RUNNING
    call_command("requeue_interrupted_tasks", worker_id="web-1", stdout=open(os.devnull, "w"))
    run_worker("web-1")
    assert status(result) == TaskResultStatus.SUCCESSFUL
    assert marker.read_text() == "start\nstart\nend\n"
