"""Steps shared by the tests after the séance: a séance held with its
items voted, then closed."""
from extensions.deliberations import seance as seance_service

from .conftest import all_for


def hold(seance, secretary, members, votes=None, huis_clos=(), present=8):
    """Opens `seance`, signs in the first `present` members, votes every
    item (pour unless `votes` maps a position to a choice) and closes it."""
    from .conftest import arrive

    arrive(seance, *members[:present])
    seance_service.open_seance(seance, secretary, members[0], [members[1]])
    for item in seance.deliberations.order_by("position"):
        item.text = f"Le conseil municipal, après en avoir délibéré, approuve : {item.title}. Mme Dupont, 3 rue des Lilas."
        item.report = f"Rapport sur {item.title}."
        item.matiere_code, item.matiere_name = "7.1", "Décisions budgétaires"
        item.huis_clos = item.position in huis_clos
        item.save()
        seance_service.record_vote(item, all_for(seance, item, (votes or {}).get(item.position, "pour")))
    seance_service.close_seance(seance, secretary)
    seance.refresh_from_db()
    return seance
