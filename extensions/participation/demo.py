"""Demo of photo contests for `manage.py load_demo`, on the site of the
Communauté de communes du Val d'Aurèle: this year's contest in its public
vote (approved photos in two categories, a few awaiting moderation) and
last year's contest with its results. The photos are drawn here, at load
time, and go through the same cleaning as any upload (their renditions are
made when first shown). Idempotent: an existing contest is left as it is."""
import io
import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFilter
from wagtail.models import Site

from core.storage import private_storage

from . import licence
from .core.identity import email_key
from .images import clean_photo
from .models import ContestCategory, ContestPage, Entry, JuryCriterion, JuryScore, Vote, new_photo_name

HOSTNAME = "interco.localhost"
COMMUNES = [
    "Saint-Aurèle", "Villeneuve-d'Aurèle", "Montcalvet", "Les Essarts-sur-Aurèle", "Brézolles-le-Haut",
    "Saint-Just-des-Combes", "Lavergne", "Puyvert", "Combemale", "Sauveterre-d'Aurèle", "La Bastide-Haute",
    "Peyrolles",
]
RULES = (
    "<h2>Article 1 – Organisation</h2><p>La communauté de communes du Val d'Aurèle organise un concours "
    "photographique gratuit, ouvert aux habitants des douze communes membres.</p>"
    "<h2>Article 2 – Participation</h2><p>Chaque participant envoie jusqu'à trois photos, une par catégorie. "
    "Les mineurs de moins de quinze ans participent avec l'accord d'un parent, recueilli par courriel.</p>"
    "<h2>Article 3 – Droits</h2><p>L'auteur reste propriétaire de ses droits. Il accorde à l'organisateur une "
    "licence non exclusive, limitée aux usages, supports, territoire et durée qu'il choisit ; son nom est "
    "toujours cité. Les personnes reconnaissables doivent avoir donné leur accord.</p>"
    "<h2>Article 4 – Désignation des lauréats</h2><p>Un jury et le vote du public désignent trois lauréats par "
    "catégorie ; en cas d'égalité, la note du jury l'emporte, puis le nombre de votes, puis l'antériorité.</p>"
    "<h2>Article 5 – Données personnelles</h2><p>Les données sont utilisées pour le seul concours et "
    "supprimées un an après la proclamation des résultats. Vous pouvez y accéder ou en demander "
    "l'effacement auprès de la déléguée à la protection des données.</p>"
)

