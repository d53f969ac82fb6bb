"""Changes to moto that keep the local AWS's costs shaped like AWS's (decisions 0042 and 0044)."""
