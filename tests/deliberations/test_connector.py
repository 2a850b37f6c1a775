"""The préfecture connector: an act transmitted once, its acknowledgement
recorded, its status « transmis le … / exécutoire »; another connector is
plugged by a setting."""
import datetime

import pytest
from django.utils import timezone

from extensions.deliberations import connector, publication
from extensions.deliberations.connector import Acknowledgement, PrefectureConnector

from .helpers import hold


class RefusingConnector(PrefectureConnector):
    def transmit(self, deliberation, document):
        raise ConnectionError("préfecture injoignable")


class FixedConnector(PrefectureConnector):
    def transmit(self, deliberation, document):
        return Acknowledgement("034-213400000-20260311-2026_001-DE",
                               timezone.make_aware(datetime.datetime(2026, 3, 11, 9, 30)))


@pytest.fixture
def deliberation(seance, secretary, members, act_index, settings, django_capture_on_commit_callbacks):
    settings.DELIBERATIONS_PREFECTURE_CONNECTOR = "tests.deliberations.test_connector.RefusingConnector"
    held = hold(seance, secretary, members)
    deliberation = held.deliberations.get(position=1)
    publication.pseudonymise(deliberation, deliberation.text, secretary)
    with django_capture_on_commit_callbacks(execute=True):
        publication.publish_act(deliberation, secretary)
    deliberation.refresh_from_db()
    return deliberation


def test_a_failed_transmission_leaves_the_act_untransmitted(deliberation):
    assert deliberation.transmitted_at is None
    assert connector.act_status(deliberation, deliberation.act) == "Pas encore transmis à la préfecture."


def test_an_acknowledged_transmission(deliberation, settings):
    settings.DELIBERATIONS_PREFECTURE_CONNECTOR = "tests.deliberations.test_connector.FixedConnector"
    assert connector.transmit(deliberation)
    deliberation.refresh_from_db()
    assert deliberation.prefecture_id == "034-213400000-20260311-2026_001-DE"
    assert not connector.transmit(deliberation)  # once
    status = connector.act_status(deliberation, deliberation.act)
    assert "Transmis à la préfecture le 11 mars 2026" in status
    assert f"Exécutoire depuis le {deliberation.act.online_on:%-d}" in status
