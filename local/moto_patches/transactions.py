"""DynamoDB transactions that keep only the items they write for rollback (decision 0042).

moto deep-copies the whole table once per item of a TransactWriteItems call, to restore it if
the transaction is cancelled. A transaction's cost then grows with the table, which DynamoDB's
does not: with Warden's audit trail, findings and account index in one table, the copies set
the pace of every applied run on the local AWS. Here a transaction keeps a deep copy of each
item it names instead, and puts those back on cancellation: the same all-or-nothing outcome.
"""

import copy

import moto.dynamodb.models as dynamodb
from moto.dynamodb.models.table import Table


class _NoTableCopies:
    """Stands in for the `copy` module inside moto's DynamoDB backend: a table is not copied."""

    @staticmethod
    def deepcopy(value, memo=None):
        return value if isinstance(value, Table) else copy.deepcopy(value, memo)


def _named_items(backend, transact_items):
    """(table, hash key, range key, deep copy of the item or None) for each item named."""
    named = []
    for request in transact_items:
        if not isinstance(request, dict) or len(request) != 1:
            continue
        op_type, op = next(iter(request.items()))
        table = backend.tables.get(op.get("TableName")) if isinstance(op, dict) else None
        if table is None:
            continue
        key = op.get("Item") if op_type == "Put" else op.get("Key")
        try:
            hash_value, range_value = backend.get_keys_value(table, key or {})
        except Exception:
            continue  # moto refuses the request itself before changing anything
        item = table.get_item(hash_value, range_value)
        named.append((table, hash_value, range_value, copy.deepcopy(item)))
    return named


def _put_back(table, hash_value, range_value, item):
    if table.range_key_attr is not None:
        versions = table.items[hash_value]
        if item is None:
            versions.pop(range_value, None)
        else:
            versions[range_value] = item
    elif item is None:
        table.items.pop(hash_value, None)
    else:
        table.items[hash_value] = item


def _transact_write_items(original):
    def transact_write_items(self, transact_items):
        named = _named_items(self, transact_items)
        try:
            return original(self, transact_items)
        except Exception:
            for entry in reversed(named):
                _put_back(*entry)
            raise

    return transact_write_items


def apply():
    dynamodb.copy = _NoTableCopies
    dynamodb.DynamoDBBackend.transact_write_items = _transact_write_items(
        dynamodb.DynamoDBBackend.transact_write_items
    )
