"""Tasks the worker tests enqueue (importable by a worker process)."""
import time
from pathlib import Path

from django_tasks import task


@task()
def write_marker(path: str):
    """Writes "start" then "end" to the file at `path`; on its first run it
    waits in between, long enough for a test to kill the worker."""
    marker = Path(path)
    first_run = not marker.exists()
    with marker.open("a") as fh:
        fh.write("start\n")
    if first_run:
        time.sleep(120)
    with marker.open("a") as fh:
        fh.write("end\n")
    return "done"
