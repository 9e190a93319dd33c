from django.apps import AppConfig
from django.db.models.signals import post_migrate


class FrameworksConfig(AppConfig):
    name = "frameworks"

    def ready(self):
        from django.apps import apps

        from frameworks.roles import ensure_roles_after_migrate
        from guide.caching import connect_invalidation, content_changed

        # Like Django's own permissions, the editor roles follow every migrate.
        post_migrate.connect(ensure_roles_after_migrate, sender=self)
        # A deploy runs migrate: pages and aggregates remembered by the previous code, or from
        # rows a data migration rewrote without signals, are not served again.
        post_migrate.connect(content_changed, sender=self, dispatch_uid="cache-after-migrate")
        # Any saved or deleted content invalidates the cached public pages.
        connect_invalidation(
            model for label in ("frameworks", "articles") for model in apps.get_app_config(label).get_models()
        )
