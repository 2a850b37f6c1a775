"""The planted-secret sweep's machinery (issue 13): which model holds what
private text for whom (one table), planting a unique marker in every such
field and file, and finding markers in whatever a channel answers.

A marker is a token « zq » + 8 digits: no stemmer touches it, every
tokenizer keeps it whole, so a search for it is an exact probe. The
classification below says, per model, who may read an object's private
fields (its audience, a set of sweep roles); `plant()` finds the fields
itself, so a new text field of a classified model is planted without any
edit here, and `unclassified_models()` makes a new model fail the test until
someone says what is private in it."""
import random
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import models, transaction
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction

from extensions.meetings.models import Mandate
from pages.roles import AGENTS, REDACTION
from tests.factories import pdf_bytes

ROLES = ["anonymous", "citizen", "elu_member", "elu_non_member", "outsider", "agent", "redaction", "jury"]

# Fields of a text type that hold structure, not content: planting there
# would break the object (keys, hashes, tree paths) without testing privacy.
STRUCTURAL = ("slug", "path", "url_path", "draft_title", "object_id", "content_type", "locale")
STRUCTURAL_PARTS = ("hash", "key", "token", "signature", "manifest", "fingerprint", "extraction", "message_id")


@dataclass(frozen=True)
class Marker:
    token: str
    label: str  # app.Model.field#pk (or what planted it)
    audience: frozenset  # sweep roles that may read it
    indexed: bool = False  # held by a search index
    host: str = "localhost"  # the site it belongs to, for site-scoped searches
    obj: str = ""  # app.Model#pk: one search per object is enough

    def private_for(self, role):
        return role not in self.audience


@dataclass
class World:
    people: dict  # role -> user (None: anonymous)
    markers: list = field(default_factory=list)
    sites: dict = field(default_factory=dict)  # hostname -> root page
    seen_models: set = field(default_factory=set)

    def new_marker(self, label, audience, **extra):
        token = f"zq{random.randrange(10**7, 10**8)}"
        marker = Marker(token=token, label=label, audience=frozenset(audience), **extra)
        self.markers.append(marker)
        return marker

    def roles_where(self, test):
        return {role for role, user in self.people.items() if user is not None and test(user)}

    def in_groups(self, groups):
        names = {group.name for group in groups}
        return self.roles_where(lambda user: bool(names & set(user.groups.values_list("name", flat=True))))


# ---------------------------------------------------------------- audiences
# Each rule answers: who may read the private fields of `obj` (a set of
# roles), or PUBLIC (nothing to plant), or a dict field -> audience when
# only some fields are private (personal data of a public object).
PUBLIC = None
ALL_PRIVATE = "__all__"


def page_editors(world, page):
    """Who edits `page` or a page below it: they walk through it in the
    explorer and its breadcrumbs."""
    editors = set()
    for section in page.get_descendants(inclusive=True):
        editors |= section_editors(world, section)
    return editors


def section_editors(world, page):
    """Who edits the section of `page` (issue 13, finding 6): meetings and
    acts are the Agents' (the sending permission), spaces their managers
    (none of the sweep's roles), everything else the Rédaction's."""
    specific = page.specific_class
    label = specific._meta.label if specific else ""
    if label.startswith(("meetings.", "deliberations.")):
        return world.roles_where(lambda user: user.has_perm("meetings.send_convocation"))
    if label.startswith("commissions."):
        return set()
    return world.in_groups(Group.objects.filter(name=REDACTION))


def restricted_audience(world, page):
    """Who passes the view restrictions of `page` and its ancestors, or
    PUBLIC when there are none."""
    restrictions = PageViewRestriction.objects.filter(page__in=page.get_ancestors(inclusive=True))
    audience = PUBLIC
    for restriction in restrictions:
        if restriction.restriction_type == PageViewRestriction.PASSWORD:
            allowed = set()
        elif restriction.restriction_type == PageViewRestriction.GROUPS:
            allowed = world.in_groups(restriction.groups.all())
        else:  # signed in
            allowed = {role for role in ROLES if role != "anonymous"}
        audience = allowed if audience is PUBLIC else audience & allowed
    return audience


def meeting_audience(world, meeting):
    """A meeting is public once a public meeting is convened; before, and
    always for a private one, its instance's members and the Agents."""
    from extensions.meetings.access import PUBLISHED_STATES

    if meeting.live and meeting.is_public and meeting.state in PUBLISHED_STATES:
        return PUBLIC
    return instance_members(world, meeting.instance) | page_editors(world, meeting)


