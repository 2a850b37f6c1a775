"""The agent's screen « Nouvelle séance » / « Modifier la séance »
(extensions/meetings/preparation.py): the meeting and its ordre du jour
on one screen, validated from the submitted data with each error on its
field, never locked by a bad stored draft, no document left behind by a
refused save; who may use it; meeting pages outside the moderation
workflow."""
import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, GroupPagePermission, PageViewRestriction, Workflow, WorkflowPage
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield

from extensions.meetings.documents import preparation_collection
from extensions.meetings.pages import MeetingPage
from pages.roles import AGENTS, ELUS, REDACTION
from tests.factories import ArchiveDocumentFactory, UserFactory, install_home_page, pdf_bytes

from .factories import InstanceFactory, MandateFactory, MeetingIndexPageFactory, MeetingPageFactory

Document = get_document_model()
NEW = reverse("meetings_admin:new")


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def pdf(name="annexe.pdf", text="Annexe"):
    return SimpleUploadedFile(name, pdf_bytes(text), content_type="application/pdf")


def meeting_data(council, items, **meeting):
    """The POST of the screen: the meeting's fields, then `items` (dicts of
    an item's fields)."""
    data = {"instance": council.pk, "day": in_days(20).isoformat(), "hour": "18:30",
            "place": "Salle du conseil", "address": "", "title": "", "is_public": "on", **meeting}
    data.update({"items-TOTAL_FORMS": len(items), "items-INITIAL_FORMS": 0, "items-MIN_NUM_FORMS": 0,
                 "items-MAX_NUM_FORMS": 1000})
    for n, item in enumerate(items):
        fields = {"title": "", "rapporteur": "", "note": rich_text(""), "kind": "projet", **item}
        data.update({f"items-{n}-{name}": value for name, value in fields.items()})
    return data


@pytest.fixture
def agent_client(client, agent, meeting_index):
    client.force_login(agent)
    return client


def test_the_agent_creates_the_meeting_and_its_ordre_du_jour_on_one_screen(agent_client, council, elus, meeting_index):
    response = agent_client.get(NEW)
    assert response.status_code == 200
    assert "Anne Conseil" in response.text and ">elu1<" not in response.text  # full names, never a login

    data = meeting_data(council, [
        {"title": "Budget primitif", "rapporteur": elus[0].pk, "note": rich_text("<p>Le budget s’équilibre.</p>"),
         "files": [pdf("projet-budget.pdf")], "kind": "projet"},
        {"title": "Subventions", "rapporteur": elus[1].pk, "files": [pdf("tableau.pdf")], "kind": "annexe"},
    ])
    response = agent_client.post(NEW, data)

    meeting = MeetingPage.objects.get(instance=council)
    assert response.status_code == 302 and response.url == reverse("meetings_admin:dashboard", args=[meeting.pk])
    assert meeting.get_parent().pk == meeting_index.pk and meeting.live and meeting.state == MeetingPage.State.PREPARATION
    assert timezone.localtime(meeting.start).strftime("%H:%M") == "18:30"
    assert meeting.title == f"{council.name} – séance du {in_days(20):%d/%m/%Y}"
    assert PageViewRestriction.objects.filter(page=meeting).exists()  # not public before it is convened
    budget, subsidies = meeting.agenda_items.all()
    assert (budget.title, budget.rapporteur, budget.has_note) == ("Budget primitif", elus[0], True)
    [(kind, document)] = [(b.value["kind"], b.value["document"]) for b in subsidies.documents]
    assert kind == "annexe" and document.collection == preparation_collection(council)
    assert Document.objects.filter(collection=preparation_collection(council)).count() == 2


def test_errors_go_on_their_fields_and_nothing_is_stored(agent_client, council, elus):
    outsider = UserFactory(first_name="Olivier", last_name="Dehors", groups=[ELUS])
    documents_before = Document.objects.count()
    data = meeting_data(council, [
        {"title": "", "note": rich_text("<p>Une note sans titre.</p>"), "files": [pdf()]},
        {"title": "Voirie", "rapporteur": outsider.pk},
    ], place="")
    response = agent_client.post(NEW, data)

    assert response.status_code == 200
    editor = response.context["editor"]
    assert "place" in editor.form.errors
    assert "title" in editor.items.forms[0].errors
    assert "rapporteur" in editor.items.forms[1].errors  # not among the choices: not a member
    assert not MeetingPage.objects.exists()
    assert Document.objects.count() == documents_before  # the file was not kept


def test_a_rapporteur_out_of_office_on_the_day_is_refused_on_his_field(agent_client, council, elus):
    leaving = elus[3].mandates.get()
    leaving.end = in_days(5)
    leaving.save()
    response = agent_client.post(NEW, meeting_data(council, [{"title": "Voirie", "rapporteur": elus[3].pk}]))
    assert response.status_code == 200
    assert "le jour de la séance" in str(response.context["editor"].items.forms[0].errors["rapporteur"])
    assert not MeetingPage.objects.exists()


def edit_data(client, meeting):
    """The edit screen's form as the browser would send it back."""
    response = client.get(reverse("meetings_admin:edit", args=[meeting.pk]))
    assert response.status_code == 200
    return dict(querydict_from_html(response.text, form_id="meeting-form").lists())


