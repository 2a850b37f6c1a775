"""The register (L2121-23, R2121-9): numbers in the séance and in the year
without gaps, a closing sheet per séance, yearly tables by date and by
subject that list every deliberation."""
import datetime
import io

import pypdfium2
import pytest
from django.utils import timezone

from extensions.deliberations import register
from extensions.deliberations import seance as seance_service
from extensions.deliberations.seance import SeanceError

from .conftest import all_for, leave, make_meeting
from .helpers import hold


def pdf_text(data):
    pdf = pypdfium2.PdfDocument(io.BytesIO(data))
    return "\n".join(page.get_textpage().get_text_range() for page in pdf)


@pytest.fixture
def second_meeting(meeting_index, council):
    start = timezone.make_aware(datetime.datetime(2026, 6, 2, 19, 0))
    return make_meeting(meeting_index, council, start, titles=("Compte administratif", "Subvention au club"))


def test_numbers_follow_each_other_across_the_year(seance, second_meeting, secretary, members):
    hold(seance, secretary, members)
    second = seance_service.seance_for(second_meeting)
    second.deliberations.update(text="Le conseil municipal approuve.")
    from .conftest import arrive

    arrive(second, *members[:7])
    seance_service.open_seance(second, secretary, members[0], [members[1]])
    first, other = second.deliberations.order_by("position")
    leave(second, *members[4:7])  # quorum lost: the refusal must not use a number
    with pytest.raises(SeanceError):
        seance_service.record_vote(first, all_for(second, first))
    arrive(second, *members[4:7])
    # Voted in the other order than the agenda: numbers follow the votes.
    seance_service.record_vote(other, all_for(second, other))
    seance_service.record_vote(first, all_for(second, first))
    numbers = sorted(register.year_deliberations(seance.meeting.instance, 2026).values_list(
        "number_in_year", flat=True))
    assert numbers == [1, 2, 3, 4, 5]
    other.refresh_from_db()
    first.refresh_from_db()
    assert (other.number_in_seance, other.reference) == (1, "2026-004")
    assert (first.number_in_seance, first.reference) == (2, "2026-005")


def test_the_yearly_tables_list_every_deliberation(seance, secretary, members):
    hold(seance, secretary, members, votes={2: "contre"})
    text = pdf_text(register.yearly_tables(seance.meeting.instance, 2026))
    assert "Table par date" in text and "Table par matière" in text
    for reference in ("2026-001", "2026-002", "2026-003"):
        assert text.count(reference) == 2  # once in each table
    assert "Tarifs de la cantine" in text


def test_the_closing_sheet(seance, secretary, members):
    hold(seance, secretary, members)
    text = pdf_text(register.closing_sheet(seance))
    assert "2026-003" in text and "Arnaud" in text and "Klein" not in text  # Klein did not come
    # L2121-23: signed by the president (with the role of the mandate) and the secretary.
    assert "Signatures" in text and "Maire" in text and "Secrétaire de séance" in text


@pytest.mark.postgresql("SQLite serialises every write: the race needs row locks")
def test_two_votes_at_the_same_moment_get_consecutive_numbers(django_db_serialized_rollback, transactional_db,
                                                              seance, members, secretary):
    """Two items voted at once from two requests (threads, each with its
    own connection) get numbers 1 and 2, never the same one."""
    import threading

    from django.db import connections

    from .conftest import arrive

    arrive(seance, *members[:8])
    seance_service.open_seance(seance, secretary, members[0], [members[1]])
    items = list(seance.deliberations.order_by("position")[:2])
    tallies = [all_for(seance, item) for item in items]
    barrier, errors = threading.Barrier(2), []

    def vote(item, tally):
        try:
            barrier.wait()
            seance_service.record_vote(item, tally)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=vote, args=pair) for pair in zip(items, tallies)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbered = seance.deliberations.exclude(number_in_year=None)
    assert sorted(numbered.values_list("number_in_year", flat=True)) == [1, 2]
    assert sorted(numbered.values_list("number_in_seance", flat=True)) == [1, 2]
