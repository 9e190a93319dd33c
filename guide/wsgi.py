import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guide.settings")
application = get_wsgi_application()

# gunicorn preloads this module in its master: load the URLconf (and so every view module) now,
# once, instead of in each worker's first request after the fork.
from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018
