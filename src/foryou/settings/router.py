"""The embedded product's router: each zone's tables in its own database, as in production. The gateway
app and its task queue (webhook events, delivery dispatch) go to "gateway", everything else to "default"."""

GATEWAY_ZONE_APPS = {"gateway", "django_tasks_database"}  # django_tasks_db's app label


def _zone(app_label: str) -> str:
    return "gateway" if app_label in GATEWAY_ZONE_APPS else "default"


class ZoneRouter:
    def db_for_read(self, model, **hints):
        return _zone(model._meta.app_label)

    db_for_write = db_for_read

    def allow_relation(self, obj1, obj2, **hints):
        # No foreign keys cross the zone boundary: the zones only share registration numbers.
        return _zone(obj1._meta.app_label) == _zone(obj2._meta.app_label)

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return _zone(app_label) == db
