from django.apps import AppConfig
from django.db.models.signals import post_migrate


class FrameworksConfig(AppConfig):
    name = "frameworks"

    def ready(self):
        from frameworks.roles import ensure_roles_after_migrate

        # Like Django's own permissions, the editor roles follow every migrate.
        post_migrate.connect(ensure_roles_after_migrate, sender=self)
