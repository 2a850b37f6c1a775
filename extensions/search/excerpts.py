"""Highlighted excerpts: the passage of a result's text (a page's body, a
PDF's extracted text...) where most of the searched words occur, with those
words marked. Words are compared after French analysis, so "cantines"
marks "cantine" and "deliberation" marks "délibération"."""
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .analysis import WORD, analyse_word, fold, tokens

# Long extracted texts are scanned up to this many characters.
SCAN_LIMIT = 500_000
WORDS_BEFORE = 12
WORDS_AFTER = 24
# The best passage is chosen among the first hits.
MAX_HITS = 200


@lru_cache(maxsize=1024)
def query_terms(query):
    """The analysed terms of the query, and its folded words (a word being
    typed matches as a prefix): once per query, not once per result."""
    words = [word for _start, _end, word in tokens(query)]
    return (frozenset(term for term in map(analyse_word, words) if term),
            tuple({fold(word) for word in words if len(word) > 2}))


@lru_cache(maxsize=131_072)
def word_keys(word):
    """(term, folded) of a word of a text: each distinct word analysed once
    per process, however often it occurs in however many results."""
    return analyse_word(word), fold(word)


def _matches(word, terms, prefixes):
    term, folded = word_keys(word)
    return term in terms or any(folded.startswith(prefix) for prefix in prefixes)


def best_window(words, hits):
    """The hit whose window covers the most distinct words (among the
    first hits: a frequent word may occur thousands of times)."""
    hits = hits[:MAX_HITS]
    folded = {i: word_keys(words[i][2])[1] for i in hits}
    best, best_score = hits[0], 0
    for position in hits:
        window = {folded[i] for i in hits if position - WORDS_BEFORE <= i <= position + WORDS_AFTER}
        if len(window) > best_score:
            best, best_score = position, len(window)
    return best


def _render(text, words, first, last, marked):
    out = ["… " if first > 0 else ""]
    cursor = words[first][0]
    for start, end, word in words[first : last + 1]:
        out.append(escape(text[cursor:start]))
        out.append(f"<mark>{escape(word)}</mark>" if start in marked else escape(word))
        cursor = end
    out.append(" …" if last < len(words) - 1 else escape(text[cursor:]))
    return mark_safe("".join(out).strip())


def _hits(words, query):
    """Positions of the words that match: each distinct word of the text
    is looked at once."""
    terms, prefixes = query_terms(query)
    matched = {word for word in {word for _s, _e, word in words} if _matches(word, terms, prefixes)}
    return [i for i, (_s, _e, word) in enumerate(words) if word in matched]


def _scan(text, query):
    """(words, hits) of `text`, read only as far as the passage can reach:
    a frequent word's MAX_HITS first hits and a window after them (a long
    extracted text is not split into words to its end)."""
    terms, prefixes = query_terms(query)
    words, hits, matched = [], [], {}
    for match in WORD.finditer(text):
        word = match.group()
        if hits[MAX_HITS - 1 : MAX_HITS] and len(words) > hits[MAX_HITS - 1] + WORDS_BEFORE + WORDS_AFTER:
            words.append((match.start(), match.end(), word))  # the text goes on: "…"
            break
        if word not in matched:
            matched[word] = _matches(word, terms, prefixes)
        if matched[word]:
            hits.append(len(words))
        words.append((match.start(), match.end(), word))
    return words, hits


def excerpt(text, query):
    """HTML: about 40 words of `text` around the best match, matched words
    in <mark>; the beginning of the text when nothing matches."""
    words, hits = _scan((text or "")[:SCAN_LIMIT], query)
    if not words:
        return ""
    first = max(best_window(words, hits) - WORDS_BEFORE, 0) if hits else 0
    last = min(first + WORDS_BEFORE + WORDS_AFTER, len(words) - 1)
    return _render(text, words, first, last, {words[i][0] for i in hits[:MAX_HITS]})


def highlight(title, query):
    """HTML: the whole title with the matched words marked."""
    words = tokens(title or "")
    if not words:
        return escape(title or "")
    return _render(title, words, 0, len(words) - 1, {words[i][0] for i in _hits(words, query)})
