"""Demo content of the editorial sites for `manage.py load_demo`: the demo
accounts, then the commune of Saint-Aurèle and the Communauté de communes du
Val d'Aurèle with their pages, news, agenda, legal pages, identity and menus.

Reads fixtures/sites/; what already exists (a page at the same place, an
account with the same username, a site's settings) is left as it is, so
running it again creates nothing and never overwrites an editor's work."""
import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.text import slugify
from stdnum.fr import siret
from wagtail.models import Page, Site

from library import demo as library
from library.pages import LibraryPage

from .models import EventIndexPage, EventPage, HomePage, NewsIndexPage, NewsPage, StandardPage, ThemePage
from .roles import AGENTS, ELUS, REDACTION
from .site_settings import Navigation, SiteIdentity

SITES = ["sites/commune.toml", "sites/interco.toml"]
LEGAL_PAGES = "sites/legal.toml"

# username, first name, last name, group, superuser. `externe` has no group:
# the commissions demo invites them into one commission only.
ACCOUNTS = [
    ("admin", "Nadia", "Perrin", None, True),
    ("redaction", "Camille", "Dubreuil", REDACTION, False),
    ("agent", "Marc", "Lefèvre", AGENTS, False),
    ("elu", "Julien", "Marchetti", ELUS, False),
    ("elu2", "Sophie", "Berthelot", ELUS, False),
    ("externe", "Laurent", "Vidal", None, False),
]
EMAIL_DOMAIN = "saint-aurele.localhost"


def load(command):
    command.report("Comptes", *load_accounts())
    for name in SITES:
        spec = library.read_fixture(name)
        command.report(f"Pages du site « {spec['site']['site_name']} »", *load_site(spec))
    remove_welcome_page()


# Accounts

def load_accounts():
    created = 0
    for username, first_name, last_name, group, superuser in ACCOUNTS:
        user, new = get_user_model().objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{slugify(first_name)}.{slugify(last_name)}@{EMAIL_DOMAIN}",
                "is_staff": superuser,
                "is_superuser": superuser,
            },
        )
        if new:
            user.set_password(settings.DEMO_PASSWORD)
            user.save()
            if group:
                user.groups.add(Group.objects.get(name=group))
        created += new
    return created, len(ACCOUNTS)


# Sites

def load_site(spec):
    """Creates what is missing of one site; returns (pages created, pages)."""
    home, home_created = ensure_page(Page.get_first_root_node(), HomePage, spec["home"]["slug"],
                                     page_fields(spec["home"]))
    site = ensure_site(spec["site"], home)
    pages = {"": home}
    new_pages = [(home, spec["home"])] if home_created else []
    for page_class, page_spec, extra in page_specs(spec, placeholders(spec, site)):
        parent_path, _slash, slug = page_spec["path"].rpartition("/")
        page, created = ensure_page(pages[parent_path], page_class, slug, {**page_fields(page_spec), **extra})
        pages[page_spec["path"]] = page
        if created:
            new_pages.append((page, page_spec))
    for page, page_spec in new_pages:
        publish(page, stream(page_spec.get("body", []), pages))
    ensure_settings(site, spec, pages)
    return len(new_pages), len(pages)


def ensure_site(spec, home):
    site = Site.objects.filter(hostname=spec["hostname"], port=spec["port"]).first()
    if site is None and spec["is_default_site"]:
        # The site Wagtail's first migration made (localhost:80) becomes ours.
        site = Site.objects.filter(is_default_site=True).first()
    site = site or Site()
    site.hostname, site.port = spec["hostname"], spec["port"]
    site.site_name, site.root_page, site.is_default_site = spec["site_name"], home, spec["is_default_site"]
    site.save()
    return site


def remove_welcome_page():
    """Deletes the "Welcome to your new Wagtail site!" page of Wagtail's first
    migration once no site is rooted there any more."""
    welcome = Page.objects.filter(
        depth=2, slug="home", content_type=ContentType.objects.get_for_model(Page), sites_rooted_here=None
    )
    for page in welcome:
        page.delete()


def placeholders(spec, site):
    """Values of the {placeholders} of the legal pages for this site."""
    identity = spec["identity"]
    return {
        **identity,
        **spec["legal"],
        "url": f"http://{site.hostname}:{site.port}/",
        "address_inline": ", ".join(identity["address"].splitlines()),
    }


def fill(value, context):
    if isinstance(value, str):
        return value.format_map(context)
    if isinstance(value, list):
        return [fill(item, context) for item in value]
    if isinstance(value, dict):
        return {key: fill(item, context) for key, item in value.items()}
    return value


def page_specs(spec, context):
    """(page class, page data, extra fields) of every page below the home
    page, parents before children."""
    for page_spec in spec.get("page", []):
        yield StandardPage, page_spec, {}
    for page_spec in spec.get("theme_page", []):
        yield ThemePage, page_spec, {"theme": library.theme(page_spec["theme"])}
    yield NewsIndexPage, spec["news_index"], {}
    yield EventIndexPage, spec["event_index"], {}
    yield LibraryPage, spec["library"], {}
    for page_spec in library.read_fixture(LEGAL_PAGES)["page"]:
        yield StandardPage, fill(page_spec, context), {}
    yield from news_specs(spec["news_index"]["path"], spec.get("news", []))
    yield from event_specs(spec["event_index"]["path"], spec.get("event", []))


