"""Open data of a scrutin: one row per validated bureau in the layout of
the Ministry of the Interior's national results files (« résultats par
bureau de vote »): the bureau's figures with their percentages, then for
each list or candidate its panel number, nuance, name, votes and their
share of registered voters and of votes cast. CSV as the Ministry
publishes it (semicolons, decimal commas); JSON with the same names."""
import csv
import io

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_GET
from wagtail.models import Site

from .consolidation import percent, validated_results
from .models import Scrutin

BUREAU_COLUMNS = [
    "Code du département", "Code de la commune", "Libellé de la commune", "Code du b.vote", "Inscrits",
    "Abstentions", "% Abs/Ins", "Votants", "% Vot/Ins", "Blancs", "% Blancs/Ins", "% Blancs/Vot", "Nuls",
    "% Nuls/Ins", "% Nuls/Vot", "Exprimés", "% Exp/Ins", "% Exp/Vot",
]
CANDIDATURE_COLUMNS = ["N°Panneau", "Nuance", "Libellé", "Voix", "% Voix/Ins", "% Voix/Exp"]


def split_insee(code):
    """The Ministry's files split the INSEE code: département (3 digits
    overseas, 97x) and commune number within it."""
    cut = 3 if code.startswith("97") else 2
    return code[:cut], code[cut:]


def rows(scrutin):
    """(bureau fields dict, [candidature fields dict]) per validated bureau."""
    department, commune = split_insee(scrutin.commune_code)
    candidatures = list(scrutin.ordered_candidatures())
    for result in validated_results(scrutin):
        inscrits, votants, exprimes = result.inscrits, result.votants, result.exprimes
        abstentions = inscrits - votants
        bureau = dict(zip(BUREAU_COLUMNS, [
            department, commune, scrutin.commune_name, result.bureau.code, inscrits, abstentions,
            percent(abstentions, inscrits), votants, percent(votants, inscrits), result.blancs,
            percent(result.blancs, inscrits), percent(result.blancs, votants), result.nuls,
            percent(result.nuls, inscrits), percent(result.nuls, votants), exprimes, percent(exprimes, inscrits),
            percent(exprimes, votants),
        ]))
        counts = result.voix_by_candidature()
        lists = [dict(zip(CANDIDATURE_COLUMNS, [
            c.panel, c.nuance, c.name, counts.get(c.pk, 0), percent(counts.get(c.pk, 0), inscrits),
            percent(counts.get(c.pk, 0), exprimes),
        ])) for c in candidatures]
        yield bureau, lists


def french(value):
    return f"{value:.2f}".replace(".", ",") if isinstance(value, float) else value


def as_csv(scrutin):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    count = scrutin.candidatures.count()
    writer.writerow(BUREAU_COLUMNS + CANDIDATURE_COLUMNS * count)
    for bureau, lists in rows(scrutin):
        writer.writerow([french(v) for v in bureau.values()]
                        + [french(v) for item in lists for v in item.values()])
    return buffer.getvalue()


def file_name(scrutin, extension):
    return f"{scrutin.kind}-{scrutin.day:%Y-%m-%d}-tour{scrutin.round}-{scrutin.commune_code}.{extension}"


def csv_response(scrutin):
    response = HttpResponse(as_csv(scrutin), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_name(scrutin, "csv")}"'
    return response


def json_response(scrutin):
    data = {
        "scrutin": {"id": scrutin.pk, "title": scrutin.title, "kind": scrutin.kind, "round": scrutin.round,
                    "day": scrutin.day.isoformat(), "commune_code": scrutin.commune_code},
        "rows": [{**bureau, "Listes": lists} for bureau, lists in rows(scrutin)],
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def site_scrutin(request, scrutin_id):
    return get_object_or_404(Scrutin, pk=scrutin_id, site=Site.find_for_request(request))


@require_GET
def election_csv(request, scrutin_id):
    return csv_response(site_scrutin(request, scrutin_id))


@require_GET
def election_json(request, scrutin_id):
    return json_response(site_scrutin(request, scrutin_id))


@require_GET
def election_files(request):
    """/donnees/elections/: the site's scrutins and their two files."""
    scrutins = Scrutin.objects.filter(site=Site.find_for_request(request))
    return JsonResponse({"scrutins": [{
        "id": s.pk, "title": s.title, "kind": s.kind, "round": s.round, "day": s.day.isoformat(),
        "csv": request.build_absolute_uri(reverse("opendata:election_csv", args=[s.pk])),
        "json": request.build_absolute_uri(reverse("opendata:election_json", args=[s.pk])),
    } for s in scrutins]}, json_dumps_params={"ensure_ascii": False})
