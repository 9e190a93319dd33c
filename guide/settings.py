"""Framework Guide settings: everything comes from environment variables.

Local development needs none of them. A production deployment sets at least
DJANGO_DEBUG=0, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL; the README
lists the rest.
"""

import hashlib
import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    value = value.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {value!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off: set it to a long random "
            'string, e.g. python -c "import secrets; print(secrets.token_urlsafe(50))"'
        )
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS is required when DJANGO_DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "guide.apps.GuideAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "markdownx",
    "simple_history",
    "axes",
    "csp",
    "frameworks",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages, JSON, feeds and the sitemap go out gzipped (static files are already compressed by
    # WhiteNoise, which answers before this). Outside the page cache, so the cache keeps one
    # uncompressed copy for every client and each response gets its own BREACH-masking padding.
    "django.middleware.gzip.GZipMiddleware",
    # Outside the middleware that sets CSP and frame headers, so cached pages keep them.
    "guide.caching.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns locked-out logins into a clear answer.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failed staff logins are throttled: after 5 failures for one username from one address,
# that pair is locked out for an hour.
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

ROOT_URLCONF = "guide.urls"
WSGI_APPLICATION = "guide.wsgi.application"
ASGI_APPLICATION = "guide.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "libraries": {
                "fixed_url": "guide.fixed_url",
                "remember": "guide.fragments",
                "structured_data": "guide.structured_data",
            },
        },
    },
    {
        # The templates a page repeats per row (guide/jinja2.py), rendered through
        # guide.jinja2.render(); after Django's, which every other template name resolves to.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "APP_DIRS": True,  # each app's jinja2/ folder
        "OPTIONS": {"environment": "guide.jinja2.environment"},
    },
]

# No DATABASE_URL: a SQLite file in the project folder. SQLite runs in WAL mode with a busy
# timeout and IMMEDIATE transactions so an import and page views can share it without
# "database is locked".
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Forms iterate their choices (topics, sources) with .iterator(): a server-side cursor
    # would cost three round trips for a few dozen rows. Also what a transaction-mode pooler
    # such as PgBouncer needs.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Tests use a file (one per test run), not shared-cache memory, so concurrent tests see
    # real SQLite locking.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"framework-guide-test-{os.getpid()}.sqlite3")
    }

# Read replicas: DATABASE_REPLICA_URL, comma-separated for several. Reads go to a replica,
# writes (and reads in a transaction) to the primary; see guide/db_router.py for the rules that
# keep pages consistent although a replica lags, by at most DATABASE_REPLICA_MAX_LAG seconds.
DATABASE_REPLICAS = []
DATABASE_REPLICA_MAX_LAG = float(os.environ.get("DATABASE_REPLICA_MAX_LAG", "5"))
for index, url in enumerate(env_list("DATABASE_REPLICA_URL")):
    alias = f"replica{index + 1}"
    DATABASES[alias] = dj_database_url.parse(url, conn_max_age=600, conn_health_checks=True)
    DATABASES[alias]["DISABLE_SERVER_SIDE_CURSORS"] = True
    # A replica that does not answer is given up quickly; its reads go to the primary.
    DATABASES[alias].setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
    DATABASES[alias]["TEST"] = {"MIRROR": "default"}
    DATABASE_REPLICAS.append(alias)
DATABASE_ROUTERS = ["guide.db_router.PrimaryReplicaRouter"] if DATABASE_REPLICAS else []
if DATABASE_REPLICAS:
    # Outside the page cache, so pages rendered on a miss are read where the router says.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("guide.caching.PublicPageCacheMiddleware"), "guide.db_router.ReplicaReadsMiddleware"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
# The site is written in English only. Off, Django skips the per-thread language lookup that
# every reverse(), number and date on a page would otherwise make (a tenth of a page's time).
USE_I18N = False
USE_TZ = True

STATIC_URL = os.environ.get("DJANGO_STATIC_URL", "static/")  # a CDN URL in production, optionally
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

LOGIN_URL = "admin:login"

# The cache must be shared by every process that serves or changes content (gunicorn workers,
# the import command), or one would not see another's invalidation: Redis when REDIS_URL is
# set (several hosts), else files on this machine.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # django-redis, because a cache that is down must not take the site with it: pages are then
    # rendered and served uncached (and read from the primary: no content version is known).
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 1},
        }
    }
else:
    _site_id = hashlib.sha256(f"{BASE_DIR}|{DATABASES['default']['NAME']}".encode()).hexdigest()[:12]
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
            "LOCATION": os.environ.get(
                "DJANGO_CACHE_DIR",
                # One folder per checkout and database, so two sites never share pages.
                str(Path(tempfile.gettempdir()) / f"framework-guide-cache-{_site_id}"),
            ),
        }
    }
# How long an anonymous page stays cached; any content change invalidates it sooner. 0 = off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# What each process keeps of the values remembered per content version (guide.caching), beside
# the shared cache: a read from memory rather than a round trip. 0 = keep nothing here.
REMEMBERED_IN_PROCESS_BYTES = int(os.environ.get("REMEMBERED_IN_PROCESS_BYTES", str(32 * 1024 * 1024)))

# Markdown: one sanitising renderer for the admin preview, the public pages and the feeds.
MARKDOWNX_MARKDOWNIFY_FUNCTION = "guide.markdown.render_markdown"
# Image upload from the editor is off (no URL serves it): article images stay where their
# authors host them.

# HTTPS deployments switch these on through the environment (see README "Deploy").
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if env_bool("DJANGO_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Login throttling must see the client's address, not the load balancer's, or anyone could
    # lock every editor out at once. django-ipware reads X-Forwarded-For; its proxy count is the
    # proxies *listed* in it: with DJANGO_PROXY_COUNT proxies in front, each appending the
    # address it saw, the header holds the client and all but the last proxy. A header with
    # more entries than that was forged by the client and is not believed.
    AXES_IPWARE_PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "1")) - 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# No inline script anywhere, public pages or admin; article images may come from any https host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "https:", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
