"""ListUsers pages served from the token's position (decision 0044).

moto builds every ListUsers page from the whole pool: it copies the pool's users, filters them
all, walks the list to the token's user and then serialises the page through its generic,
model-driven serialiser. A page's cost then grows with the pool, which Cognito's does not, and
at 100,000 accounts the emulator, not the quota, set the pace of a listing. Here a page starts
at the token's user, filters only until the page is full, and is written as JSON directly.
Tokens, filters, order and errors stay moto's.
"""

import json
import re
from collections import OrderedDict
from datetime import datetime, timezone

from moto.cognitoidp import models
from moto.cognitoidp.exceptions import InvalidParameterException
from moto.cognitoidp.responses import CognitoIdpResponse
from moto.core.exceptions import InvalidToken
from moto.utilities.paginator import Paginator

DEFAULT_LIMIT = 60
SEARCHABLE = {
    "username",
    "email",
    "phone_number",
    "name",
    "given_name",
    "family_name",
    "preferred_username",
    "cognito:user_status",
    "status",
    "sub",
}
INHERENT = {
    "cognito:user_status": lambda user: user.status,
    "status": lambda user: "Enabled" if user.enabled else "Disabled",
    "username": lambda user: user.username,
}
COMPARISONS = {"=": lambda x, y: x == y, "^=": lambda x, y: x.startswith(y)}
EPOCH = datetime(1970, 1, 1)


class _CountedUsers(OrderedDict):
    """A pool's users, counting additions and removals so a listing's order is rebuilt only then."""

    changes = 0

    def __setitem__(self, key, value):
        if key not in self:
            self.changes += 1
        super().__setitem__(key, value)

    def __delitem__(self, key):
        self.changes += 1
        super().__delitem__(key)

    def pop(self, *args):
        self.changes += 1
        return super().pop(*args)

    def popitem(self, last=True):
        self.changes += 1
        return super().popitem(last)

    def clear(self):
        self.changes += 1
        super().clear()


def _order(pool):
    """The pool's users in moto's order, and each user's position by id, rebuilt after changes."""
    users = pool.users
    cached = getattr(pool, "_warden_order", None)
    if cached is None or cached[0] != users.changes:
        ordered = list(users.values())
        cached = (users.changes, ordered, {user.id: i for i, user in enumerate(ordered)})
        pool._warden_order = cached
    return cached[1], cached[2]


def _matcher(filt):
    """moto's filter, parsed once per page instead of applied to the whole pool."""
    if not filt:
        return lambda user: True
    match = re.match(r"([\w:]+)\s*(=|\^=)\s*\"(.*)\"", filt)
    if not match:
        raise InvalidParameterException("Error while parsing filter")
    name, op, value = match.groups()
    if name not in SEARCHABLE:
        raise InvalidParameterException(f"Invalid search attribute: {name}")
    compare = COMPARISONS[op]
    inherent = INHERENT.get(name)

    def matches(user):
        if any(a["Name"] == name and compare(a["Value"], value) for a in user.attributes):
            return True
        return inherent is not None and compare(inherent(user), value)

    return matches


def list_users(self, user_pool_id, filt, limit=None, pagination_token=None):
    # The same paginator, with the same (empty) parameters, as moto's: the same tokens.
    paginator = Paginator(
        max_results=limit,
        max_results_default=DEFAULT_LIMIT,
        starting_token=pagination_token,
        unique_attribute="id",
        param_values_to_check={},
    )
    pool = self.describe_user_pool(user_pool_id)
    matches = _matcher(filt)
    ordered, position = _order(pool)
    start = 0
    if pagination_token:
        start = position.get(paginator._parsed_token["uniqueAttributes"], -1)
        if start < 0 or not matches(ordered[start]):
            raise InvalidToken("Resource not found!")
    page_size = paginator._max_results
    page = []
    for index in range(start, len(ordered)):
        user = ordered[index]
        if not matches(user):
            continue
        if len(page) == page_size:
            return page, paginator._build_next_token(user)
        page.append(user)
    return page, None


def _epoch(moment):
    """Cognito's dates: epoch seconds, truncated to milliseconds, as moto's serialiser writes them."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    since = moment - EPOCH
    seconds = since.days * 86_400 + since.seconds
    return seconds + (moment.microsecond // 1000) / 1000.0 if moment.microsecond else seconds


def _listed(user, attributes_to_get):
    return {
        "Username": user.username,
        "Attributes": [
            {"Name": a["Name"], "Value": a["Value"]}
            for a in user.attributes
            if not attributes_to_get or a["Name"] in attributes_to_get
        ],
        "UserCreateDate": _epoch(user.create_date),
        "UserLastModifiedDate": _epoch(user.last_modified_date),
        "Enabled": user.enabled,
        "UserStatus": user.status,
        "MFAOptions": [],
    }


def list_users_response(self):
    users, token = self.backend.list_users(
        self._get_param("UserPoolId"),
        self._get_param("Filter"),
        limit=self._get_param("Limit"),
        pagination_token=self._get_param("PaginationToken"),
    )
    attributes_to_get = self._get_param("AttributesToGet")
    body = {"Users": [_listed(user, attributes_to_get) for user in users]}
    if token:
        body["PaginationToken"] = str(token)
    return json.dumps(body), {"Content-Type": "application/x-amz-json-1.1"}


def apply():
    created = models.CognitoIdpUserPool.__init__

    def counting_init(pool, *args, **kwargs):
        created(pool, *args, **kwargs)
        pool.users = _CountedUsers(pool.users)

    models.CognitoIdpUserPool.__init__ = counting_init
    models.CognitoIdpBackend.list_users = list_users
    CognitoIdpResponse.list_users = list_users_response
