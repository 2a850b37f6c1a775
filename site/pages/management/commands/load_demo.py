"""`manage.py load_demo`: fills the database with the demo of Parvis — a
commune and its intercommunality, their pages, a library of real acts, and
demo accounts whose password is settings.DEMO_PASSWORD.

The command itself holds no content. Every installed app that has a `demo`
module contributes with a `load(command)` function, called in INSTALLED_APPS
order (library before pages, extensions after them), each inside its own
transaction. That is the extension point: a new app adds `<app>/demo.py`
and needs nothing here. A `load` function must be idempotent (create what is
missing, never duplicate, leave existing objects alone) and may report its
progress with `command.report(label, created, total)`.

Afterwards the search index and Wagtail's reference index are rebuilt."""
import importlib.util
import io
import logging
from contextlib import contextmanager

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from pages.roles import ensure_roles


# Loggers that report every page published and every task run: hundreds of
# lines that would hide the command's own progress.
CHATTY_LOGGERS = ["wagtail", "django_tasks", "modelsearch"]


@contextmanager
def quiet(logger_names):
    loggers = [logging.getLogger(name) for name in logger_names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


def demo_modules():
    """(app config, demo module) of every installed app that has one."""
    for app_config in apps.get_app_configs():
        name = f"{app_config.name}.demo"
        if importlib.util.find_spec(name) is not None:
            yield app_config, importlib.import_module(name)


class Command(BaseCommand):
    help = "Charge le contenu de démonstration (sites, documents, comptes de démonstration)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="charger la démonstration même si DEBUG est désactivé (comptes au mot de passe connu)",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG est désactivé : load_demo crée des comptes dont le mot de passe est public "
                f"(« {settings.DEMO_PASSWORD} »). Si cette base est bien une base de démonstration, "
                "relancez la commande avec --force."
            )
        with quiet(CHATTY_LOGGERS if options["verbosity"] < 2 else []):
            self.load_all()
        self.stdout.write(self.style.SUCCESS(
            f"Démonstration chargée. Mot de passe des comptes de démonstration : « {settings.DEMO_PASSWORD} »."
        ))

    def load_all(self):
        ensure_roles()
        for app_config, module in demo_modules():
            self.stdout.write(f"Démonstration : {app_config.verbose_name} ({app_config.label})…")
            with transaction.atomic():
                module.load(self)
        self.stdout.write("Mise à jour de l'index de recherche et de l'index des références…")
        call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())
        call_command("rebuild_references_index", stdout=io.StringIO())

    def report(self, label, created, total):
        """One line of progress: how many objects there are, how many are new."""
        added = f"{created} ajout" + ("s" if created > 1 else "")
        self.stdout.write(f"  {label} : {total} ({added})")
