"""Each role is a Django group with permissions, so `permission_required` keeps working; which
department a role applies to is decided by foryou.accounts.access, not by permissions.

The groups are created by a data migration and kept in step after every `migrate` (apps added later
bring new permissions), so this table is the one place that says what each role may do."""

from django.db import router

GROUP_NAMES = {
    "admin": "foryou: service administrator",
    "editor": "foryou: department editor",
    "approver": "foryou: department approver",
    "registrar": "foryou: registrar",
    "auditor": "foryou: auditor",
}

# "app_label.codename", or "app_label.*" for every permission of an app except delete_*.
# The service administrator holds every permission.
ROLE_PERMISSIONS = {
    "admin": ["*"],
    "editor": ["notices.add_notice", "notices.change_notice", "notices.view_notice",
               "notices.add_noticeversion", "notices.change_noticeversion", "notices.view_noticeversion",
               "programs.add_programrevision", "programs.view_programrevision",
               "programs.view_triggerrun", "programs.view_triggerhit"],
    "approver": ["notices.view_notice", "notices.view_noticeversion", "notices.approve_notice",
                 "programs.view_programrevision", "programs.view_triggerrun", "programs.view_triggerhit"],
    "registrar": ["enrollment.*"],
    "auditor": ["audit.view_auditevent"],
}


def permissions_of(role: str, Permission):
    """The Permission rows a role's group holds (Permission may be a migration's historical model)."""
    wanted = ROLE_PERMISSIONS[role]
    everything = Permission.objects.select_related("content_type")
    if wanted == ["*"]:
        return list(everything)
    chosen = []
    for permission in everything:
        app, codename = permission.content_type.app_label, permission.codename
        if f"{app}.{codename}" in wanted or (f"{app}.*" in wanted and not codename.startswith("delete_")):
            chosen.append(permission)
    return chosen


def sync_role_groups(Group, Permission) -> None:
    for role, name in GROUP_NAMES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions_of(role, Permission))


def sync_after_migrate(sender, app_config=None, using="default", apps=None, verbosity=1, **kwargs):
    """After every migrate: create every app's permissions (Django does it app by app, later apps
    come after this one) and give each role group its permissions."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    if not router.allow_migrate_model(using, Group):
        return
    for config in global_apps.get_app_configs():
        create_permissions(config, verbosity=0, using=using)
    sync_role_groups(Group, Permission)
