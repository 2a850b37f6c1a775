"""Purges the personal data of contests past their retention period, and
links nobody followed. Meant to run daily (cron, systemd timer):

    python manage.py purge_participation [--dry-run] [--enqueue]
"""
from django.core.management.base import BaseCommand

from extensions.participation.purge import due_contests, purge_due
from extensions.participation.tasks import purge_personal_data


class Command(BaseCommand):
    help = "Purge participants' and voters' personal data at the end of each contest's retention period."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List the contests due, change nothing.")
        parser.add_argument("--enqueue", action="store_true", help="Hand the purge to the task worker.")

    def handle(self, *args, dry_run=False, enqueue=False, **options):
        if dry_run:
            for contest in due_contests():
                self.stdout.write(f"{contest.pk}\t{contest.title}")
            return
        if enqueue:
            result = purge_personal_data.enqueue()
            self.stdout.write(f"Purge enqueued (task {result.id}).")
            return
        for key, value in purge_due().items():
            self.stdout.write(f"{key}: {value}")
