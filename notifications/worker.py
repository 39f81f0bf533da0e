"""The database worker's own loop, in this process: for load_demo's history and the tests' queue runs."""

from django_tasks_db.management.commands.db_worker import Worker


def in_process_worker(worker_id: str) -> Worker:
    """A worker on every queue of the default backend that stops when the queue is empty."""
    return Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