def instance_members(world, instance):
    ids = set(Mandate.objects.filter(instance=instance).values_list("member", flat=True))
    return world.roles_where(lambda user: user.pk in ids)


def space_members(world, space):
    ids = set(space.memberships.values_list("user", flat=True))
    return world.roles_where(lambda user: user.pk in ids)


def page_audience(world, page):
    page = page.specific
    audience = restricted_audience(world, page)
    if page._meta.label == "meetings.MeetingPage":
        audience = meeting_audience(world, page)
    if page._meta.label == "commissions.SpacePage" and getattr(page, "space", None) is not None:
        audience = space_members(world, page.space)
    if not page.live:
        audience = set()
    if audience is PUBLIC:
        return PUBLIC
    return audience | page_editors(world, page)


def document_audience(world, document):
    """A document is private in a restricted collection: its groups' roles;
    the meetings' documents go to their instance's members once convened,
    and to the Agents (finding 4); a space's to its members."""
    from extensions.meetings.roles import MEETING_DOCUMENTS

    collection = document.collection
    space = getattr(collection, "space", None)
    if space is not None:
        return space_members(world, space)
    if collection.name == MEETING_DOCUMENTS:
        return meeting_document_audience(world, document)
    restrictions = collection.get_view_restrictions()
    if not restrictions:
        return PUBLIC
    audience = set()
    for restriction in restrictions:
        audience |= world.in_groups(restriction.groups.all()) if restriction.restriction_type == "groups" else set()
    return audience


def meeting_document_audience(world, document):
    from extensions.meetings.access import PUBLISHED_STATES
    from extensions.meetings.pages import MeetingPage

    agents = world.in_groups(Group.objects.filter(name=AGENTS))
    audience = set(agents)
    for meeting in MeetingPage.objects.filter(agenda_items__isnull=False).distinct():
        if document.pk in meeting.document_ids() and meeting.state in PUBLISHED_STATES:
            audience |= instance_members(world, meeting.instance)
    return audience


def moderators(world, _obj=None):
    return world.roles_where(lambda user: user.has_perm("participation.view_entry"))


def agents(world, _obj=None):
    return world.roles_where(lambda user: user.has_perm("meetings.send_convocation"))


def entry_audience(world, entry):
    if entry.status == entry.Status.APPROVED:
        # Personal data of a published photo stays with the moderators.
        return {name: moderators(world) for name in ("email", "parent_email", "parent_name")}
    return moderators(world)


def agenda_item_audience(world, item):
    meeting = item.page.specific
    audience = meeting_audience(world, meeting)
    if audience is PUBLIC:  # a public meeting: its notes are for members (finding 5)
        return {"note": instance_members(world, meeting.instance) | agents(world)}
    return audience


def deliberation_audience(world, deliberation):
    """What was said in a huis clos sitting: members and Agents (finding 1)."""
    if not deliberation.huis_clos:
        return PUBLIC
    audience = instance_members(world, deliberation.seance.meeting.instance) | agents(world)
    return {name: audience for name in ("report", "discussion", "text", "public_text")}


def space_content_audience(world, obj):
    from extensions.commissions.models import Space

    if isinstance(obj, Space):
        return space_members(world, obj)
    return space_members(world, getattr(obj, "space", None) or obj.publication.space)


def space_managers(world, invitation):
    managers = set(invitation.space.memberships.filter(role__in=["president", "agent"]).values_list("user", flat=True))
    return world.roles_where(lambda user: user.pk in managers)


def convocation_audience(world, convocation):
    return instance_members(world, convocation.meeting.instance) | agents(world)


def nobody(world, _obj=None):
    return set()


def bureau_result_audience(world, result):
    """A bureau's figures are public once validated, never before; the
    signed PV scan and the reason of a gap stay with the election office
    (none of the sweep's roles)."""
    if result.status == result.Status.VALIDATED:
        return {"pv": set(), "gap_reason": set()}
    return set()


