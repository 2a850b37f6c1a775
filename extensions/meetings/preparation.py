"""The agent's screen « Nouvelle séance » (and « Modifier la séance » while
the meeting is in préparation or prête): the meeting and its ordre du jour
on one screen, for a town-hall secretary who knows nothing of the page
tree.

    meeting_index_of(instance)        the meetings index of its site
    creatable_instances(user)         {instance: index} the user may add to
    MeetingEditor(user, data, files, meeting=None)
        .is_valid()  every error on its field, from the submitted data
        .save()      the page created or changed and published, its new
                     files uploaded into « En préparation » — nothing at
                     all (no page, no revision, no document) when invalid

Every save publishes: a meeting page is not under moderation
(MeetingPage.get_workflow) and stays behind its view restriction until
it is convened (access.sync_view_restriction), so publishing it is how the
agents keep their work, not how the public sees it."""
import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.validators import FileExtensionValidator
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.formsets import BaseFormSetMixin
from wagtail.admin.rich_text import get_rich_text_editor_widget
from wagtail.coreutils import find_available_slug

from . import documents
from .models import Instance
from .pages import DOCUMENT_KINDS, NOTE_FEATURES, AgendaItem, MeetingIndexPage, MeetingPage, misplaced_message
from .workflow import members_in_office

EDITABLE_STATES = (MeetingPage.State.PREPARATION, MeetingPage.State.READY)


def display_name(user):
    """A person as the agent knows them: the full name, never a login."""
    return user.get_full_name() or user.email or gettext("member without a name")


# Where a meeting goes


def meeting_index_of(instance):
    """The meetings index of `instance`'s site: where its meetings already
    are, else the one of its private space's site, else the only one."""
    latest = MeetingPage.objects.filter(instance=instance).order_by("-start").first()
    if latest is not None:
        return latest.get_parent().specific
    indexes = MeetingIndexPage.objects.all()
    space_page = instance.space.page if instance.space_id and instance.space.page_id else None
    if space_page is not None:
        index = indexes.descendant_of(space_page.get_site().root_page).first()
        if index is not None:
            return index
    return indexes.first() if indexes.count() == 1 else None


def creatable_instances(user):
    """{instance: meetings index} for the instances `user` may convene: an
    index exists on its site and Wagtail lets the user add a page there
    (the Agents of that site: pages.roles grants them the section)."""
    allowed = {}
    for instance in Instance.objects.select_related("space"):
        index = meeting_index_of(instance)
        if index is not None and index.permissions_for_user(user).can_add_subpage():
            allowed[instance] = index
    return allowed


def can_edit(user, meeting):
    permissions = meeting.permissions_for_user(user)
    return meeting.state in EDITABLE_STATES and permissions.can_edit() and permissions.can_publish()


# The meeting


