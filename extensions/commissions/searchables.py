"""Space publications in the site's search (extensions.search registry):
members and superusers find them; anyone else never sees them, not even as
a count, a facet value or a suggestion."""
from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from extensions.search.registry import Facet, Result, SearchableType, indexed_text, register

from .access import visible_spaces
from .models import Publication, Space


def visible_publications_for(request):
    """By space id: the search backends filter on FilterFields, no joins."""
    space_ids = list(visible_spaces(request.user).values_list("pk", flat=True))
    return Publication.objects.filter(space__in=space_ids)


def present_publications(publications, request):
    spaces = Space.objects.select_related("page").in_bulk({p.space_id for p in publications})
    results = []
    for publication in publications:
        publication.space = spaces[publication.space_id]
        results.append(
            Result(
                obj=publication,
                title=publication.title,
                url=publication.get_url(request),
                type_label=str(_("Publication")),
                date=publication.published_at,
                details=[publication.space.name],
                text=indexed_text(publication),
            )
        )
    return results


class SpaceNames(Mapping):
    """Facet labels: a space's name, looked up only for the values the
    visitor's own results carry."""

    def __getitem__(self, space_id):
        name = Space.objects.filter(pk=space_id).values_list("name", flat=True).first()
        if name is None:
            raise KeyError(space_id)
        return name

    def __iter__(self):
        return iter(())

    def __len__(self):
        return 0


register(
    SearchableType(
        key="publications",
        label=_("Space publications"),
        model=Publication,
        visible=visible_publications_for,
        present=present_publications,
        date_field="published_at",
        facets={"space": Facet("space_id", labels=SpaceNames())},
        order=30,
    )
)
