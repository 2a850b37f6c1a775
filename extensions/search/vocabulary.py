"""The vocabulary of the index, for spelling suggestions on the database
backends: they record the words of what they index (one statement per
batch), and a misspelt word is looked up among them by trigram similarity,
by pg_trgm's index on PostgreSQL, in Python over a bounded candidate set on
SQLite. The search servers use their own suggester instead (servers.py).

The table holds the words of private content too: it never reaches a
visitor by itself, spelling.py offers a correction only when the corrected
search finds something the visitor may see."""
import re
from collections import Counter
from functools import lru_cache

from django.db import connections, router

from .analysis import STOP_WORDS, fold, tokens
from .models import Word
from .registry import indexed_text

# A word: letters only, as PostgreSQL's [[:alpha:]] in a UTF-8 locale has
# them (str.isalpha(); they differ on digits of other scripts, Roman
# numeral signs and circled letters, which French text does not use), 3 to
# 60 of them: no numbers, references or single letters, and a word longer
# than the column is no word anyone types. RUN is \w without digits or "_":
# it also takes the numbers that are not digits (« km² », « ½ »), which
# counted_words() then treats as the separators they are. WORD: a word of a
# query that may be corrected.
RUN = re.compile(r"[^\W\d_]+", re.UNICODE)
WORD = re.compile(r"[^\W\d_]{3,60}", re.UNICODE)
SIMILARITY = 0.3  # pg_trgm's default threshold, in Python too
SQLITE_CANDIDATES = 5000


@lru_cache(maxsize=131_072)
def folded_word(word):
    """The table's key for a lower-case word, or None for a stop word."""
    folded = fold(word)
    return None if folded in STOP_WORDS or len(folded) > 60 else folded


def counted_words(texts):
    """{word as written: occurrences} over `texts`. Counted as runs first
    (findall and Counter work in C), then each distinct run checked once:
    0.2 s for 1,000 acts, where looking at every occurrence in Python took
    0.35 s."""
    runs = Counter()
    for text in texts:
        runs.update(RUN.findall(text or ""))
    found = Counter()
    for run, count in runs.items():
        words = (run,) if run.isalpha() else "".join(c if c.isalpha() else " " for c in run).split()
        for word in words:
            if 3 <= len(word) <= 60:
                found[word] += count
    return found


def words_of(texts):
    """{folded: (word, occurrences)}, each word as shown (lower case, accents
    kept; of the forms folded alike, the least, as on PostgreSQL)."""
    found = {}
    for word, count in counted_words(texts).items():
        word = word.lower()
        folded = folded_word(word)
        if folded:
            shown, occurrences = found.get(folded, (word, 0))
            found[folded] = (min(shown, word), occurrences + count)
    return found


def object_text(obj):
    return f"{getattr(obj, 'title', '')}\n{indexed_text(obj)}"


def record(objs):
    """Adds the words of `objs` (just indexed) to the vocabulary: SQLite's
    way (PostgreSQL records a batch's words with record_words())."""
    found = words_of(object_text(obj) for obj in objs)
    if not found:
        return
    connection = connections[router.db_for_write(Word)]
    table = Word._meta.db_table
    upsert = f"ON CONFLICT (folded) DO UPDATE SET word = EXCLUDED.word, weight = {table}.weight + EXCLUDED.weight"
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (folded, word, weight) VALUES (%s, %s, %s) {upsert}",
            [(folded, word, count) for folded, (word, count) in found.items()],
        )


# PostgreSQL's side of record(), for a batch being indexed: its words as
# counted_words() found them in the texts of the index entries (title_text,
# body_text), lower-cased and folded by PostgreSQL as it folds the index
# (lower(), unaccent), once per distinct word; one form shown per folded
# key. For 1,000 acts: counting takes Python 0.2 s, while the server builds
# the vectors (FrenchPostgresIndex.add_items), and this statement the server
# 0.12 s, where splitting the stored texts again in SQL took it 0.64 s. The word
# table's fillfactor (migration 0004) leaves room on each page for the new
# version of a row: `weight` is in no index, so the update is HOT, with no
# entry to add to the trigram index and the two btrees.
RECORD_WORDS = """
INSERT INTO {words} (folded, word, weight)
SELECT folded, min(word), sum(occurrences) FROM (
    SELECT unaccent(lower(word)) AS folded, lower(word) AS word, occurrences
    FROM unnest(%(words)b::text[], %(occurrences)b::integer[]) AS counted(word, occurrences)
) AS counted
WHERE folded <> ALL(%(stop_words)s) AND length(folded) <= 60
GROUP BY folded ORDER BY folded
ON CONFLICT (folded) DO UPDATE SET word = EXCLUDED.word, weight = {words}.weight + EXCLUDED.weight
"""