# (title, description, author, category, palette, status)
THIS_YEAR = [
    ("Brume sur l'Aurèle", "La rivière au lever du jour, noyée dans une brume rose, entre deux rangées de "
     "peupliers.", "Camille Roussel", 0, "dawn", "approved"),
    ("Les vignes en septembre", "Rangs de vigne dorés sur un coteau, sous un ciel d'un bleu profond.",
     "Bernard Coste", 0, "summer", "approved"),
    ("Orage sur Montcalvet", "Nuages sombres au-dessus des toits de Montcalvet, le clocher éclairé par une "
     "trouée de soleil.", "Inès Morel", 0, "storm", "approved"),
    ("Le marché du samedi", "Étals colorés sous les platanes de la place, vus depuis l'escalier de la "
     "mairie.", "Jules Perret", 0, "spring", "approved"),
    ("Nuit d'août à Puyvert", "Ciel étoilé au-dessus des collines de Puyvert, une lanterne sur la "
     "crête.", "Aline Fabre", 0, "night", "approved"),
    ("Premières neiges", "Le plateau de La Bastide-Haute sous une fine couche de neige, au petit "
     "matin.", "Marc Delmas", 0, "winter", "approved"),
    ("Mon chat au jardin", "Un chat roux endormi au soleil sur un muret de pierres sèches.", "Léa Garnier", 1,
     "summer", "approved"),
    ("La cabane du bois", "Une cabane de branches construite au bord du ruisseau de Combemale.", "Noé Bertin", 1,
     "spring", "approved"),
    ("Coucher de soleil depuis l'école", "Le soleil se couche derrière les collines, vu de la cour de "
     "l'école de Lavergne.", "Zoé Lambert", 1, "dawn", "approved"),
    ("Reflets dans la mare", "Les saules se reflètent dans l'eau immobile d'une mare.", "Tom Chevalier", 1,
     "mist", "approved"),
    ("Le pont de pierre", "Le vieux pont de Sauveterre-d'Aurèle sous un ciel d'automne.", "Hugo Marchand", 0,
     "autumn", "pending"),
    ("Champ de tournesols", "Un champ de tournesols en fleurs à perte de vue.", "Emma Girard", 1, "summer",
     "pending"),
    ("Fin d'après-midi", "Ombres longues sur un chemin entre deux haies.", "Paul Renard", 0, "autumn",
     "pending"),
]
LAST_YEAR = [
    ("L'Aurèle en crue", "La rivière sortie de son lit, les arbres les pieds dans l'eau.", "Julie Vasseur", 0,
     "storm"),
    ("Lavoir de Peyrolles", "Le lavoir couvert de Peyrolles, son bassin clair et ses tuiles moussues.",
     "Denis Aubert", 0, "mist"),
    ("Cascade des Combes", "Une petite cascade entre les rochers du ruisseau des Combes.", "Claire Noël", 0,
     "spring"),
    ("Mes bottes dans la flaque", "Deux bottes jaunes dans une flaque où se reflète le ciel.", "Lucas Moulin",
     1, "summer"),
    ("Le moulin", "Le moulin de Brézolles et sa roue à aubes au soleil couchant.", "Anna Petit", 1, "dawn"),
]
PALETTES = {
    "dawn": ["#3d4e7a", "#f6b27a", "#ffe3a3", "#8a6f8f", "#3f3b4f"],
    "summer": ["#5f9fd6", "#cfe6f2", "#fff4c2", "#8fb5a3", "#4f7d3a"],
    "spring": ["#7bb4d9", "#e7f2ea", "#fff8d6", "#a3c4a8", "#6a9b4f"],
    "mist": ["#9fb6b8", "#e3ebe6", "#f4f6ee", "#7f9c96", "#2f4f47"],
    "autumn": ["#6f8fb3", "#f3d9b1", "#ffe8b8", "#a77f5a", "#7a4b2a"],
    "night": ["#0d1633", "#2c3e6b", "#f3f0d7", "#1b2745", "#0f1628"],
    "storm": ["#3b4252", "#8f9bb3", "#e5e9f0", "#5e6b5a", "#2e3a2c"],
    "winter": ["#a9c2d9", "#eef3f7", "#ffffff", "#c8d3dc", "#8a9aa8"],
}


def load(command):
    home = _home_page()
    if home is None:
        command.report("Concours photo (aucun site de l'intercommunalité)", 0, 0)
        return
    jury = list(get_user_model().objects.filter(username__in=["elu", "elu2"]))
    now = timezone.now().replace(second=0, microsecond=0)
    created = [
        _contest(home, "concours-photo", this_year_fields(now), THIS_YEAR, jury, now),
        _contest(home, "concours-photo-2025", last_year_fields(now), LAST_YEAR, jury, now),
    ]
    command.report("Concours photo", sum(created), len(created))


def _home_page():
    site = Site.objects.filter(hostname=HOSTNAME).first() or Site.objects.filter(is_default_site=True).first()
    return site.root_page.specific if site else None


def this_year_fields(now):
    return {
        "title": "Concours photo « Regards sur le Val d'Aurèle »",
        "intro": "<p>Paysages, villages, vie quotidienne : montrez-nous le Val d'Aurèle comme vous le voyez. "
                 "Votez pour vos photos préférées jusqu'à la clôture du vote.</p>",
        "submissions_open": now - timedelta(days=40), "submissions_close": now - timedelta(days=5),
        "vote_open": now - timedelta(days=4), "vote_close": now + timedelta(days=10),
        "results_date": now + timedelta(days=14),
    }


def last_year_fields(now):
    return {
        "title": "Concours photo 2025 « L'eau dans le Val »",
        "intro": "<p>Rivières, lavoirs, cascades et flaques : les lauréats de l'édition 2025.</p>",
        "submissions_open": now - timedelta(days=400), "submissions_close": now - timedelta(days=360),
        "vote_open": now - timedelta(days=355), "vote_close": now - timedelta(days=340),
        "results_date": now - timedelta(days=335), "retention_days": 730,
    }


