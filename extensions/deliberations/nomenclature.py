"""The « nomenclature Actes » of the contrôle de légalité (matières and
sous-matières), which classifies each deliberation for the préfecture, the
register's table by subject and the SCDL open-data export."""
import re


NOMENCLATURE = {
    "1": "Commande publique",
    "1.1": "Marchés publics",
    "1.2": "Délégation de service public",
    "1.3": "Conventions de mandat",
    "1.4": "Autres types de contrats",
    "1.5": "Transactions / protocole d'accord transactionnel",
    "1.6": "Maîtrise d'œuvre",
    "1.7": "Actes spéciaux et divers",
    "2": "Urbanisme",
    "2.1": "Documents d'urbanisme",
    "2.2": "Actes relatifs au droit d'occupation ou d'utilisation des sols",
    "2.3": "Droit de préemption urbain",
    "3": "Domaine et patrimoine",
    "3.1": "Acquisitions",
    "3.2": "Aliénations",
    "3.3": "Locations",
    "3.4": "Limites territoriales",
    "3.5": "Autres actes de gestion du domaine public",
    "3.6": "Autres actes de gestion du domaine privé",
    "4": "Fonction publique",
    "4.1": "Personnel titulaire et stagiaire de la FPT",
    "4.2": "Personnel contractuel",
    "4.4": "Autres catégories de personnels",
    "4.5": "Régime indemnitaire",
    "5": "Institutions et vie politique",
    "5.1": "Élection exécutif",
    "5.2": "Fonctionnement des assemblées",
    "5.3": "Désignation de représentants",
    "5.4": "Délégation de fonctions",
    "5.5": "Délégation de signature",
    "5.6": "Exercice des mandats locaux",
    "5.7": "Intercommunalité",
    "5.8": "Décision d'ester en justice",
    "6": "Libertés publiques et pouvoirs de police",
    "6.1": "Police municipale",
    "6.4": "Autres actes réglementaires",
    "6.5": "Actes pris au nom de l'État",
    "7": "Finances locales",
    "7.1": "Décisions budgétaires",
    "7.2": "Fiscalité",
    "7.3": "Emprunts",
    "7.4": "Interventions économiques",
    "7.5": "Subventions",
    "7.6": "Contributions budgétaires",
    "7.7": "Avances",
    "7.8": "Fonds de concours",
    "7.9": "Prise de participation",
    "7.10": "Divers",
    "8": "Domaines de compétences par thèmes",
    "8.1": "Enseignement",
    "8.2": "Aide sociale",
    "8.3": "Voirie",
    "8.4": "Aménagement du territoire",
    "8.5": "Politique de la ville, habitat, logement",
    "8.6": "Emploi, formation professionnelle",
    "8.7": "Transports",
    "8.8": "Environnement",
    "8.9": "Culture",
    "9": "Autres domaines de compétences",
    "9.1": "Autres domaines de compétences des communes",
    "9.4": "Vœux et motions",
}

CHOICES = [("", "—")] + [(code, f"{code} {name}") for code, name in NOMENCLATURE.items()]


def scdl_name(code):
    """The matière as the SCDL « Délibérations » names it (DELIB_MATIERE_NOM):
    the level-1 and level-2 names, in accented lower case, without comma or
    parenthesis, separated by a slash (« finances locales/décisions
    budgétaires »); a slash inside a name becomes a space. "" for a code
    outside the nomenclature."""
    if code not in NOMENCLATURE or "." not in code:
        return ""
    levels = (NOMENCLATURE[code.split(".")[0]], NOMENCLATURE[code])
    return "/".join(" ".join(re.sub(r"[,()/]", " ", name).lower().split()) for name in levels)
