"""Daily digest of the private spaces, for the members who chose it: run
once a day (cron, systemd timer). Running it twice sends nothing twice."""
from django.core.management.base import BaseCommand

from extensions.commissions.notifications import send_digests


class Command(BaseCommand):
    help = "E-mails the daily digest of the private spaces to the members who chose it."

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"{sent} digest(s) sent.")
