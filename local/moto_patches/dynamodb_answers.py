"""DynamoDB attribute values written as they are stored (decision 0044).

moto's generic serialiser walks every attribute value of an answer through the service model,
member by member: about 2 ms per item of Warden's tables. An item's values are already in
DynamoDB's JSON shape once moto has turned them into dicts, so a value made only of strings,
numbers, booleans, nulls, sets of those, maps and lists is written unchanged. Binary values,
which the serialiser must base64-encode, still go through it.
"""

from moto.core.serialize import BaseJSONSerializer

_SCALARS = {"S": str, "N": str, "BOOL": bool, "NULL": bool}


def _plain(value):
    """Whether a value is in DynamoDB's JSON shape and holds no binary."""
    if not isinstance(value, dict) or len(value) != 1:
        return False
    kind, inner = next(iter(value.items()))
    if kind in _SCALARS:
        return isinstance(inner, _SCALARS[kind])
    if kind in ("SS", "NS"):
        return isinstance(inner, list) and all(isinstance(v, str) for v in inner)
    if kind == "M":
        return isinstance(inner, dict) and all(_plain(v) for v in inner.values())
    if kind == "L":
        return isinstance(inner, list) and all(_plain(v) for v in inner)
    return False


def apply():
    generic = BaseJSONSerializer._serialize_type_structure

    def serialize_structure(self, serialized, value, shape, key):
        if key and shape.name == "AttributeValue" and _plain(value):
            self._default_serialize(serialized, value, shape, key)
        else:
            generic(self, serialized, value, shape, key)

    BaseJSONSerializer._serialize_type_structure = serialize_structure
