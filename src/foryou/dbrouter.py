"""Route each app to its zone's database: gateway apps to "gateway", everything else to "default"."""

GATEWAY_APPS = {"gateway"}


class ZoneRouter:
    def db_for_read(self, model, **hints):
        return "gateway" if model._meta.app_label in GATEWAY_APPS else "default"

    db_for_write = db_for_read

    def allow_relation(self, obj1, obj2, **hints):
        # No foreign keys cross the zone boundary: the zones only share registration numbers.
        zone1 = obj1._meta.app_label in GATEWAY_APPS
        zone2 = obj2._meta.app_label in GATEWAY_APPS
        return zone1 == zone2

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if db == "gateway":
            return app_label in GATEWAY_APPS
        return app_label not in GATEWAY_APPS
