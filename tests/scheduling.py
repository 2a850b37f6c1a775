"""pytest-xdist's `--dist loadfile`, kept in the order pytest-django gives a
serial run: every worker runs the ordinary database tests before the
transactional ones (which flush the tables, migrations' rows included:
Wagtail's root page, the roles), then the tests without a database.

pytest-django sorts the collection into those three phases, which splits a
file whose tests fall in several of them; plain loadfile would send a whole
file at once, and a worker's next file would start on flushed tables. Here
each contiguous run of a file is its own work unit, and units go out in
collection order (not xdist's largest-first reordering, which would mix the
phases)."""
from xdist.scheduler import LoadFileScheduling


class DatabaseOrderScheduling(LoadFileScheduling):
    def schedule(self):
        if self.collection is None and self.registered_collections:
            self._units = work_units(next(iter(self.registered_collections.values())))
        super().schedule()

    def _split_scope(self, nodeid):
        return self._units[nodeid]

    def _assign_work_unit(self, node):
        if not getattr(self, "_in_order", False):
            # Undo xdist's largest-first reordering, once, before the first unit leaves.
            order = {unit: index for index, unit in enumerate(dict.fromkeys(self._units.values()))}
            self.workqueue = type(self.workqueue)(sorted(self.workqueue.items(), key=lambda item: order[item[0]]))
            self._in_order = True
        super()._assign_work_unit(node)


def work_units(collection):
    """{nodeid: unit}: a file's tests, one unit per contiguous run of it."""
    units, runs, previous = {}, {}, None
    for nodeid in collection:
        path = nodeid.split("::", 1)[0]
        if path != previous:
            runs[path] = runs.get(path, 0) + 1
            previous = path
        units[nodeid] = f"{path}#{runs[path]}"
    return units