# The classification: every concrete model with a text or file field, by
# label. A callable is an audience rule (above); PUBLIC says the model's
# text is public by nature; INFRASTRUCTURE names models the sweep plants
# through another one or never shows (with why).
CLASSIFICATION = {
    "library.Theme": PUBLIC,
    "library.PublicImage": PUBLIC,  # images are public by nature (roles.py)
    "library.ArchiveDocument": document_audience,
    "pages.SiteIdentity": PUBLIC,
    "commissions.Space": space_content_audience,
    "commissions.Publication": space_content_audience,
    "commissions.Comment": space_content_audience,
    "commissions.Invitation": space_managers,
    "commissions.Membership": PUBLIC,  # a role and a flag, no free text
    "participation.Entry": entry_audience,
    "participation.Confirmation": nobody,
    "participation.Consent": moderators,
    "participation.EligibleVoter": moderators,
    "participation.Vote": nobody,
    "participation.RulesVersion": PUBLIC,
    "participation.ContestCategory": PUBLIC,
    "participation.JuryCriterion": PUBLIC,
    "meetings.Instance": PUBLIC,
    "meetings.Mandate": agents,
    "meetings.InformationRecipient": agents,
    "meetings.Recipient": agents,
    "meetings.Convocation": convocation_audience,
    "meetings.Delivery": agents,  # its error holds the « late » reason too (issue 14)
    "meetings.ItemNotice": agents,  # the day each item left: dates only, nothing to plant
    "meetings.AuditEvent": agents,
    "meetings.FeedToken": nobody,
    "meetings.AgendaItem": agenda_item_audience,
    "meetings.ReadingCopy": nobody,  # a conversion failure, shown nowhere; the PDF is an ArchiveDocument
    "deliberations.Seance": PUBLIC,  # the urgency stated in the public convocation
    "deliberations.Movement": PUBLIC,
    "deliberations.Deliberation": deliberation_audience,
    "deliberations.Vote": PUBLIC,
    "deliberations.ProcesVerbal": PUBLIC,  # published by its flow (minutes.publish)
    "deliberations.InformationCopy": PUBLIC,
    "deliberations.CopyRequest": agents,
    "deliberations.VoteCorrection": agents,  # the console's trail: its reason is for the staff
    "elections.Scrutin": PUBLIC,
    "elections.BureauDeVote": PUBLIC,
    "elections.Candidature": PUBLIC,  # the panel, public before the vote
    "elections.BureauResult": bureau_result_audience,
    "elections.Correction": nobody,  # the office's audit trail
}
# Every page model follows the pages' rule (restrictions, liveness,
# meetings' and spaces' own rules); drafts of public pages are planted too.
PAGE_RULE = page_audience

INFRASTRUCTURE = {
    "library.PublicImageRendition": "renditions of public images",
    "wagtailimages.Rendition": "renditions of public images",
    "wagtailimages.Image": "the project uses library.PublicImage",
    "wagtaildocs.Document": "the project uses library.ArchiveDocument",
    "wagtailcore.Revision": "planted through drafts of every public page",
    "wagtailsearchpromotions.Query": "planted by a signed-in person's search (the real flow)",
    "wagtailsearchpromotions.SearchPromotion": "staff-written pins, public by nature",
    "wagtailsearchpromotions.QueryDailyHits": "counts",
    "wagtailsearch.IndexEntry": "the index itself: swept through search",
    "wagtailsearch.SQLiteFTSIndexEntry": "the index itself: swept through search",
    "parvis_search.Word": "words of the index (no digits: never a marker); only offered as a correction when "
                          "the corrected search finds what the visitor sees (tests/search/test_forgiving_search.py)",
    "parvis_search.SearchSynonyms": "staff-written list of abbreviations, public by nature",
    "wagtailforms.FormSubmission": "no form page in Parvis",
    "wagtailredirects.Redirect": "paths, staff-managed",
    "wagtailembeds.Embed": "cache of public embeds",
    "wagtailusers.UserProfile": "preferences",
    "wagtailadmin.EditingSession": "admin bookkeeping",
    "wagtailadmin.FormState": "admin bookkeeping",
    "wagtailcore.Locale": "configuration",
    "wagtailcore.Site": "configuration",
    "wagtailcore.APIToken": "hashed keys",
    "wagtailcore.ModelLogEntry": "admin history (admins only)",
    "wagtailcore.PageLogEntry": "admin history (admins only)",
    "wagtailcore.CollectionViewRestriction": "configuration",
    "wagtailcore.PageViewRestriction": "configuration",
    "wagtailcore.Collection": "folder names",
    "wagtailcore.UploadedFile": "transient uploads",
    "wagtailcore.WorkflowState": "workflow bookkeeping",
    "wagtailcore.Workflow": "configuration",
    "wagtailcore.Task": "configuration",
    "wagtailcore.GroupApprovalTask": "configuration",
    "wagtailcore.TaskState": "editors' workflow comments (no workflow in Parvis)",
    "wagtailcore.Comment": "editors' comments in the page editor (admins of the page)",
    "wagtailcore.CommentReply": "editors' comments in the page editor (admins of the page)",
    "wagtailcore.ReferenceIndex": "derived index",
    "taggit.Tag": "public tags of news",
    "django_tasks_database.DBTaskResult": "queue bookkeeping",
    "auth.Permission": "configuration",
    "auth.Group": "configuration",
    "auth.User": "accounts: names are public, e-mails checked by their own tests",
    "contenttypes.ContentType": "configuration",
    "sessions.Session": "sessions",
    "axes.AccessAttempt": "login throttling bookkeeping, no admin screen",
    "axes.AccessFailureLog": "login throttling bookkeeping, no admin screen",
    "axes.AccessLog": "login throttling bookkeeping (disabled), no admin screen",
}


