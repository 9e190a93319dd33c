from django.contrib.admin.apps import AdminConfig


class GuideAdminConfig(AdminConfig):
    default_site = "guide.admin_site.GuideAdminSite"
