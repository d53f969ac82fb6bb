"""A DynamoDB Query on a table's key reads that key's partition, not the table.

To answer a Query without an index, moto takes every item of the table, sorted by key (each
comparison decoding both keys), and keeps those of the partition asked for. A Query's cost then
grows with the whole table, where DynamoDB's grows with what it reads: in Warden's one table
each run adds its findings, and each run's reads of the lock, the interrupted runs and the
pending actions grew slower with every run before it. Here moto's own Query runs unchanged, but
for the duration of the call the table's item list is that partition alone; moto still sorts,
pages, filters, projects and writes the answer.
"""

import threading

from moto.dynamodb.models.table import Table

# The partition a Query of this thread reads; other threads (and Scans) see the whole table.
_reading = threading.local()


def _partition(table, hash_key):
    """The items under one hash key; `items.get` never adds an empty partition."""
    stored = table.items.get(hash_key)
    if stored is None:
        return []
    return list(stored.values()) if table.range_key_attr else [stored]


def apply():
    query = Table.query
    all_items = Table.all_items

    def partition_query(self, hash_key, *args, **kwargs):
        index_name = args[6] if len(args) > 6 else kwargs.get("index_name")
        if index_name or hash_key is None:
            return query(self, hash_key, *args, **kwargs)
        _reading.scope = (self, _partition(self, hash_key))
        try:
            return query(self, hash_key, *args, **kwargs)
        finally:
            _reading.scope = None

    def scoped_items(self):
        scope = getattr(_reading, "scope", None)
        if scope is not None and scope[0] is self:
            return list(scope[1])
        return all_items(self)

    Table.query = partition_query
    Table.all_items = scoped_items