def _contest(home, slug, fields, entries, jury, now):
    """Creates one contest and its entries unless it exists; returns 1 if
    created."""
    if home.get_children().filter(slug=slug).exists():
        return 0
    contest = ContestPage(
        slug=slug, organiser="Communauté de communes du Val d'Aurèle", rules=RULES,
        residence_communes="\n".join(COMMUNES), excluded_email_domains="val-daurele.localhost",
        min_long_side=1200, **fields,
    )
    # sort_order as the editor saves it: without it, PostgreSQL lists the
    # categories (form, results) and criteria in any order.
    contest.categories = [
        ContestCategory(name="Adultes", description="À partir de 18 ans.", min_age=18, sort_order=0),
        ContestCategory(name="Moins de 18 ans", description="Jusqu'à 17 ans.", max_age=17, sort_order=1),
    ]
    contest.criteria = [
        JuryCriterion(name=name, max_score=10, sort_order=number)
        for number, name in enumerate(["Composition", "Originalité", "Lien avec le territoire"])
    ]
    home.add_child(instance=contest)
    contest.jury.set(jury)
    contest.save_revision().publish()
    contest = ContestPage.objects.get(pk=contest.pk)
    rng = random.Random(slug)
    categories = list(contest.categories.all())
    for number, spec in enumerate(entries):
        title, description, author, category, palette = spec[:5]
        status = spec[5] if len(spec) > 5 else "approved"
        entry = _entry(contest, categories[category], title, description, author, palette, status, number,
                       submitted=fields["submissions_open"] + timedelta(days=2 + number))
        if entry.is_approved:
            _votes(contest, entry, rng.randint(0, 14), now)
            for juror in jury:
                for criterion in contest.criteria.all():
                    JuryScore.objects.create(entry=entry, criterion=criterion, juror=juror, score=rng.randint(4, 10))
    return 1


def _entry(contest, category, title, description, author, palette, status, number, submitted):
    clean = clean_photo(landscape(palette, seed=number * 7 + len(title)), max_bytes=20 * 1024 * 1024,
                        min_long_side=contest.min_long_side)
    name = private_storage.save(new_photo_name(), ContentFile(clean.data))
    young = category.max_age is not None
    uses = ["communication"] if number % 2 == 0 else []
    entry = Entry.objects.create(
        contest=contest, category=category, rules_version=contest.current_rules(), title=title,
        description=description, author_name=author,
        email=f"{author.split()[0].lower()}.{number}@example.org", age=16 if young else 30 + number,
        commune=COMMUNES[number % len(COMMUNES)], people=Entry.People.NONE,
        licence=licence.build(uses, ["web", "print"], "france", "3", granted_at=submitted),
        photo=name, width=clean.width, height=clean.height, status=status, submitted_at=submitted,
        moderated_at=None if status == "pending" else submitted + timedelta(days=1),
    )
    for kind in ("accept_rules", "accept_licence", "declare_author", "declare_eligible"):
        entry.consents.create(kind=kind, wording="Consentement donné lors de la participation (démonstration).",
                              accepted_at=submitted)
    return entry


def _votes(contest, entry, count, now):
    Vote.objects.bulk_create(
        Vote(contest=contest, entry=entry, voter_key=email_key(f"votant{entry.pk}.{n}@example.org"),
             slot=contest.vote_slot(entry), ip_key=f"demo{n % 5:012d}",
             confirmed_at=min(now, contest.vote_open + timedelta(hours=3 * n + 1)))
        for n in range(count)
    )


def landscape(palette, seed, size=(1600, 1067)):
    """A soft, abstract landscape (sky, sun, three rows of hills) as JPEG
    bytes, different for each seed."""
    sky_top, sky_bottom, sun, far, near = (_rgb(c) for c in PALETTES[palette])
    rng = random.Random(seed)
    width, height = size
    img = Image.new("RGB", size)
    draw = ImageDraw.Draw(img)
    for y in range(height):
        t = y / height
        draw.line([(0, y), (width, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(sky_top, sky_bottom)))
    cx, cy, r = rng.randint(200, width - 200), rng.randint(150, height // 2), rng.randint(60, 130)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=sun)
    for row, color in enumerate((far, _mix(far, near), near)):
        base = height * (0.55 + 0.14 * row)
        points = [(0, height)]
        for x in range(0, width + 80, 80):
            points.append((x, base + rng.randint(-60, 60)))
        points.append((width, height))
        draw.polygon(points, fill=color)
    img = img.filter(ImageFilter.GaussianBlur(1.2))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=88)
    return out.getvalue()


def _rgb(color):
    return tuple(int(color[i:i + 2], 16) for i in (1, 3, 5))


def _mix(a, b):
    return tuple((x + y) // 2 for x, y in zip(a, b))
