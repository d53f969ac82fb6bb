"""moto's service names read from disk once, not on every request (decision 0044).

To route a request, moto's server lists its own package directory and tests each entry with
`isdir`, once per request: about a sixth of the emulator's time while Warden lists a pool.
The package does not change while the server runs.
"""

from moto import backends


def apply():
    names = frozenset(backends.list_of_moto_modules())
    backends.list_of_moto_modules = lambda: names
