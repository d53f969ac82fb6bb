"""moto's model dump taken as one snapshot (decision 0044).

`/moto-api/data.json`, where tests read the codes SES "sent", keeps each public attribute of
every model that `json.dumps` accepts when checked, then dumps them all at the end. Requests
served meanwhile change those attributes: a pool whose user map was empty when checked holds a
user object by the end, and the dump fails with a 500. It also fails for good once a Lambda
function exists, whose Docker client property raises where there is no Docker. Here each
attribute is copied, as JSON, when it is checked, and one that cannot be read is left out.
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
            except Exception:
                # Not JSON, changed while it was read, or failing to be read at all (a Lambda
                # function's Docker client, where there is no Docker): left out.
                pass
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
