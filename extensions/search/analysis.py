"""French text analysis in Python, for what the search servers and PostgreSQL
do themselves but SQLite's FTS5 cannot: elisions, stop words, accent folding
and a light French stemmer after J. Savoy's (the algorithm behind the
"light_french" stemmer the search servers use here). SQLite indexes and
queries the analysed terms; excerpts use them to find where words matched."""
import re
import unicodedata
from functools import lru_cache

WORD = re.compile(r"\w+", re.UNICODE)
ELISIONS = frozenset({"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "quoiqu", "lorsqu", "puisqu"})
# The articles, pronouns and prepositions French text is made of, folded.
STOP_WORDS = frozenset(
    """a au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me
    meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes
    toi ton tu un une vos votre vous c d j l m n s t y ete etre est sont""".split()
)


def fold(text):
    """Lower case without accents: "Délibération" -> "deliberation"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).replace("œ", "oe").replace("æ", "ae")


def tokens(text):
    """(start, end, word) for each word of `text`, apostrophes splitting
    elisions ("l'école" gives "l" then "école")."""
    return [(match.start(), match.end(), match.group()) for match in WORD.finditer(text)]


def _strip_double(word):
    """Collapse doubled letters ("ll" -> "l"), as Savoy's normalisation does."""
    out = [word[0]]
    for char in word[1:]:
        if char != out[-1] or not char.isalpha():
            out.append(char)
    return "".join(out)


def _norm(word):
    if len(word) > 4:
        word = _strip_double(word)
    if len(word) > 4 and word.endswith("ie"):
        word = word[:-2]
    if len(word) > 4:
        for suffix in ("r", "e", "e"):
            if word.endswith(suffix):
                word = word[:-1]
        if len(word) > 1 and word[-1] == word[-2] and word[-1].isalpha():
            word = word[:-1]
    return word


# (minimum length, suffix, replacement): the first that applies wins, then
# the word is normalised. Longer suffixes come first.
SUFFIXES = [
    (10, "issement", "ir"),
    (9, "issant", "ir"),
    (7, "ement", ""),
    (12, "ficatrice", "ficateur"),
    (11, "ficateur", "ficateur"),
    (10, "catrice", "quer"),
    (9, "cateur", "quer"),
    (9, "atrice", "ateur"),
    (8, "ateur", "ateur"),
    (7, "trice", "ter"),
    (8, "teuse", "teur"),
    (7, "teur", "ter"),
    (6, "euse", "eu"),
    (8, "ive", "if"),
    (5, "folle", "fou"),
    (5, "molle", "mou"),
    (10, "nnelle", "n"),
    (10, "nnel", "n"),
    (9, "esse", "e"),
    (8, "inage", "in"),
    (10, "isation", ""),
    (10, "isateur", ""),
    (9, "ation", ""),
    (9, "ition", ""),
]


@lru_cache(maxsize=65_536)
def stem(word):
    """A light French stem of a folded word: plurals and the common
    derivations meet ("cantines" and "cantine" give "cantin")."""
    if len(word) > 5 and word.endswith("aux") and word[-4] != "e":
        word = word[:-3] + "al"
    elif len(word) > 3 and word[-1] in "xs":
        word = word[:-1]
    for minimum, suffix, replacement in SUFFIXES:
        if len(word) >= minimum and word.endswith(suffix):
            word = word[: -len(suffix)] + replacement
            if suffix == "ement" and word.endswith("iv"):
                word = word[:-1] + "f"
            return _norm(word)
    if len(word) > 8 and word.endswith("ique"):
        word = word[:-4]
    return _norm(word)


def analyse_word(word):
    """The index term for one word, or None for a stop word."""
    folded = fold(word)
    if folded in STOP_WORDS or folded in ELISIONS:
        return None
    return stem(folded)


def analyse(text):
    """The index terms of `text`, in order."""
    terms = (analyse_word(word) for _start, _end, word in tokens(text))
    return [term for term in terms if term]


def analysed_text(text):
    """`text` as the space-separated terms SQLite's FTS5 indexes."""
    return " ".join(analyse(text or ""))


def folded_text(text):
    """`text` folded but not stemmed: what autocomplete prefixes match."""
    return " ".join(fold(word) for _start, _end, word in tokens(text or ""))
