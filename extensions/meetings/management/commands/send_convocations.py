"""`manage.py send_convocations`: run every minute (cron or systemd timer)
to retry the convocation e-mails whose backoff is over and to send the
automatic reminders. Each message is claimed before it leaves: two runs at
once never send one twice."""
from django.core.management.base import BaseCommand

from extensions.meetings.tasks import run_due


class Command(BaseCommand):
    help = "Retries due convocation e-mails and sends due reminders."

    def handle(self, *args, **options):
        sent, reminded = run_due()
        self.stdout.write(f"{sent} convocation(s) envoyée(s), {reminded} relance(s).")
