"""factory_boy factories of meetings: instances, mandates, meeting pages
(under one MeetingIndexPage) with their ordre du jour. extensions.deliberations'
tests build on them too."""
import datetime

import factory
from django.utils import timezone
from wagtail.models import Page

from extensions.meetings.models import AgendaItem, Instance, Mandate
from extensions.meetings.pages import MeetingIndexPage, MeetingPage
from extensions.meetings.documents import preparation_collection
from tests.factories import ArchiveDocumentFactory, PageFactory, UserFactory


class InstanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instance
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Conseil municipal {n}")
    kind = Instance.Kind.COMMUNE
    population = 1200
    signatory = "Le maire, Jeanne Durand"
    answer_deadline_hours = 2
    reminder_delay_hours = 48


class MandateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mandate

    instance = factory.SubFactory(InstanceFactory)
    member = factory.SubFactory(UserFactory)
    role = "conseiller municipal"
    start = datetime.date(2020, 5, 25)


class MeetingIndexPageFactory(PageFactory):
    class Meta:
        model = MeetingIndexPage

    title = "Séances"
    slug = "seances"
    intro = None

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        kwargs.pop("intro", None)
        page = model_class(*args, **kwargs)
        (parent or Page.get_first_root_node()).add_child(instance=page)
        page.save_revision().publish()
        return page


class MeetingPageFactory(PageFactory):
    """A meeting in `days` days at 18:30 (Paris), with `items` agenda items
    each carrying a note de synthèse."""

    class Meta:
        model = MeetingPage

    class Params:
        days = 20

    title = factory.Sequence(lambda n: f"Séance du conseil n° {n}")
    slug = factory.Sequence(lambda n: f"seance-{n}")
    intro = ""
    instance = factory.SubFactory(InstanceFactory)
    start = factory.LazyAttribute(
        lambda m: timezone.localtime().replace(hour=18, minute=30, second=0, microsecond=0)
        + datetime.timedelta(days=m.days)
    )
    place = "Salle du conseil, mairie"
    address = "1 place de la Mairie"
    is_public = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, items=2, **kwargs):
        page = model_class(*args, **kwargs)
        for n in range(1, items + 1):
            # sort_order as the editor sets it: without it the items have
            # none, and PostgreSQL may return them in either order.
            page.agenda_items.add(AgendaItem(title=f"Point n° {n} : budget annexe {n}", sort_order=n - 1,
                                             note=f"<p>Note de synthèse du point {n}.</p>"))
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page


def attach(meeting, item_index=0, kind="annexe", title="Annexe budgétaire", text=""):
    """Adds a PDF to an item, in the instance's collection « En préparation »
    (where an agent uploads it: the convocation releases it to the members)."""
    collection = preparation_collection(meeting.instance)
    document = ArchiveDocumentFactory(title=title, text=text or title, collection=collection)
    item = meeting.agenda_items.all()[item_index]
    item.documents.append(("document", {"kind": kind, "document": document}))
    item.save()
    return document
