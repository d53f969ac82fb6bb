"""moto's model dump taken as one snapshot (decision 0044).

`/moto-api/data.json`, where tests read the codes SES "sent", keeps each public attribute of
every model that `json.dumps` accepts when checked, then dumps them all at the end. Requests
served meanwhile change those attributes: a pool whose user map was empty when checked holds a
user object by the end, and the dump fails with a 500. Here each attribute is copied, as JSON,
when it is checked.
"""

import json

from moto.core.model_instances import model_data
from moto.moto_api._internal.responses import MotoAPIResponse


def _copy(instance):
    copied = {}
    for attr in dir(instance):
        if not attr.startswith("_"):
            try:
                copied[attr] = json.loads(json.dumps(getattr(instance, attr)))
            except (TypeError, AttributeError, ValueError, RuntimeError):
                pass  # not JSON, or changed while it was read: left out, as moto leaves it out
    return copied


def dump(self, request, full_url, headers):
    results = {
        service: {
            name: [_copy(instance) for instance in list(models[name].instances_tracked)]
            for name in sorted(models)
        }
        for service, models in sorted(model_data.items())
    }
    return 200, {"Content-Type": "application/javascript"}, json.dumps(results)


def apply():
    MotoAPIResponse.model_data = dump
