"""`manage.py requeue_interrupted_tasks --worker-id ID`: run before starting
the database worker of that id (systemd ExecStartPre), see tasks_recovery."""
from django.core.management.base import BaseCommand

from extensions.operations.tasks_recovery import requeue_interrupted


class Command(BaseCommand):
    help = "Puts back in the queue the tasks a dead database worker had claimed."

    def add_arguments(self, parser):
        parser.add_argument("--worker-id", required=True,
                            help="The id the worker runs under (db_worker --worker-id), one per server.")

    def handle(self, *args, worker_id, **options):
        count = requeue_interrupted(worker_id)
        self.stdout.write(f"{count} interrupted task(s) of worker {worker_id} put back in the queue.")
