"""The moto server, with the changes of `moto_patches` (decisions 0042, 0044, 0049 and 0051).

Arguments are moto_server's.
"""

import sys

from moto.server import main
from moto_patches import (
    cognito_listing,
    dynamodb_answers,
    dynamodb_partitions,
    idle_gc,
    model_dump,
    service_names,
    transactions,
)

transactions.apply()
cognito_listing.apply()
dynamodb_answers.apply()
dynamodb_partitions.apply()
service_names.apply()
model_dump.apply()
idle_gc.apply()

if __name__ == "__main__":
    sys.exit(main())
