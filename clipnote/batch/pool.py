"""The worker processes of a batch run, handed one post at a time, so that a worker that dies
(killed, out of memory) costs only the post it was checking: that post is tried once more in
another worker, then reported as not checked; the posts the worker had not started go on as
if nothing happened, and a new worker takes its place.

The pool can be started before the posts are read: its workers import what checking needs while
the parent reads, and are ready when the first post comes (`WorkerPool(2)`, then `run(...)`).
Posts go down each worker's pipe (a thread in the worker takes them in as they come, so the
parent never waits on a busy worker) and each `Done` comes back. Each worker owns a run of posts
quoting the same video (a chunk), so it loads that video's prepared transcript once; a worker
with nothing left takes half of another's chunk.
"""

from __future__ import annotations

import gc
import multiprocessing
import queue
import signal
import threading
from collections import Counter, deque
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from typing import Callable, Sequence

from .work import Done, Task, WorkerSettings, crashed, import_checking, start_process

RETRIES = 1  # a post whose worker died while checking it is tried this many times more
PREFETCH = 2  # posts sent to a worker ahead: it never waits for the parent between posts


def process_context():
    """fork where there is one: a worker starts at once, with the modules already imported."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


@dataclass(eq=False)
class _Slot:
    process: multiprocessing.Process
    conn: object  # the parent's end of the worker's pipe
    sent: deque = field(default_factory=deque)  # task numbers sent and not done, in order
    started: int | None = None  # the task the worker said it began and has not finished
    chunk: deque = field(default_factory=deque)  # task numbers this worker takes next
    dead: bool = False


class WorkerPool:
    """`WorkerPool(2)` starts two workers; `run(settings, tasks, chunks, record)` has every task
    checked in a worker (or recorded as not checked, with the reason), each `Done` given to
    `record` as it comes. `chunks` are lists of task numbers, in the order they should be taken.
    Start it before any thread of the parent is running (forking copies only the caller's)."""

    def __init__(self, size: int):
        self.size = size
        self.settings: WorkerSettings | None = None
        self.tasks: Sequence[Task] = ()
        self.pending: deque[deque] = deque()
        self.retry: deque[tuple[int, int]] = deque()  # (task, pid of the worker it killed)
        self.tries: Counter = Counter()
        # workers that may be started to replace ones that died between posts (a worker that dies
        # while checking a post is always replaced: each post can cost at most 1 + RETRIES)
        self.restarts = size
        self.context = process_context()
        self.between: Callable[[], bool] | None = None
        self.slots = [self._start() for _ in range(size)]

    # --- running ------------------------------------------------------------------------------

    def run(self, settings: WorkerSettings, tasks: Sequence[Task], chunks: Sequence[Sequence[int]],
            record: Callable[[Done], None], *, between: Callable[[], bool] | None = None) -> None:
        """Until every task is done. `between`, if given, is called whenever no worker has
        anything to say (the parent's own small jobs); it returns False when it has no more."""
        self.settings, self.tasks, self.between = settings, tasks, between
        self.pending = deque(deque(c) for c in chunks if c)
        try:
            for slot in self.slots:
                self._send(slot, ("settings", settings))
            while self._unfinished():
                self._feed(record)
                if not self.slots:
                    break
                waiting = [s.conn for s in self.slots] + [s.process.sentinel for s in self.slots]
                idle = self.between is not None
                ready = set(wait(waiting, timeout=0 if idle else None))
                if not ready and idle and not self.between():
                    self.between = None
                for slot in [s for s in self.slots if s.conn in ready or s.process.sentinel in ready]:
                    self._read(slot, record)
            while self.between is not None and self.between():
                pass
        except BaseException:  # Ctrl-C, or a bug re-raised under --debug: end the workers now
            self.stop()
            raise
        self.close()

    def _unfinished(self) -> bool:
        return bool(self.pending or self.retry or any(s.sent or s.chunk for s in self.slots))

    def _feed(self, record: Callable[[Done], None]) -> None:
        """Keep PREFETCH tasks in each worker's pipe; with no worker left, say why for the rest."""
        if not self.slots:
            self._give_up(record)
            return
        for slot in self.slots:
            while len(slot.sent) < PREFETCH:
                task = self._next_for(slot)
                if task is None:
                    break
                slot.sent.append(task)
                if not self._send(slot, (task, self.tasks[task])):
                    break

    def _next_for(self, slot: _Slot) -> int | None:
        for k, (task, pid) in enumerate(self.retry):
            if pid != slot.process.pid:  # never in the worker it killed
                del self.retry[k]
                return task
        if not slot.chunk and self.pending:
            slot.chunk = self.pending.popleft()
        if not slot.chunk:  # take the second half of the longest chunk another worker owns
            donor = max(self.slots, key=lambda s: len(s.chunk))
            if donor.chunk:
                half = max(1, len(donor.chunk) // 2)
                slot.chunk = deque(reversed([donor.chunk.pop() for _ in range(half)]))
        return slot.chunk.popleft() if slot.chunk else None

    def _read(self, slot: _Slot, record: Callable[[Done], None]) -> None:
        raised = None
        try:
            while raised is None and slot.conn.poll():
                message = slot.conn.recv()
                kind, task = message[0], message[1]
                if kind == "start":
                    slot.started = task
                elif kind == "done":
                    slot.sent.remove(task)
                    slot.started = None
                    record(message[2])
                else:  # "raised": a bug under --debug
                    raised = message[2]
        except (EOFError, OSError):
            slot.dead = True
        if raised is not None:
            raise raised
        if slot.dead or not slot.process.is_alive():
            self._bury(slot, record)

    def _bury(self, slot: _Slot, record: Callable[[Done], None]) -> None:
        """A worker died: its current task is tried again elsewhere (once), the ones it had not
        started go back to the front of the queue, and a new worker takes its place."""
        slot.process.join(1)
        self.slots.remove(slot)
        slot.conn.close()
        current = slot.started if slot.started in slot.sent else None
        back = [t for t in slot.sent if t != current] + list(slot.chunk)
        if back:
            self.pending.appendleft(deque(back))
        if current is not None:
            self.tries[current] += 1
            if self.tries[current] > RETRIES:
                record(_not_checked(self.tasks[current], slot.process.exitcode, self.tries[current]))
            else:
                self.retry.append((current, slot.process.pid))
        elif self.restarts > 0:
            self.restarts -= 1
        else:
            return  # workers keep dying before they check anything: no new one
        if self._unfinished():
            self.slots.append(self._start())

    @staticmethod
    def _send(slot: _Slot, message) -> bool:
        try:
            slot.conn.send(message)
            return True
        except OSError:  # it died meanwhile: its sentinel says so next, and it is buried
            return False

    def _give_up(self, record: Callable[[Done], None]) -> None:
        left = [t for t, _ in self.retry] + [t for chunk in self.pending for t in chunk]
        self.retry.clear()
        self.pending.clear()
        for task in left:
            article = self.tasks[task].article
            record(Done(article.path, crashed(article, "not checked: the worker processes kept "
                                              "stopping unexpectedly; run again with --jobs 1"), None))

    # --- processes ----------------------------------------------------------------------------

    def _start(self) -> _Slot:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_serve, args=(child,), daemon=True, name="clipnote-worker")
        process.start()
        child.close()
        slot = _Slot(process, parent)
        if self.settings is not None:  # a new worker in a run under way
            self._send(slot, ("settings", self.settings))
        return slot

    def close(self) -> None:
        """Tell the workers to stop, and wait for them (briefly)."""
        for slot in self.slots:
            try:
                slot.conn.send(None)
            except OSError:
                pass
        for slot in self.slots:
            slot.process.join(5)
            if slot.process.is_alive():
                slot.process.terminate()
                slot.process.join(1)
            slot.conn.close()
        self.slots = []

    def stop(self) -> None:
        """Ctrl-C: end the workers now (the caches they write are written atomically)."""
        for slot in self.slots:
            if slot.process.is_alive():
                slot.process.terminate()
        for slot in self.slots:
            slot.process.join(1)
            slot.conn.close()
        self.slots = []


def _not_checked(task: Task, exitcode: int | None, tries: int) -> Done:
    how = (f"killed by signal {-exitcode}" if exitcode is not None and exitcode < 0
           else f"exit status {exitcode}" if exitcode is not None else "stopped")
    article = task.article
    reason = (f"not checked: the worker process checking this post stopped unexpectedly ({how}; "
              f"killed, or out of memory?), {tries} times; run again, or with --jobs 1")
    return Done(article.path, crashed(article, reason), None)


# --- in a worker process ------------------------------------------------------------------------


def _serve(conn) -> None:
    """A worker's life: the run's settings, then a task in, "start", the check, "done" with its
    result out, until None."""
    from . import work

    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's SIGTERM-as-Ctrl-C is not ours
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    import_checking()  # while the parent reads the posts
    # what is imported by now lives as long as the worker: frozen, no full collection walks it
    # again (one while checking 25 posts of the benchmark blog cost ~30 ms)
    gc.freeze()
    inbox: queue.SimpleQueue = queue.SimpleQueue()
    threading.Thread(target=_take_in, args=(conn, inbox), daemon=True).start()
    while True:
        message = inbox.get()
        if message is None:
            return
        if message[0] == "settings":
            start_process(message[1])
            continue
        number, task = message
        conn.send(("start", number))
        try:
            done = work._process_worker.run(task)
        except BaseException as error:  # only under --debug: the parent re-raises it
            conn.send(("raised", number, _picklable(error)))
            return
        conn.send(("done", number, done))


def _take_in(conn, inbox: queue.SimpleQueue) -> None:
    """Everything the parent sends, taken in at once: the parent's sends never wait for a
    worker busy with a long post (which might itself be waiting to send its result)."""
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            message = None
        inbox.put(message)
        if message is None:
            return


def _picklable(error: BaseException) -> BaseException:
    import pickle
    import traceback

    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:
        return RuntimeError("".join(traceback.format_exception(error)))


__all__ = ["PREFETCH", "RETRIES", "WorkerPool", "process_context"]
