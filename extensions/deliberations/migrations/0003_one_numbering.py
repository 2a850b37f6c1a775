"""One numbering for the deliberations (issue 15): the register's number
« 2026-059 » (Deliberation.reference) is the one the library, the search
and the API show. The file of a published act takes its act's number, and
the deliberations filed by hand in the library as « DEL-2026-058 » (or
« CC-DEL-… ») take the same form, so a year's numbers read as one series."""
import re

from django.db import migrations

HAND_FILED = re.compile(r"^(?:[A-Z]+-)?DEL-(\d{4})-(\d+)$")


def one_numbering(apps, schema_editor):
    ActPage = apps.get_model("deliberations", "ActPage")
    ArchiveDocument = apps.get_model("library", "ArchiveDocument")
    for act in ActPage.objects.select_related("deliberation", "document"):
        deliberation = act.deliberation
        if deliberation.number_in_year:
            reference = f"{deliberation.year}-{deliberation.number_in_year:03d}"
            ArchiveDocument.objects.filter(pk=act.document_id).update(reference=reference)
    for document in ArchiveDocument.objects.filter(kind="deliberation", reference__contains="DEL-"):
        match = HAND_FILED.match(document.reference)
        if match:
            ArchiveDocument.objects.filter(pk=document.pk).update(
                reference=f"{match[1]}-{int(match[2]):03d}")


class Migration(migrations.Migration):
    dependencies = [
        ("deliberations", "0002_proces_verbal_complete_document"),
        ("library", "0003_librarypage_collection"),
    ]

    operations = [migrations.RunPython(one_numbering, migrations.RunPython.noop)]
