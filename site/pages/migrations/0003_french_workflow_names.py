"""Wagtail's migration 0048 names its default workflow and task after the
group « Moderators » in English (« Moderators approval »); the editors saw
« Soumettre à Moderators approval ». They get French names; a workflow an
administrator already renamed is left alone."""
from django.db import migrations

ENGLISH = "Moderators approval"
WORKFLOW = "Validation avant publication"
TASK = "Validation par les modérateurs"


def french_names(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=ENGLISH).update(name=WORKFLOW)
    apps.get_model("wagtailcore", "Task").objects.filter(name=ENGLISH).update(name=TASK)


def english_names(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW).update(name=ENGLISH)
    apps.get_model("wagtailcore", "Task").objects.filter(name=TASK).update(name=ENGLISH)


class Migration(migrations.Migration):

    dependencies = [
        ("pages", "0002_siteidentity_siret"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(french_names, english_names)]
