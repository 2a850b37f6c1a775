"""Commune totals of a scrutin from its validated bureaux only — the one
source of the public page, its JSON, the open data and the API, so they
never disagree and nothing unvalidated is ever shown."""
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import rules
from .models import BureauResult, Scrutin

FIGURES = ("inscrits", "votants", "emargements", "blancs", "nuls")
LIST_KINDS = {Scrutin.Kind.MUNICIPALES, Scrutin.Kind.COMMUNAUTAIRES}
SINGLE_MEMBER_KINDS = {Scrutin.Kind.LEGISLATIVES, Scrutin.Kind.DEPARTEMENTALES}


def percent(part, whole):
    return round(100 * part / whole, 2) if whole else 0.0


def validated_results(scrutin):
    return (scrutin.results.filter(status=BureauResult.Status.VALIDATED)
            .select_related("bureau").prefetch_related("voix").order_by("bureau__number"))


def consolidate(scrutin):
    """A JSON-ready dict of the scrutin's published figures."""
    candidatures = list(scrutin.ordered_candidatures())
    results = list(validated_results(scrutin))
    total_bureaux = scrutin.bureaux.count()
    totals = {name: sum(getattr(result, name) for result in results) for name in FIGURES}
    totals["exprimes"] = rules.exprimes(totals["votants"], totals["blancs"], totals["nuls"])
    totals["abstentions"] = totals["inscrits"] - totals["votants"]
    voix = {c.pk: 0 for c in candidatures}
    rows = []
    for result in results:
        counts = result.voix_by_candidature()
        for key in voix:
            voix[key] += counts.get(key, 0)
        rows.append(bureau_row(result, candidatures, counts))
    complete = bool(results) and len(results) == total_bureaux
    allocation = seat_allocation(scrutin, candidatures, voix) if complete else None
    seats = allocation.seats if allocation else {}
    return {
        "scrutin": {
            "id": scrutin.pk, "title": scrutin.title, "kind": scrutin.kind, "kind_label": scrutin.get_kind_display(),
            "round": scrutin.round, "round_label": scrutin.get_round_display(), "day": scrutin.day.isoformat(),
            "commune": scrutin.commune_name, "commune_code": scrutin.commune_code, "seats": scrutin.seats,
        },
        "bureaux": {
            "counted": len(results), "total": total_bureaux,
            "label": ngettext("%(counted)s bureau out of %(total)s", "%(counted)s bureaux out of %(total)s",
                              len(results)) % {"counted": len(results), "total": total_bureaux},
        },
        "complete": complete,
        "totals": {**totals, **{
            "pct_votants_inscrits": percent(totals["votants"], totals["inscrits"]),
            "pct_abstentions_inscrits": percent(totals["abstentions"], totals["inscrits"]),
            "pct_blancs_votants": percent(totals["blancs"], totals["votants"]),
            "pct_nuls_votants": percent(totals["nuls"], totals["votants"]),
            "pct_exprimes_inscrits": percent(totals["exprimes"], totals["inscrits"]),
        }},
        "candidatures": [{
            "panel": c.panel, "name": c.name, "head": c.head, "nuance": c.nuance, "voix": voix[c.pk],
            "pct_inscrits": percent(voix[c.pk], totals["inscrits"]),
            "pct_exprimes": percent(voix[c.pk], totals["exprimes"]),
            "seats": seats.get(c.pk),
        } for c in candidatures],
        "participation": participation(results, totals),
        "per_bureau": rows,
        "outcome": outcome_text(scrutin, candidatures, voix, totals, complete, allocation),
        "allocation": {"steps": allocation.steps, "undecided": allocation.undecided} if allocation else None,
        "updated": timezone.now().isoformat(timespec="seconds"),
    }


def bureau_row(result, candidatures, counts):
    return {
        "number": result.bureau.number, "code": result.bureau.code, "name": result.bureau.name,
        "inscrits": result.inscrits, "votants": result.votants, "blancs": result.blancs, "nuls": result.nuls,
        "exprimes": result.exprimes, "pct_votants_inscrits": percent(result.votants, result.inscrits),
        "voix": [counts.get(c.pk, 0) for c in candidatures],
    }


def participation(results, totals):
    """Voters at 12 h, 17 h and at the close, over the bureaux that gave the
    figure (each percentage on those bureaux' registered voters)."""
    points = []
    for label, name in ((_("12 h"), "participation_12h"), (_("17 h"), "participation_17h")):
        given = [r for r in results if getattr(r, name) is not None]
        if given:
            voters = sum(getattr(r, name) for r in given)
            inscrits = sum(r.inscrits for r in given)
            points.append({"label": label, "votants": voters, "inscrits": inscrits, "pct": percent(voters, inscrits)})
    if results:
        points.append({"label": _("Close"), "votants": totals["votants"], "inscrits": totals["inscrits"],
                       "pct": percent(totals["votants"], totals["inscrits"])})
    return points


def list_votes(candidatures, voix):
    return [rules.ListVotes(key=c.pk, name=c.name, voix=voix[c.pk],
                            birth_dates=tuple(date.fromisoformat(d) for d in c.candidates_birth_dates))
            for c in candidatures]


def seat_allocation(scrutin, candidatures, voix):
    if scrutin.kind not in LIST_KINDS or not scrutin.seats:
        return None
    if not rules.list_ballot_applies(scrutin.population, scrutin.day):
        return None
    return rules.allocate_seats(list_votes(candidatures, voix), scrutin.seats, scrutin.round)


def outcome_text(scrutin, candidatures, voix, totals, complete, allocation):
    """What the figures decide, once every bureau is counted; before that,
    nothing is proclaimed."""
    if not complete:
        return ""
    names = {c.pk: c.name for c in candidatures}
    by_key = {c.pk: voix[c.pk] for c in candidatures}
    outcome = None
    if scrutin.kind == Scrutin.Kind.PRESIDENTIELLE:
        outcome = rules.presidential_outcome(by_key, scrutin.round)
    elif scrutin.kind in SINGLE_MEMBER_KINDS:
        outcome = rules.single_member_outcome(by_key, totals["inscrits"], scrutin.round)
    elif scrutin.kind in LIST_KINDS and allocation is None and scrutin.round == 1 and scrutin.seats:
        outcome = rules.municipal_second_round(by_key)
    elif allocation is not None and allocation.bonus_to is not None:
        return _("“%(name)s” receives the majority bonus.") % {"name": names[allocation.bonus_to]}
    if outcome is None:
        return ""
    if outcome.elected:
        return _("Elected: %(names)s.") % {"names": ", ".join(names[k] for k in outcome.elected)}
    if outcome.qualified:
        return _("Second round: %(names)s may stand.") % {"names": ", ".join(names[k] for k in outcome.qualified)}
    return ""