def text_fields(model):
    """The free-text and file fields of `model` where a marker can go."""
    found = []
    for f in model._meta.concrete_fields:
        if f.primary_key or f.choices or f.name in STRUCTURAL or any(p in f.name for p in STRUCTURAL_PARTS):
            continue
        if isinstance(f, models.ImageField):
            continue  # a photo holds no readable text
        if isinstance(f, (models.CharField, models.TextField, models.FileField)):
            found.append(f)
    return found


def is_page_model(model):
    return issubclass(model, Page) and model is not Page


def unclassified_models():
    """Concrete models with a text field that nobody classified."""
    return sorted(
        model._meta.label for model in apps.get_models()
        if text_fields(model) and not is_page_model(model) and model is not Page
        and model._meta.label not in CLASSIFICATION and model._meta.label not in INFRASTRUCTURE
    )


def rule_for(model):
    return PAGE_RULE if is_page_model(model) else CLASSIFICATION.get(model._meta.label)


# ---------------------------------------------------------------- planting
def marker_value(f, marker, model):
    """What goes into field `f`: the token, fitted to the field."""
    if isinstance(f, models.EmailField):
        return f"{marker.token}@exemple.fr"
    text = f"SECRET {model._meta.model_name} {f.name} {marker.token}"
    if isinstance(f, RichTextField):
        return f"<p>{text}</p>"
    limit = f.max_length or 10**6
    return text if len(text) <= limit else marker.token[:limit]


def indexed_names(model):
    from modelsearch import index

    names = set()
    for search_field in getattr(model, "get_search_fields", lambda: [])():
        if isinstance(search_field, index.SearchField):
            names.add(search_field.field_name)
        elif isinstance(search_field, index.RelatedFields):
            names.add(search_field.field_name)
    return names


def plant_fields(world, obj, audience_by_field, host="localhost", indexed_via=None):
    """Sets a marker in each private field of `obj` (not saved); returns
    the names of the fields set."""
    model = type(obj)
    indexed = indexed_names(model)
    planted = []
    for f in text_fields(model):
        audience = audience_by_field.get(f.name, audience_by_field.get(ALL_PRIVATE))
        if audience is None:
            continue
        label = f"{model._meta.label}.{f.name}#{obj.pk}"
        marker = world.new_marker(label, audience, indexed=f.name in indexed or bool(indexed_via), host=host,
                                  obj=indexed_via or f"{model._meta.label}#{obj.pk}")
        if isinstance(f, models.FileField):
            if not getattr(obj, f.name):
                world.markers.remove(marker)
                continue
            name = getattr(obj, f.name).name.rsplit("/", 1)[-1] or "fichier.pdf"
            getattr(obj, f.name).save(name, ContentFile(pdf_bytes(f"SECRET fichier {marker.token}")), save=False)
            if hasattr(obj, "_set_document_file_metadata"):
                obj._set_document_file_metadata()
        else:
            setattr(obj, f.name, marker_value(f, marker, model))
        planted.append(f.name)
    return planted


def by_field(audience):
    if audience is PUBLIC:
        return {}
    if isinstance(audience, dict):
        return audience
    return {ALL_PRIVATE: audience}


def host_of(world, page):
    for hostname, root in world.sites.items():
        if page.path.startswith(root.path):
            return hostname
    return "localhost"


def plant_pages(world):
    """Every page: private ones get markers in every text field (saved and,
    when live, published: the real flow reindexes); public ones keep their
    text but get a draft revision full of markers, for their editors."""
    for page in Page.objects.filter(depth__gt=1).specific().order_by("path"):
        model = type(page)
        world.seen_models.add(model._meta.label)
        audience = page_audience(world, page)
        host = host_of(world, page)
        children = plant_children(world, page, host)
        if audience is PUBLIC:
            if children:
                page.save_revision().publish()
            draft = Page.objects.get(pk=page.pk).specific
            if plant_fields(world, draft, {ALL_PRIVATE: page_editors(world, page)}, host=host):
                draft.save_revision()
            continue
        plant_fields(world, page, {ALL_PRIVATE: audience}, host=host)
        page.save()
        revision = page.save_revision()
        if page.live:
            revision.publish()


