from django.contrib.admin.apps import AdminConfig


class GuideAdminConfig(AdminConfig):
    default_site = "guide.admin_site.GuideAdminSite"

    def ready(self):
        super().ready()  # autodiscovers every app's admin, django.contrib.auth's included
        from django.contrib import admin

        from guide.admin_accounts import replace_account_admins

        replace_account_admins(admin.site)
