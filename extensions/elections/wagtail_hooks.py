"""Admin of the elections, on Wagtail's ModelViewSet: scrutins, bureaux de
vote and candidatures are set up before the day by whoever has the model
permissions (superusers, or a group given them). Results are entered on
the front end by the election office (views.py), never here."""
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .agenda import agenda_section
from .models import BureauDeVote, Candidature, Scrutin
from .roles import can_enter_results


class ScrutinViewSet(ModelViewSet):
    model = Scrutin
    icon = "list-ol"
    menu_label = _("Scrutins")
    list_display = ["title", "kind", "round", "day", "site"]
    list_filter = ["kind", "round", "site"]
    search_fields = ["title", "commune_name"]
    form_fields = ["site", "kind", "title", "day", "round", "first_round", "commune_code", "commune_name",
                   "population", "seats", "bureaux"]
    copy_view_enabled = False


class BureauViewSet(ModelViewSet):
    model = BureauDeVote
    icon = "home"
    menu_label = _("Bureaux de vote")
    list_display = ["number", "name", "inscrits", "site"]
    list_filter = ["site"]
    form_fields = ["site", "number", "name", "address", "inscrits"]
    copy_view_enabled = False


class CandidatureViewSet(ModelViewSet):
    model = Candidature
    icon = "user"
    menu_label = _("Lists and candidates")
    list_display = ["panel", "name", "head", "nuance", "scrutin"]
    list_filter = ["scrutin"]
    form_fields = ["scrutin", "panel", "name", "head", "nuance", "candidates_birth_dates"]
    copy_view_enabled = False


class ElectionsGroup(ModelViewSetGroup):
    menu_label = _("Elections")
    menu_icon = "list-ol"
    items = (ScrutinViewSet("scrutins"), BureauViewSet("bureaux_de_vote"), CandidatureViewSet("candidatures"))


@hooks.register("register_admin_viewset")
def register_viewsets():
    return ElectionsGroup()


class EntryMenuItem(MenuItem):
    def is_shown(self, request):
        return can_enter_results(request.user)


@hooks.register("register_admin_menu_item")
def register_entry_link():
    return EntryMenuItem(_("Results entry"), reverse("elections:scrutin_list"), icon_name="edit", order=900)


hooks.register("agenda_sections", agenda_section)