class MeetingForm(forms.ModelForm):
    """When, where and in which circumstances. The date and hour are those
    of the town hall (Europe/Paris), in two fields each with its label."""

    day = forms.DateField(label=_("Date of the meeting"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    hour = forms.TimeField(label=_("Hour"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                           help_text=_("For example 18:30."))

    class Meta:
        model = MeetingPage
        fields = ["instance", "day", "hour", "place", "address", "title", "is_public", "urgency", "urgency_reason",
                  "first_after_renewal", "reconvocation_of"]
        labels = {"instance": _("Which council or commission meets?"), "title": _("Title (optional)")}
        help_texts = {
            "instance": _("The members in office on the day of the meeting will be convened."),
            "place": _("For example: Salle du conseil, mairie."),
            "title": _("Left empty, the title is the instance and the date."),
            "urgency": _("Only if the meeting cannot wait: the délai falls to one jour franc and the council "
                         "rules on the urgency when the séance opens."),
            "reconvocation_of": _("Only when the quorum was not reached at that meeting."),
        }

    def __init__(self, *args, instances, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["instance"].queryset = Instance.objects.filter(pk__in=[i.pk for i in instances])
        self.fields["instance"].empty_label = _("— choose —")
        self.fields["reconvocation_of"].queryset = MeetingPage.objects.filter(
            instance__in=instances, start__lt=timezone.now()).order_by("-start")
        if self.instance.pk:
            # A meeting stays with its instance: its members may have been told.
            self.fields["instance"].disabled = True
            start = timezone.localtime(self.instance.start)
            self.initial.update(day=start.date(), hour=start.time())

    def clean(self):
        data = super().clean()
        day, hour = data.get("day"), data.get("hour")
        if day and hour:
            self.instance.start = timezone.make_aware(datetime.datetime.combine(day, hour))
        if data.get("instance") and day and not data.get("title"):
            data["title"] = gettext("%(instance)s – meeting of %(day)s") % {
                "instance": data["instance"].name, "day": day.strftime("%d/%m/%Y")}
            self.instance.title = data["title"]
        return data

    def _update_errors(self, errors):
        """The model's errors on fields this form does not show go where the
        agent sees them: `start` on the date, the others above the form."""
        if hasattr(errors, "error_dict"):
            for field in [name for name in errors.error_dict if name != NON_FIELD_ERRORS and name not in self.fields]:
                target = "day" if field == "start" else NON_FIELD_ERRORS
                errors.error_dict.setdefault(target, []).extend(errors.error_dict.pop(field))
        super()._update_errors(errors)


# The ordre du jour


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("validators", [FileExtensionValidator(settings.WAGTAILDOCS_EXTENSIONS)])
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class ItemForm(forms.Form):
    """One item: its title, rapporteur (by full name), note de synthèse,
    the documents it keeps and the files added now."""

    item = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, widget=forms.HiddenInput)
    title = forms.CharField(label=_("Title of the item"), max_length=300, required=False)
    rapporteur = forms.TypedChoiceField(label=_("Rapporteur"), required=False, coerce=int, empty_value=None,
                                        help_text=_("The member who presents the item to the council."))
    note = forms.CharField(
        label=_("Note de synthèse"), required=False, widget=get_rich_text_editor_widget(features=NOTE_FEATURES),
        help_text=_("What the members need to know to vote: required from 3,500 inhabitants and in an EPCI."))
    keep = forms.TypedMultipleChoiceField(label=_("Documents already attached (untick to remove)"), required=False,
                                          coerce=int, widget=forms.CheckboxSelectMultiple)
    files = MultipleFileField(label=_("Add documents"), required=False,
                              help_text=_("PDF, ODT, DOCX… You may choose several files at once."))
    kind = forms.ChoiceField(label=_("The documents added are"), choices=DOCUMENT_KINDS, initial="projet")

    def __init__(self, *args, existing, rapporteurs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [(pk, pk) for pk in existing]
        self.fields["rapporteur"].choices = [("", _("— no rapporteur —")), *rapporteurs]
        # The editor's text area is named by the field's label (screen readers).
        note = self.fields["note"].widget
        note.options = {**note.options, "ariaLabelledBy": f"{self['note'].id_for_label}-label"}
        raw = self.data.get(self.add_prefix("item")) if self.is_bound else self.initial.get("item")
        self.existing = existing.get(int(raw)) if str(raw or "").isdigit() else None
        attached = attached_documents(self.existing) if self.existing else []
        self.fields["keep"].choices = [
            (document.pk, f"{document.title} ({dict(DOCUMENT_KINDS)[kind]})") for kind, document in attached]
        if not attached:
            self.fields["keep"].widget = forms.MultipleHiddenInput()

    def is_empty(self):
        data = self.cleaned_data
        return not (data.get("title") or strip_tags(data.get("note") or "").strip() or data.get("files")
                    or data.get("keep"))

    def clean(self):
        data = super().clean()
        if not data.get("title", "").strip() and not self.is_empty():
            self.add_error("title", _("Give this item a title (or empty it to remove it)."))
        return data


def attached_documents(item):
    """(kind, document) of an item, the deleted documents left out."""
    return [(block.value["kind"], block.value["document"]) for block in item.documents
            if block.value.get("document") is not None]


class BaseItemFormSet(BaseFormSetMixin, forms.BaseFormSet):
    pass


ItemFormSet = forms.formset_factory(ItemForm, formset=BaseItemFormSet, extra=0, can_delete=True)


class MeetingEditor:
    """The meeting form and its ordre du jour, validated and saved
    together. `meeting` (to edit) is read from its latest revision: what
    the agent saved last."""

    def __init__(self, user, data=None, files=None, meeting=None):
        self.user = user
        self.instances = creatable_instances(user)
        self.meeting = meeting.get_latest_revision_as_object() if meeting else MeetingPage()
        items = list(self.meeting.agenda_items.all()) if meeting else []
        self.existing = {item.pk: item for item in items if item.pk}
        self.form = MeetingForm(data, instance=self.meeting, instances=list(self.instances))
        self.items = ItemFormSet(
            data, files, prefix="items",
            initial=[{"item": item.pk, "title": item.title, "rapporteur": item.rapporteur_id, "note": item.note,
                      "keep": [document.pk for _kind, document in attached_documents(item)]} for item in items]
            or [{}],
            form_kwargs={"existing": self.existing, "rapporteurs": self._rapporteur_choices()},
        )

    def _rapporteur_choices(self):
        """The members of each instance the user may convene, grouped by
        instance, by full name."""
        groups = []
        for instance in self.instances:
            mandates = instance.mandates.filter(Q(end__isnull=True) | Q(end__gte=timezone.localdate()))
            people = sorted({m.member for m in mandates.select_related("member")}, key=lambda user: (user.last_name, user.first_name))
            groups.append((instance.name, [(user.pk, display_name(user)) for user in people]))
        return groups

    def item_forms(self):
        """The submitted items, in order, without the empty and removed ones."""
        return [form for form in self.items.forms
                if not form.cleaned_data.get("DELETE") and not form.is_empty()]

    def is_valid(self):
        """Both forms are always validated, so that every error shows at once."""
        meeting_valid = self.form.is_valid()
        items_valid = self.items.is_valid()
        instance = self.form.cleaned_data.get("instance")
        if items_valid and instance is not None and self.meeting.start:
            items_valid = self._check_items(instance)
        return meeting_valid and items_valid

    def _check_items(self, instance):
        """Rapporteurs in office on the meeting's day; kept documents in the
        instance's collections (one chosen elsewhere in the page editor)."""
        valid = True
        in_office = {m.member_id for m in members_in_office(instance, timezone.localtime(self.meeting.start).date())}
        for form in self.item_forms():
            rapporteur = form.cleaned_data.get("rapporteur")
            if rapporteur and rapporteur not in in_office:
                form.add_error("rapporteur", _("This person is not a member of « %(instance)s » on the day of the "
                                               "meeting.") % {"instance": instance.name})
                valid = False
            kept = [document for _kind, document in self._kept(form)]
            strays = documents.misplaced_documents(instance, kept)
            if strays:
                form.add_error("keep", misplaced_message(instance, strays))
                valid = False
        return valid

    def _kept(self, form):
        keep = set(form.cleaned_data.get("keep") or [])
        return [(kind, document) for kind, document in (attached_documents(form.existing) if form.existing else [])
                if document.pk in keep]

    def save(self):
        """Creates or changes the meeting and publishes it; the new files
        become documents of « En préparation » in the same transaction."""
        page = self.form.instance
        creating = page.pk is None
        with transaction.atomic():
            page = self.form.save(commit=False)
            instance = page.instance
            page.agenda_items = [self._item(form, instance, order) for order, form in enumerate(self.item_forms())]
            if creating:
                index = self.instances[instance]
                page.slug = find_available_slug(index, slugify(page.title)[:200] or "seance")
                page.owner = self.user
                page.live = False  # published below, with its view restriction
                index.add_child(instance=page)
            page.save_revision(user=self.user, log_action=True).publish(user=self.user)
        return MeetingPage.objects.get(pk=page.pk)

    def _item(self, form, instance, order):
        data = form.cleaned_data
        attached = self._kept(form) + [(data["kind"], documents.upload(instance, file, self.user))
                                       for file in data["files"]]
        return AgendaItem(
            pk=form.existing.pk if form.existing else None, sort_order=order, title=data["title"].strip(),
            rapporteur_id=data.get("rapporteur"), note=data.get("note") or "",
            documents=[("document", {"kind": kind, "document": document}) for kind, document in attached],
        )
