"""The budget an item applies to is named by its year and its name
together, as the SCDL open-data export requires (BUDGET_ANNEE and
BUDGET_NOM both or neither): a French message otherwise, nothing saved."""
import pytest

from extensions.deliberations.forms import ItemForm


def form(deliberation, **budget):
    return ItemForm({"matiere_code": "7.1", "public_requests": 0, "secret_requests": 0, **budget}, instance=deliberation,
                    present_or_represented=0, epci=False)


@pytest.mark.parametrize("budget, field", [({"budget_year": 2026}, "budget_name"),
                                           ({"budget_name": "Budget principal"}, "budget_year")])
def test_a_budget_needs_its_year_and_its_name(seance, budget, field):
    deliberation = seance.deliberations.first()
    item = form(deliberation, **budget)
    assert not item.is_valid()
    assert item.errors[field] == ["Donnez ensemble l’année et le nom du budget (par exemple 2026, "
                                  "«\u00a0Budget principal\u00a0»)."]
    deliberation.refresh_from_db()
    assert (deliberation.budget_year, deliberation.budget_name) == (None, "")


def test_both_or_neither_is_fine(seance):
    deliberation = seance.deliberations.first()
    assert form(deliberation).is_valid()
    item = form(deliberation, budget_year=2026, budget_name="Budget principal")
    assert item.is_valid(), item.errors
    item.save()
    deliberation.refresh_from_db()
    assert (deliberation.budget_year, deliberation.budget_name, deliberation.matiere_name) == (
        2026, "Budget principal", "Décisions budgétaires")
