"""The local AWS collects its oldest objects while no request is being served (decision 0051).

Python's full collection walks every object the server holds. Once the emulator holds tens of
thousands of users and items, each one takes 100-430 ms, and every request in flight waits for
it: a pause that AWS's own services never show a client. Python starts one after every ten
collections of the younger generations, at whatever moment that falls. Here those still run
as Python schedules them (they are short), but the full collection waits until the server has
had no request for a second; garbage in the oldest generation is kept until then.
"""

import gc
import threading
import time

from moto.moto_server.werkzeug_app import DomainDispatcherApplication

# A full collection waits for this long without a request.
IDLE_SECONDS = 1.0
# Collections of the younger generations between two full ones: Python's own default.
YOUNGER_COLLECTIONS = 10
# Python never starts a full collection itself: it waits this many younger ones.
NEVER = 2**31 - 1


class IdleCollector:
    """Decides when the full collection runs; the clock and the collection can be replaced."""

    def __init__(self, clock=time.monotonic, collect=gc.collect, pending=lambda: gc.get_count()[2]):
        self._clock = clock
        self._collect = collect
        self._pending = pending
        self._last_request = clock()

    def request(self):
        self._last_request = self._clock()

    def tick(self):
        """Runs the full collection if one is due and the server is idle; True if it ran."""
        idle = self._clock() - self._last_request >= IDLE_SECONDS
        if not idle or self._pending() < YOUNGER_COLLECTIONS:
            return False
        self._collect()
        return True


def apply():
    """Installs the collector; returns it."""
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, NEVER)
    collector = IdleCollector()
    serve = DomainDispatcherApplication.__call__

    def served(self, environ, start_response):
        collector.request()
        return serve(self, environ, start_response)

    DomainDispatcherApplication.__call__ = served

    def watch():
        while True:
            time.sleep(IDLE_SECONDS / 4)
            collector.tick()

    threading.Thread(target=watch, name="idle-gc", daemon=True).start()
    return collector
