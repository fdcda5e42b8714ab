"""One settings module per deployable: embedded (the default), console, gateway. The `foryou` command
picks one from FORYOU_ZONE (foryou.cli); base holds what they share."""

ZONES = {"embedded": "foryou.settings.embedded", "console": "foryou.settings.console",
         "gateway": "foryou.settings.gateway"}
