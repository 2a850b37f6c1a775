"""Two agents saving the same bureau at the same moment, each from the same
version, on two database connections: one is recorded, the other is
refused as stale — never a silent overwrite. PostgreSQL only (SQLite
serialises every write, there is no race to test)."""
import threading

import pytest
from django.db import connection, connections

from extensions.elections.entry import StaleResult, save_result
from extensions.elections.models import BureauResult

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs two PostgreSQL connections")

FIGURES = {"inscrits": 800, "votants": 500, "emargements": 500, "blancs": 10, "nuls": 5, "gap_reason": ""}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("start_version", [0, 1])
def test_concurrent_saves_one_wins_the_other_is_stale(home_page, scrutin, bureaux, agent, start_version):
    bureau = bureaux[0]
    candidatures = list(scrutin.ordered_candidatures())
    if start_version:
        save_result(scrutin=scrutin, bureau=bureau, user=agent, figures=FIGURES, voix={}, version=0, validate=False)
    barrier = threading.Barrier(2)
    outcomes = []

    def agent_saves(blancs):
        try:
            barrier.wait(timeout=10)
            save_result(scrutin=scrutin, bureau=bureau, user=agent, figures={**FIGURES, "blancs": blancs},
                        voix={candidatures[0]: 485 - blancs + 10}, version=start_version, validate=False)
            outcomes.append(("saved", blancs))
        except StaleResult:
            outcomes.append(("stale", blancs))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=agent_saves, args=(blancs,)) for blancs in (10, 12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(kind for kind, _blancs in outcomes) == ["saved", "stale"]
    [winner] = [blancs for kind, blancs in outcomes if kind == "saved"]
    result = BureauResult.objects.get()
    assert (result.version, result.blancs) == (start_version + 1, winner)
