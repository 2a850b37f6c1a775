"""Highlighted excerpts: the passage of a result's text (a page's body, a
PDF's extracted text...) where most of the searched words occur, with those
words marked. Words are compared after French analysis, so "cantines"
marks "cantine" and "deliberation" marks "délibération".

A result's text can be a long PDF's: each distinct word of it is analysed
once (and once per process, cached), the matching words are then found by
one regular expression, and only the passage shown is split into words in
Python. The search stops at the first passage that holds every searched
word: for a word found thousands of times, the first occurrence will do."""
import re
from bisect import bisect_left
from functools import lru_cache
from html import escape
from itertools import islice, takewhile
from operator import itemgetter

from django.utils.safestring import mark_safe

from .analysis import WORD, analyse_word, fold, tokens

# Long extracted texts are scanned up to this many characters.
SCAN_LIMIT = 500_000
WORDS_BEFORE = 12
WORDS_AFTER = 24
# The best passage is chosen among the first hits.
MAX_HITS = 200
# Characters looked back for the words before a hit (doubled if too few).
LOOK_BACK = 20 * WORDS_BEFORE


@lru_cache(maxsize=1024)
def query_words(query):
    """((term, folded prefix or None), …) for each word of the query: a word
    being typed matches as a prefix. Once per query, not once per result."""
    words = [word for _start, _end, word in tokens(query)]
    keys = {(analyse_word(word), fold(word) if len(word) > 2 else None) for word in words}
    return tuple(key for key in keys if key != (None, None))


@lru_cache(maxsize=131_072)
def word_keys(word):
    """(term, folded) of a word of a text: each distinct word analysed once
    per process, however often it occurs in however many results."""
    return analyse_word(word), fold(word)


@lru_cache(maxsize=131_072)
def matched_query_words(word, wanted):
    """The indexes, in `wanted` (query_words()), of the query words `word`
    matches (cached: the words of a search's results repeat)."""
    term, folded = word_keys(word)
    return frozenset(
        i for i, (query_term, prefix) in enumerate(wanted)
        if (query_term and term == query_term) or (prefix and folded.startswith(prefix))
    )


def _matching(text, wanted):
    """{word: query words it matches} for the distinct words of `text` that
    match any."""
    found = {}
    for word in set(WORD.findall(text)):
        matched = matched_query_words(word, wanted)
        if matched:
            found[word] = matched
    return found


def _hits(text, matching, wanted):
    """[(word index, start, query words matched)] of the matching words, in
    order, until a passage holds every query word (or MAX_HITS)."""
    alternatives = "|".join(map(re.escape, sorted(matching, key=len, reverse=True)))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    hits, index, cursor = [], -1, 0
    for match in pattern.finditer(text):
        index += len(WORD.findall(text, cursor, match.start())) + 1
        cursor = match.end()
        hits.append((index, match.start(), matching[match.group()]))
        if len(hits) >= MAX_HITS or _complete_passage(hits, len(wanted)):
            break
    return hits


def _covered(hits, hit):
    """The query words of the hits in the passage around `hit` (hits are in
    order: only the neighbours are looked at)."""
    first, last = hit[0] - WORDS_BEFORE, hit[0] + WORDS_AFTER
    position = bisect_left(hits, first, key=itemgetter(0))
    passage = takewhile(lambda other: other[0] <= last, islice(hits, position, None))
    return frozenset().union(*(matched for _index, _start, matched in passage))


def _complete_passage(hits, wanted):
    """True when the passage around a hit that reaches the newest one holds
    every query word: later hits cannot make a better one."""
    newest = hits[-1][0]
    recent = takewhile(lambda hit: hit[0] >= newest - WORDS_AFTER, reversed(hits))
    return any(len(_covered(hits, hit)) == wanted for hit in recent)


def best_hit(hits):
    """The hit whose passage holds the most query words (the first such)."""
    return max(hits, key=lambda hit: len(_covered(hits, hit)))


def _words_before(text, start, wanted):
    """Up to `wanted` words ending before `start`, as (start, end, word)."""
    look_back = LOOK_BACK
    while True:
        first = max(start - look_back, 0)
        found = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text, first, start)]
        if first > 0:
            found = found[1:]  # the scan may begin inside a word
        if len(found) >= wanted or first == 0:
            return found[max(len(found) - wanted, 0):]
        look_back *= 2


def _render(text, words, more_before, more_after, marked):
    """The passage of `words`, escaped, with the `marked` words in <mark>."""
    out = ["… " if more_before else ""]
    cursor = words[0][0]
    for start, end, word in words:
        if word in marked:
            out.append(f"{escape(text[cursor:start])}<mark>{escape(word)}</mark>")
            cursor = end
    end = words[-1][1] if more_after else len(text)
    out.append(escape(text[cursor:end]) + (" …" if more_after else ""))
    return mark_safe("".join(out).strip())


def excerpt(text, query):
    """HTML: about 40 words of `text` around the best match, matched words
    in <mark>; the beginning of the text when nothing matches."""
    text = (text or "")[:SCAN_LIMIT]
    wanted = query_words(query)
    matching = _matching(text, wanted) if wanted else {}
    before, start = [], 0
    if matching:
        index, start, _matched = best_hit(_hits(text, matching, wanted))
        before = _words_before(text, start, min(index, WORDS_BEFORE))
    length = WORDS_BEFORE + WORDS_AFTER + 1 - len(before)
    after = [(m.start(), m.end(), m.group()) for m in islice(WORD.finditer(text, start), length + 1)]
    words = before + after[:length]
    if not words:
        return ""
    more_before = bool(WORD.search(text, 0, words[0][0]))
    return _render(text, words, more_before, len(after) > length, matching)


def highlight(title, query):
    """HTML: the whole title with the matched words marked."""
    title = title or ""
    words = tokens(title)
    if not words:
        return escape(title)
    wanted = query_words(query)
    return _render(title, words, False, False, _matching(title, wanted) if wanted else {})
