"""Re-extracts the text of documents, with a progress bar:
all of them, those never extracted or failed, or chosen ids."""
from django.core.management.base import BaseCommand, CommandError
from wagtail.documents import get_document_model

from library.models import ExtractionStatus
from library.tasks import run_extraction


class Command(BaseCommand):
    help = "Extrait (de nouveau) le texte des documents de la bibliothèque."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="identifiants des documents (tous si omis)")
        parser.add_argument("--missing", action="store_true",
                            help="seulement les documents jamais extraits ou en échec")
        parser.add_argument("--ocr", action="store_true",
                            help="reconnaissance de caractères (tesseract) pour les PDF numérisés")

    def handle(self, *args, ids, missing, ocr, **options):
        documents = get_document_model().objects.order_by("pk")
        if ids:
            documents = documents.filter(pk__in=ids)
            unknown = set(ids) - set(documents.values_list("pk", flat=True))
            if unknown:
                raise CommandError(f"Documents introuvables : {', '.join(map(str, sorted(unknown)))}.")
        if missing:
            documents = documents.exclude(extraction_status=ExtractionStatus.DONE)
        total = documents.count()
        failures = 0
        for done, document in enumerate(documents.iterator(), start=1):
            failures += run_extraction(document, ocr=ocr) == ExtractionStatus.FAILED
            self.progress(done, total)
        self.stdout.write(f"{total} document(s) traité(s), {failures} échec(s).")

    def progress(self, done, total, width=30):
        filled = width * done // total
        self.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending="")
        if done == total:
            self.stdout.write("")
