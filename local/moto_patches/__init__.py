"""Changes to moto that keep the local AWS's costs shaped like AWS's (decisions 0042, 0044 and 0049)."""
