"""Tasks that a database worker had claimed when it died (SIGKILL, power
cut, out of memory) stay RUNNING in django-tasks-db, which never picks
them up again. A worker that starts under a fixed id (one per server) may
put back in the queue the tasks last claimed under that id: that worker is
not running, so none of them is still being run.

What this guarantees: a task is never lost (it runs again after the
worker restarts) and never run by two workers at once (claims are made
under SELECT ... FOR UPDATE SKIP LOCKED). A task interrupted half-way runs
again from its start, so tasks must be idempotent (extraction and indexing
are; a convocation send skips the recipients already sent)."""
from django.db import transaction
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult


def requeue_interrupted(worker_id):
    """Puts back in the queue the RUNNING tasks last claimed by worker_id;
    returns how many."""
    with transaction.atomic():
        running = DBTaskResult.objects.running().select_for_update()
        interrupted = [task.pk for task in running if task.worker_ids and task.worker_ids[-1] == worker_id]
        return DBTaskResult.objects.filter(pk__in=interrupted).update(
            status=TaskResultStatus.READY, started_at=None,
        )
