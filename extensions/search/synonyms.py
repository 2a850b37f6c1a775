"""Synonyms and abbreviations (« PLU » and « plan local d’urbanisme »):
the query is expanded, so every backend applies the one list staff edit
(models.SearchSynonyms) without reindexing anything."""
from modelsearch.query import And, Or, PlainText

from .analysis import ELISIONS, STOP_WORDS, fold, tokens
from .models import SearchSynonyms


def words(text):
    """The folded words that carry meaning (no elision, no stop word)."""
    folded = (fold(word) for _start, _end, word in tokens(text))
    return tuple(word for word in folded if word not in ELISIONS and word not in STOP_WORDS)


def parse(groups):
    """[[expression, ...], ...] from the setting's text: one group a line."""
    parsed = []
    for line in groups.splitlines():
        expressions = [expression.strip() for expression in line.split(",")]
        expressions = [expression for expression in expressions if words(expression)]
        if len(expressions) > 1:
            parsed.append(expressions)
    return parsed


def groups_for(request):
    return parse(SearchSynonyms.load(request_or_site=request).groups)


def expand(query, groups):
    """(what the backends search, the words to highlight): `query` itself
    when no expression of a group occurs in it; else the query with each
    expression found replaced by any of its group (all of its words)."""
    query_words = words(query)
    patterns = sorted(
        ((words(expression), group) for group in groups for expression in group), key=lambda item: -len(item[0])
    )
    alternatives, rest, position = [], [], 0
    while position < len(query_words):
        for pattern, group in patterns:
            if query_words[position : position + len(pattern)] == pattern:
                alternatives.append(group)
                position += len(pattern)
                break
        else:
            rest.append(query_words[position])
            position += 1
    if not alternatives:
        return query, query
    parts = [Or([PlainText(" ".join(words(expression)), operator="and") for expression in group])
             for group in alternatives]
    if rest:
        parts.append(PlainText(" ".join(rest), operator="and"))
    highlighted = " ".join([query, *(expression for group in alternatives for expression in group)])
    return (parts[0] if len(parts) == 1 else And(parts)), highlighted
