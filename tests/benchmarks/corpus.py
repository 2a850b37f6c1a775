"""A generated French corpus of administrative acts for the search
benchmark: deterministic (seeded), of realistic length, with words present in
most documents, words of middling frequency and rare words planted in a known
number of documents."""
import datetime
import random

# Present in (nearly) every act: what a search for them costs is the worst case.
FREQUENT = ["commune", "conseil", "municipal", "délibération", "article", "maire"]

# The vocabulary of council minutes, with accents, plurals and elisions.
COMMON = """
adopté adoptée adoptées approuve approuvé approuvés autorise autorisation budget budgets
cantine cantines scolaire scolaires école écoles l'école d'école enfants restauration
voirie voiries route routes chemin chemins rue rues trottoir trottoirs éclairage public publics
travaux marché marchés public entreprise entreprises attribution attribué montant montants
euros hors taxes subvention subventions association associations sportive sportives culturelle
culturelles fête fêtes comité jumelage bibliothèque médiathèque salle salles polyvalente
urbanisme plan local d'urbanisme PLU zone zones constructible agricole naturelle permis
construire déclaration préalable lotissement parcelle parcelles cadastre cadastrée section
cession acquisition terrain terrains bâtiment bâtiments communaux communal communale
commission commissions finances personnel agent agents recrutement emploi emplois poste
titulaire contractuel rémunération indemnité indemnités élu élus adjoint adjoints délégation
délégations tarif tarifs garderie périscolaire centre loisirs accueil jeunesse sport stade
gymnase piscine tennis football environnement déchets collecte tri ordures ménagères eau
assainissement réseau réseaux station épuration syndicat intercommunal communauté communes
départemental département région État préfet préfecture contrôle légalité recours tribunal
administratif délai mois publication affichage registre procès-verbal compte rendu séance
ordinaire extraordinaire quorum présents représentés absents excusés pouvoir pouvoirs vote
votes unanimité majorité abstention abstentions contre pour secrétaire président présidente
considérant vu code général collectivités territoriales loi décret arrêté arrêtés convention
conventions avenant avenants contrat contrats bail location loyer loyers emprunt emprunts
taux intérêt remboursement décision modificative investissement fonctionnement dépenses
recettes section excédent déficit report résultat exercice clôture compte administratif
gestion trésorier trésorerie inventaire amortissement provision crédit crédits chapitre
sécurité incendie défense extérieure hydrant pompiers gendarmerie police stationnement
circulation vitesse limitation signalisation panneau panneaux ralentisseur carrefour
aménagement aménagements rénovation énergétique isolation chauffage chaudière bois
photovoltaïque panneaux solaires toiture église cimetière concession concessions columbarium
patrimoine monument monuments historique fleurissement espaces verts arbres plantation
forêt forestier bois coupe affouage chasse pêche rivière berges inondation risque risques
""".split()

# Rare words: each is planted in a fixed, small number of documents.
RARE = {
    "ornithorynque": 3,
    "dodécaphonique": 12,
    "xylographie": 40,
    "palimpseste": 150,
}

SYLLABLES = "ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo fu ga ge gi go la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu".split()
ENDINGS = ["tion", "ment", "age", "ier", "ière", "eur", "ette", "é", "ée", "ois", "ault", "ac"]

KINDS = ["deliberation", "arrete", "proces_verbal", "compte_rendu", "convocation", "rapport"]
TITLES = [
    "Délibération n° {n} relative à {subject}",
    "Arrêté du maire n° {n} portant sur {subject}",
    "Procès-verbal de la séance du conseil municipal : {subject}",
    "Compte rendu de la commission : {subject}",
    "Rapport sur {subject}",
]
SUBJECTS = [
    "la cantine scolaire", "la voirie communale", "le budget primitif", "les tarifs de la garderie",
    "l'éclairage public", "le plan local d'urbanisme", "la cession d'un terrain", "les subventions aux associations",
    "la rénovation de l'école", "la collecte des déchets", "le recrutement d'un agent", "la salle polyvalente",
    "la sécurité incendie", "le cimetière communal", "la forêt communale", "l'assainissement collectif",
]


def _rare_vocabulary(rng, size):
    """Invented words for a long tail of the kind real archives have (names
    of places, people, firms)."""
    words = set()
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) + rng.choice(ENDINGS)
        words.add(word)
    return sorted(words)


class Corpus:
    """`Corpus(size).documents()` yields dicts with title, text, kind,
    act_date and reference; the same seed gives the same corpus."""

    def __init__(self, size, seed=2024, words_per_document=(250, 900)):
        self.size = size
        self.rng = random.Random(seed)
        self.words_per_document = words_per_document
        self.tail = _rare_vocabulary(self.rng, 20_000)
        # Which documents get each rare word, decided up front so that the
        # expected hit counts are exact.
        self.planted = {
            word: set(self.rng.sample(range(size), min(count, size))) for word, count in RARE.items()
        }

    def _sentence(self, rng):
        words = []
        for _ in range(rng.randint(8, 22)):
            roll = rng.random()
            if roll < 0.04:
                words.append(rng.choice(FREQUENT))
            elif roll < 0.9:
                # Zipf-like: the head of the list comes up far more often.
                words.append(COMMON[int(len(COMMON) * rng.random() ** 2.2)])
            else:
                words.append(self.tail[int(len(self.tail) * rng.random() ** 1.5)])
        words[0] = words[0].capitalize()
        return " ".join(words) + "."

    def _text(self, number, rng):
        target = rng.randint(*self.words_per_document)
        sentences = [f"Le conseil municipal de la commune, réuni sous la présidence du maire, vu l'article {number % 97 + 1} :"]
        count = len(sentences[0].split())
        while count < target:
            sentence = self._sentence(rng)
            sentences.append(sentence)
            count += len(sentence.split())
        for word, numbers in self.planted.items():
            if number in numbers:
                sentences.insert(rng.randrange(1, len(sentences)), f"Il est fait mention de {word} dans cet acte.")
        sentences.append("Ainsi fait et délibéré en séance, les jour, mois et an susdits. Le maire.")
        return " ".join(sentences)

    def document(self, number):
        rng = random.Random(number * 7919 + 17)
        year = 2005 + number % 20
        subject = SUBJECTS[number % len(SUBJECTS)]
        return {
            "title": TITLES[number % len(TITLES)].format(n=f"{year}-{number:06d}", subject=subject),
            "text": self._text(number, rng),
            "kind": KINDS[number % len(KINDS)],
            "act_date": datetime.date(year, 1 + number % 12, 1 + number % 28),
            "reference": f"ACTE-{year}-{number:06d}",
        }

    def documents(self):
        for number in range(self.size):
            yield self.document(number)
