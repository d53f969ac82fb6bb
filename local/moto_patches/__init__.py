"""Changes to moto that keep the local AWS's costs shaped like AWS's (decisions 0042, 0044, 0049 and 0051)."""