def record_words(cursor, texts):
    """record() on PostgreSQL, for `texts` (a batch's plain texts): one
    statement on `cursor` (a psycopg cursor: Django's would quote the
    arrays into the statement), none without words."""
    found = counted_words(texts)
    if found:
        cursor.execute(
            RECORD_WORDS.format(words=Word._meta.db_table),
            {"words": list(found), "occurrences": list(found.values()), "stop_words": sorted(STOP_WORDS)},
        )


def trigrams(word):
    """pg_trgm's trigrams of one word: padded with two spaces before, one after."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(first, second):
    """pg_trgm's similarity(): shared trigrams over all trigrams."""
    a, b = trigrams(first), trigrams(second)
    return len(a & b) / len(a | b) if a | b else 0.0


def edit_distance(first, second):
    """Damerau-Levenshtein (optimal string alignment): a swap costs one."""
    previous2, previous = None, list(range(len(second) + 1))
    for i, char in enumerate(first, 1):
        current = [i]
        for j, other in enumerate(second, 1):
            cost = char != other
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and char == second[j - 2] and first[i - 2] == other:
                value = min(value, previous2[j - 2] + 1)
            current.append(value)
        previous2, previous = previous, current
    return previous[-1]


def known(folded_words):
    return set(Word.objects.filter(folded__in=folded_words).values_list("folded", flat=True))


def candidates(folded):
    """(word, folded, weight) of the indexed words that look like `folded`."""
    connection = connections[router.db_for_read(Word)]
    if connection.vendor == "postgresql":
        return Word.objects.raw(
            f"SELECT id, word, folded, weight FROM {Word._meta.db_table} "
            "WHERE folded %% %s ORDER BY similarity(folded, %s) DESC, weight DESC LIMIT 20",
            [folded, folded],
        )
    # Same first letter, about the same length: a bounded set, the most
    # frequent first (a range on the unique index, not a LIKE, which SQLite
    # would not serve from it).
    nearby = Word.objects.filter(folded__gte=folded[0], folded__lt=chr(ord(folded[0]) + 1))
    return [
        word
        for word in nearby.order_by("-weight")[:SQLITE_CANDIDATES]
        if abs(len(word.folded) - len(folded)) <= 2 and similarity(word.folded, folded) >= SIMILARITY
    ]


def closest(folded):
    """The indexed word closest to `folded` (a word nobody indexed), or None:
    fewest edits, then most frequent, then most similar. Frequency before
    similarity: « urbanisem » is one swap from « urbanisme » and one letter
    from « urbaniser », which shares a trigram more; the word the archive
    uses most is the one people mean."""
    found = [
        (edit_distance(folded, word.folded), -word.weight, -similarity(folded, word.folded), word.word)
        for word in candidates(folded)
    ]
    found = [item for item in found if item[0] <= max(1, len(folded) // 4)]
    return min(found)[3] if found else None


def corrected(query):
    """`query` with each word the index does not hold replaced by the
    closest word it holds, or None when no word changes."""
    spans = [(start, end, folded_word(word.lower())) for start, end, word in tokens(query)
             if WORD.fullmatch(word.lower())]
    spans = [(start, end, key) for start, end, key in spans if key]
    held = known({key for _start, _end, key in spans})
    out, cursor = [], 0
    for start, end, key in spans:
        replacement = None if key in held else closest(key)
        if replacement:
            out += [query[cursor:start], replacement]
            cursor = end
    return "".join(out) + query[cursor:] if out else None