def unique_slugs(parent_path, specs):
    """Page paths from titles, numbered when two titles are alike; stable
    from one run to the next, so that nothing is created twice."""
    seen = {}
    for page_spec in specs:
        # "l'école" → "l-ecole" rather than slugify's "lecole".
        slug = slugify(page_spec["title"].replace("'", " "))[:80]
        seen[slug] = seen.get(slug, 0) + 1
        yield f"{parent_path}/{slug}" + (f"-{seen[slug]}" if seen[slug] > 1 else "")


def news_specs(parent_path, specs):
    for path, page_spec in zip(unique_slugs(parent_path, specs), specs):
        extra = {"date": page_spec["date"], "tags": page_spec["tags"], "themes": themes(page_spec)}
        yield NewsPage, {**page_spec, "path": path, "body": article_body(page_spec)}, extra


def event_specs(parent_path, specs):
    today = timezone.localdate()
    for path, page_spec in zip(unique_slugs(parent_path, specs), specs):
        day = today + datetime.timedelta(days=page_spec["in_days"])
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.fromisoformat(page_spec["time"])))
        if "days" in page_spec:
            length = datetime.timedelta(days=page_spec["days"] - 1, hours=4)
        else:
            length = datetime.timedelta(hours=page_spec["hours"])
        extra = {
            "start": start,
            "end": start + length,
            "location_name": page_spec["location_name"],
            "address": page_spec["address"],
            "themes": themes(page_spec),
        }
        yield EventPage, {**page_spec, "path": path, "body": article_body(page_spec)}, extra


def themes(page_spec):
    return [library.theme(slug) for slug in page_spec.get("themes", [])]


def article_body(page_spec):
    return [{"type": "paragraph", "html": page_spec["html"]}] if "html" in page_spec else []


def page_fields(page_spec):
    fields = {"title": page_spec["title"], "intro": page_spec.get("intro", "")}
    if "seo_title" in page_spec:
        fields["seo_title"] = page_spec["seo_title"]
    if "image" in page_spec:
        fields["image"] = library.image(page_spec["image"])
    return fields


# Pages

def ensure_page(parent, page_class, slug, fields):
    """The page `slug` under `parent`, created (as a draft) if missing.
    Returns (page, created)."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    fields = dict(fields)
    tags, themes_ = fields.pop("tags", []), fields.pop("themes", [])
    page = page_class(slug=slug, live=False, **fields)
    if tags:
        page.tags.add(*tags)
    if themes_:
        page.themes.set(themes_)
    parent.add_child(instance=page)
    return page, True


def publish(page, body):
    """Gives a new page its body (now that every page it links to exists)
    and publishes it, as an editor would: a revision, then publication."""
    if body:
        page.body = body
    page.save_revision().publish()


def stream(blocks, pages):
    """StreamField data of blocks written in the fixtures' terms."""
    return [{"type": block["type"], "value": BLOCKS[block["type"]](block, pages)} for block in blocks]


def _page_id(block, pages):
    return pages[block["page"]].pk if "page" in block else None


BLOCKS = {
    "paragraph": lambda block, pages: block["html"],
    "heading": lambda block, pages: {"text": block["text"], "level": block.get("level", "h2")},
    "image": lambda block, pages: {"image": library.image(block["image"]).pk, "caption": block.get("caption", "")},
    "documents": lambda block, pages: {
        "title": block.get("title", ""),
        "documents": [library.document(reference).pk for reference in block["references"]],
    },
    "accordion": lambda block, pages: {
        "items": [{"title": item["title"], "body": item["html"]} for item in block["items"]],
    },
    "call_to_action": lambda block, pages: {
        "text": block["text"],
        "link_label": block["link_label"],
        "page": _page_id(block, pages),
        "url": block.get("url", ""),
    },
    "contact": lambda block, pages: {
        key: block.get(key, "") for key in ("name", "role", "address", "phone", "email", "hours")
    },
    "table": lambda block, pages: {
        "caption": block["caption"],
        "table": {
            "data": block["rows"],
            "first_row_is_table_header": block.get("header", True),
            "first_col_is_header": False,
            "table_header_choice": "row" if block.get("header", True) else "neither",
        },
    },
}


# Per-site settings

def ensure_settings(site, spec, pages):
    identity = dict(spec["identity"])
    identity["logo"] = library.image(identity["logo"])
    identity["social_links"] = [{"type": "link", "value": link} for link in identity["social_links"]]
    identity["siret"] = spec["legal"]["siret"].replace(" ", "")
    identity["legality_office"] = spec["legal"]["legality_office"]
    site_identity, created = SiteIdentity.objects.get_or_create(site=site, defaults=identity)
    if not created:  # a demo loaded before these fields existed, or with its former invalid SIRETs
        missing = {name: identity[name] for name in ("siret", "legality_office") if not getattr(site_identity, name)}
        if not siret.is_valid(site_identity.siret):
            missing["siret"] = identity["siret"]
        SiteIdentity.objects.filter(pk=site_identity.pk).update(**missing)
    navigation = spec["navigation"]
    Navigation.objects.get_or_create(
        site=site,
        defaults={
            "main_menu": [link_block({"path": path}, pages) for path in navigation["main_menu"]],
            "footer_links": [link_block(link, pages) for link in navigation["footer_links"]],
        },
    )


def link_block(link, pages):
    return {"type": "link", "value": {"label": link.get("label", ""), "page": pages[link["path"]].pk}}