def plant_children(world, page, host):
    """Markers in the private fields of a page's inline children (the ordre
    du jour's notes...), set on the page's cluster so that publishing it
    stores and reindexes them as an editor's change would."""
    from modelcluster.fields import ParentalKey

    planted = False
    for relation in page._meta.related_objects:
        child_model = relation.related_model
        if not isinstance(relation.remote_field, ParentalKey) or rule_for(child_model) is None:
            continue
        accessor = relation.get_accessor_name()
        children = list(getattr(page, accessor).all())
        # Assigned back: the cluster then serialises these very objects.
        setattr(page, accessor, children)
        for child in children:
            world.seen_models.add(child_model._meta.label)
            audience = by_field(rule_for(child_model)(world, child))
            indexed_via = f"{page._meta.label}#{page.pk}" if accessor in indexed_names(
                type(page)) else None
            if plant_fields(world, child, audience, host=host, indexed_via=indexed_via):
                planted = True
    return planted


def plant_objects(world):
    """Every object of every classified non-page model: markers in its
    private fields, saved through the ORM (signals reindex)."""
    from modelcluster.fields import ParentalKey

    for label, rule in CLASSIFICATION.items():
        if rule is PUBLIC:
            continue
        model = apps.get_model(label)
        if any(isinstance(f, ParentalKey) for f in model._meta.concrete_fields if f.is_relation):
            continue  # planted with their page
        for obj in model.objects.all():
            world.seen_models.add(label)
            planted = plant_fields(world, obj, by_field(rule(world, obj)))
            if planted:
                save_planted(obj, planted)


def save_planted(obj, names):
    """Saved as the app saves it (signals reindex); an append-only record
    (the audit trail) refuses save(), so its fields are written directly."""
    try:
        with transaction.atomic():
            obj.save()
    except ValueError:
        type(obj).objects.filter(pk=obj.pk).update(**{name: getattr(obj, name) for name in names})


def plant(world):
    plant_objects(world)
    plant_pages(world)


# ---------------------------------------------------------------- reading
def readable_text(response):
    """Everything a response says, decoded: PDFs and ODF files through the
    library's text extraction."""
    from library.extraction import ExtractionError, extract_text

    if getattr(response, "streaming", False):
        data = b"".join(response.streaming_content)
    else:
        data = response.content
    content_type = response.get("Content-Type", "")
    kinds = {"application/pdf": "x.pdf", "application/vnd.oasis.opendocument.text": "x.odt"}
    for kind, filename in kinds.items():
        if content_type.startswith(kind) or (filename == "x.pdf" and data.startswith(b"%PDF-")):
            try:
                return extract_text(data, filename)
            except ExtractionError:
                return data.decode("latin-1")
    if content_type.startswith("image/"):
        return ""
    return data.decode("utf-8", errors="replace")


def found_markers(text, markers, role, skip=()):
    lowered = text.lower()
    return [m for m in markers if m.private_for(role) and m.token not in skip and m.token in lowered]


@dataclass
class Leaks:
    """Markers found where their role may not read them: marker -> URLs."""

    role: str
    by_marker: dict = field(default_factory=dict)

    def add(self, marker, url):
        self.by_marker.setdefault(marker, [])
        if url not in self.by_marker[marker]:
            self.by_marker[marker].append(url)

    def report(self, shown=4):
        lines = [f"{len(self.by_marker)} private marker(s) reached role « {self.role} »:"]
        for marker, urls in sorted(self.by_marker.items(), key=lambda item: item[0].label):
            more = f" (+{len(urls) - shown} more)" if len(urls) > shown else ""
            lines.append(f"  {marker.label} [{marker.token}] at {', '.join(urls[:shown])}{more}")
        return "\n".join(lines)


def extract_urls(text, host):
    """Same-site paths of a page, a sitemap, a JSON answer or a feed."""
    import re

    found = set()
    for match in re.finditer(r"""(?:href|src|action)=["']([^"'#]+)|<loc>([^<]+)</loc>|"(https?://[^"\s]+|/[^"\s]*)\"""",
                             text):
        url = next(group for group in match.groups() if group)
        url = url.replace("&amp;", "&")
        if url.startswith("http"):
            from urllib.parse import urlsplit

            parts = urlsplit(url)
            if parts.hostname != host:
                continue
            url = parts.path + (f"?{parts.query}" if parts.query else "")
        if url.startswith("/") and not url.startswith("//"):
            found.add(url)
    return found