def test_editing_keeps_and_removes_documents_without_duplicates(agent_client, meeting, annex):
    data = edit_data(agent_client, meeting)
    assert data["items-1-keep"] == [str(annex.pk)]
    data["items-1-keep"] = []
    data["items-0-files"] = pdf("nouvelle-annexe.pdf")
    data["items-0-kind"] = "annexe"
    documents_before = Document.objects.count()
    response = agent_client.post(reverse("meetings_admin:edit", args=[meeting.pk]), data)
    assert response.status_code == 302, response.context and response.context["editor"].items.errors

    first, second = MeetingPage.objects.get(pk=meeting.pk).agenda_items.all()
    assert [b.value["document"].title for b in first.documents] == ["nouvelle-annexe"]
    assert list(second.documents) == []
    assert Document.objects.count() == documents_before + 1


@pytest.fixture
def stray(meeting):
    """A document outside the instance's collections, in the stored draft
    (what autosave could store in the page editor)."""
    document = ArchiveDocumentFactory(title="Pièce égarée", collection=Collection.get_first_root_node())
    draft = meeting.get_latest_revision_as_object()
    item = draft.agenda_items.all()[0]
    item.documents = [("document", {"kind": "annexe", "document": document})]
    draft.save_revision()
    return document


def test_a_bad_stored_draft_never_locks_the_screen(agent_client, meeting, stray):
    data = edit_data(agent_client, meeting)
    assert data["items-0-keep"] == [str(stray.pk)]
    refused = agent_client.post(reverse("meetings_admin:edit", args=[meeting.pk]), data)
    assert refused.status_code == 200
    assert "Pièce égarée" in str(refused.context["editor"].items.forms[0].errors["keep"])

    data["items-0-keep"] = []
    assert agent_client.post(reverse("meetings_admin:edit", args=[meeting.pk]), data).status_code == 302


def test_the_page_editor_checks_the_submitted_items_not_the_stored_draft(client, agent, meeting, stray, annex):
    """In Wagtail's own editor the error is on the item's documents field,
    and removing the stray document saves again (before, the stored draft
    was checked and refused every save)."""
    client.force_login(agent)
    url = reverse("wagtailadmin_pages:edit", args=[meeting.pk])
    data = dict(querydict_from_html(client.get(url).text, form_id="page-edit-form").lists())

    def with_item_documents(document):
        """The streams of documents are built by Wagtail's JavaScript: posted here."""
        return data | nested_form_data({
            "agenda_items-0-documents": streamfield([("document", {"kind": "annexe", "document": document.pk})]),
            "agenda_items-1-documents": streamfield([]),
        })

    refused = client.post(url, with_item_documents(stray))
    assert refused.status_code == 200
    assert "Pièce égarée" in str(refused.context["form"].formsets["agenda_items"].forms[0].errors["documents"])
    accepted = client.post(url, with_item_documents(annex))
    assert accepted.status_code == 302


def test_meeting_pages_are_outside_the_moderation_workflow(agent_client, meeting, meeting_index):
    WorkflowPage.objects.update_or_create(page=meeting.get_parent().get_parent(),
                                          defaults={"workflow": Workflow.objects.first()})
    assert meeting.get_parent().get_parent().specific.get_workflow() is not None
    assert MeetingPage.objects.get(pk=meeting.pk).get_workflow() is None
    edit = agent_client.get(reverse("wagtailadmin_pages:edit", args=[meeting.pk])).text
    create = agent_client.get(reverse("wagtailadmin_pages:add", args=["meetings", "meetingpage", meeting_index.pk])).text
    for page in (edit, create):
        assert "Moderators approval" not in page and "Soumettre" not in page and "Publier" in page


# Who may use it


def test_an_elu_or_the_redaction_cannot(client, meeting_index, council, elus):
    # Wagtail turns the refusal into a redirection: to the sign-in for an
    # élu (no admin), to the admin's home for the Rédaction.
    for group, refused in ((ELUS, f"/admin/login/?next={NEW}"), (REDACTION, "/admin/")):
        client.force_login(UserFactory(groups=[group]))
        for response in (client.get(NEW), client.post(NEW, meeting_data(council, [{"title": "Budget"}]))):
            assert (response.status_code, response.url) == (302, refused)
    assert not MeetingPage.objects.exists()


def test_only_the_instances_of_sites_the_agent_may_add_meetings_to(agent_client, agent, council, elus):
    """An instance whose meetings live on another site, where the agent has
    no page permission, is not offered and cannot be forced."""
    other_home = install_home_page(hostname="interco.localhost", title="Interco", slug="interco")
    other_index = MeetingIndexPageFactory(parent=other_home, slug="seances-interco")
    epci = InstanceFactory(name="Conseil communautaire")
    MandateFactory(instance=epci, member=elus[0])
    MeetingPageFactory(parent=other_index, instance=epci)
    GroupPagePermission.objects.filter(group__name=AGENTS, page=other_index).delete()

    assert "Conseil communautaire" not in agent_client.get(NEW).text
    response = agent_client.post(NEW, meeting_data(epci, [{"title": "Budget"}]))
    assert response.status_code == 200 and "instance" in response.context["editor"].form.errors
    assert MeetingPage.objects.filter(instance=epci).count() == 1
