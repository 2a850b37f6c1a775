"""First readings: one per member whatever happens (reloads, concurrent
requests), a right "read by N / M" and the lists of who has and has not
read, shown to the author and the people who run the space only."""
import threading
from unittest import mock

import pytest
from django.db import connection
from django.db.models.query import QuerySet

from extensions.commissions.models import Reading
from extensions.commissions.readings import reading_status, record_reading
from tests.commissions.conftest import join, publish
from tests.factories import UserFactory
from tests.html import soup

pytestmark = pytest.mark.django_db


def test_reading_twice_records_one_first_reading(cast, publication, sign_in):
    client = sign_in(cast["elu_member"])
    client.get(publication.get_url())
    first = Reading.objects.get(publication=publication, user=cast["elu_member"]).read_at
    client.get(publication.get_url())
    assert Reading.objects.filter(publication=publication, user=cast["elu_member"]).count() == 1
    assert Reading.objects.get(publication=publication, user=cast["elu_member"]).read_at == first


def test_non_members_leave_no_reading(cast, publication):
    assert record_reading(publication, cast["elu_non_member"]) is False
    assert not Reading.objects.filter(user=cast["elu_non_member"]).exists()


def test_the_author_has_read_their_publication_when_published_from_the_front(cast, urbanisme, sign_in):
    client = sign_in(cast["president"])
    client.post(urbanisme.page.url + "publications/nouvelle/", {"title": "Ordre du jour", "text": "Points 1 à 3."})
    status = reading_status(urbanisme.publications.get())
    assert [member.user for member, _at in status.readers] == [cast["president"]]


def test_the_counter_and_lists(cast, urbanisme, publication):
    others = [UserFactory(username=f"conseiller{i}") for i in range(3)]
    for user in others:
        join(urbanisme, user)
    record_reading(publication, cast["president"])
    record_reading(publication, others[0])
    status = reading_status(publication)
    assert (status.read_count, status.member_count) == (2, 5)
    assert {m.user for m, _at in status.readers} == {cast["president"], others[0]}
    assert {m.user for m in status.non_readers} == {cast["elu_member"], others[1], others[2]}


def test_a_reader_who_left_the_space_is_no_longer_counted(cast, urbanisme, publication):
    record_reading(publication, cast["elu_member"])
    urbanisme.memberships.get(user=cast["elu_member"]).delete()
    status = reading_status(publication)
    assert (status.read_count, status.member_count) == (0, 1)


@pytest.mark.parametrize("role, sees", [("president", True), ("elu_member", False)])
def test_who_sees_the_readings(role, sees, cast, publication, sign_in):
    response = sign_in(cast[role]).get(publication.get_url())
    page = soup(response)
    assert (page.find(id="readers") is not None) == sees
    assert (page.find(id="non-readers") is not None) == sees


def test_the_author_sees_the_readings_even_without_running_the_space(cast, urbanisme, sign_in):
    item = publish(urbanisme, cast["elu_member"], title="Note de Paul")
    sign_in(cast["president"]).get(item.get_url())
    response = sign_in(cast["elu_member"]).get(item.get_url())
    readers = soup(response).find(id="readers").get_text()
    assert "Claire Durand" in readers
    assert "2 / 2" in soup(response).find(id="reading-title").get_text()


def run_concurrently(functions):
    """Runs the functions in threads released together; returns their results
    (or the exception each raised)."""
    barrier = threading.Barrier(len(functions))
    results = [None] * len(functions)

    def run(index, function):
        try:
            barrier.wait()
            results[index] = function()
        except Exception as exc:  # reported to the test, which fails on it
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_a_lost_race_reads_the_winner_s_row(cast, publication):
    """What the losing request of a race goes through: its first look finds
    nothing, its insert hits the unique constraint, it returns the winner's
    reading instead of failing."""
    Reading.objects.create(publication=publication, user=cast["elu_member"])
    real_get = QuerySet.get
    looks = []

    def get_missing_first(queryset, *args, **kwargs):
        looks.append(kwargs)
        if len(looks) == 1:
            raise Reading.DoesNotExist
        return real_get(queryset, *args, **kwargs)

    with mock.patch.object(QuerySet, "get", get_missing_first):
        assert record_reading(publication, cast["elu_member"]) is False
    assert len(looks) == 2
    assert Reading.objects.filter(publication=publication).count() == 1


@pytest.mark.postgresql(
    "SQLite's shared in-memory test database refuses concurrent writers (table locks) instead of making them wait"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_readers_are_counted_right(home_page):
    """Eight requests of the same member at once, and one request each from
    six other members at once: one reading per person, none lost."""
    from extensions.commissions.models import Space

    space = Space.objects.create(name="Conseil municipal")
    readers = [UserFactory(username=f"elu{i}") for i in range(7)]
    for user in readers:
        join(space, user)
    item = publish(space, None, attachment=False)

    same_person = run_concurrently([lambda: record_reading(item, readers[0])] * 8)
    assert [r for r in same_person if isinstance(r, Exception)] == []
    assert same_person.count(True) == 1

    several = run_concurrently([lambda user=user: record_reading(item, user) for user in readers[1:]])
    assert several == [True] * 6
    status = reading_status(item)
    assert (status.read_count, status.member_count) == (7, 7)
    assert Reading.objects.filter(publication=item).count() == 7
