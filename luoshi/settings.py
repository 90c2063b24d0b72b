"""One settings module, configured from the environment.

DATABASE_URL picks the database (default: the embedded SQLite file var/luoshi.sqlite3);
LUOSHI_SECRET_KEY, LUOSHI_DEBUG, LUOSHI_ALLOWED_HOSTS and, behind an HTTPS proxy,
LUOSHI_TLS_PROXY and LUOSHI_CSRF_TRUSTED_ORIGINS do the rest.
"""

import os
import tempfile
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
# The data (SQLite file, caches, uploads, collected static files) goes to LUOSHI_VAR_DIR or
# the working directory's var/: installed from a wheel, the package lies in site-packages,
# which is no place for data. Nothing is created here; `luoshi` makes the folder (cli.py).
VAR_DIR = Path(os.environ.get("LUOSHI_VAR_DIR") or "var").absolute()


def _flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


DEBUG = _flag("LUOSHI_DEBUG")
# A development key is fine only while DEBUG is on; `luoshi serve` refuses to start
# with it in production (see cli.py).
DEV_SECRET_KEY = "luoshi-development-key-not-for-production"
SECRET_KEY = os.environ.get("LUOSHI_SECRET_KEY", DEV_SECRET_KEY)
ALLOWED_HOSTS = os.environ.get("LUOSHI_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
# Behind a proxy that ends HTTPS and forwards plain HTTP (the usual set-up): without being
# told, Django sees http:// while the browser sends Origin: https://…, and refuses every
# form (log-in included) as a cross-site request. The proxy must set X-Forwarded-Proto and
# strip it from what clients send.
if _flag("LUOSHI_TLS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    # Browsers that once reached the portal over HTTPS never try plain HTTP again.
    SECURE_HSTS_SECONDS = int(os.environ.get("LUOSHI_HSTS_SECONDS", "31536000"))
    SECURE_SSL_REDIRECT = _flag("LUOSHI_SSL_REDIRECT", default=True)
    # The portal usually lives on a subdomain of the government's domain, whose sibling
    # sites it cannot promise HTTPS for: subdomains and preloading are the operator's call.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("LUOSHI_HSTS_SUBDOMAINS")
    SECURE_HSTS_PRELOAD = _flag("LUOSHI_HSTS_PRELOAD")
    SILENCED_SYSTEM_CHECKS = [
        *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
        *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
    ]
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("LUOSHI_CSRF_TRUSTED_ORIGINS", "").split(",") if o
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "luoshi.accounts",
    "luoshi.audit",
    "luoshi.plans",
    "luoshi.progress",
    "luoshi.disclosure",
    "luoshi.api",
    "luoshi.search",
    "luoshi.pagecache",
    "luoshi.compare",
    "luoshi.security",
    "luoshi.imports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "luoshi.security.middleware.SecurityHeaders",
    "luoshi.pagecache.compress.CompressResponses",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "luoshi.security.middleware.PasswordChangeRequired",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "luoshi.urls"
WSGI_APPLICATION = "luoshi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "luoshi" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "luoshi.disclosure.context.site",
                "luoshi.disclosure.display.choices",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'luoshi.sqlite3'}"),
        conn_max_age=int(os.environ.get("LUOSHI_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while a writer commits; IMMEDIATE takes the write lock at the
    # start of a transaction so concurrent click updates queue instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Tests run on a file, not in memory: concurrent-view tests and the browser tests'
    # live server need several connections to see the same database. One file per test
    # process, in the temp dir, so two runs on one machine never share it.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"luoshi-test-{os.getpid()}.sqlite3")
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("LUOSHI_STATIC_ROOT", VAR_DIR / "static"))
# The portal's own CSS/JS and the vendored ECharts live in the project package, not an app.
STATICFILES_DIRS = [BASE_DIR / "luoshi" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names (cached for a year) with .gz and .br beside each file (collectstatic).
    "staticfiles": {"BACKEND": "luoshi.pagecache.storage.StaticFiles"},
}
# Serve the app's static files straight from the package when collectstatic has not run.
WHITENOISE_USE_FINDERS = True

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"

# Each published version's downloads, rendered once (luoshi.disclosure.files).
LUOSHI_DOWNLOADS_DIR = Path(os.environ.get("LUOSHI_DOWNLOADS_DIR", VAR_DIR / "downloads"))

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "luoshi",
    },
    # Rendered report pages (luoshi.pagecache). Keys carry the government's page stamp, so
    # each server process may keep its own copy: nothing has to be told to forget a page.
    "pages": {
        "BACKEND": "luoshi.pagecache.backend.PageCache",  # LocMemCache without pickling
        "LOCATION": "luoshi-pages",
        "TIMEOUT": 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("LUOSHI_PAGE_CACHE_ENTRIES", "300"))},
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LUOSHI_LOG_LEVEL", "WARNING")},
}

# The public site's identity in every page's footer, as a government site shows it:
# 主办单位 (on a report's pages its government, unless set), 网站标识码, ICP备案, 公安备案.
LUOSHI_SITE = {
    "host": os.environ.get("LUOSHI_SITE_HOST", ""),
    "code": os.environ.get("LUOSHI_SITE_CODE", ""),
    "icp": os.environ.get("LUOSHI_SITE_ICP", ""),
    "psb": os.environ.get("LUOSHI_SITE_PSB", ""),
}

# Log-in throttling (luoshi.security.lockout): N failures at one account within the window
# lock it (and 20 from one address, at any accounts: an office behind one NAT address
# shares it) for the lockout's minutes, the right password included.
AUTHENTICATION_BACKENDS = ["luoshi.security.backends.LockoutBackend"]
LUOSHI_LOGIN_MAX_FAILURES = int(os.environ.get("LUOSHI_LOGIN_MAX_FAILURES", "5"))
LUOSHI_LOGIN_MAX_FAILURES_PER_ADDRESS = int(
    os.environ.get("LUOSHI_LOGIN_MAX_FAILURES_PER_ADDRESS", "20")
)
LUOSHI_LOGIN_WINDOW_MINUTES = int(os.environ.get("LUOSHI_LOGIN_WINDOW_MINUTES", "15"))
LUOSHI_LOGIN_LOCKOUT_MINUTES = int(os.environ.get("LUOSHI_LOGIN_LOCKOUT_MINUTES", "15"))

# Passwords (luoshi.security.passwords): in the back office, `luoshi user add` and
# createsuperuser alike.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A session ends after LUOSHI_SESSION_IDLE_MINUTES without a request, and with the browser.
SESSION_COOKIE_AGE = int(os.environ.get("LUOSHI_SESSION_IDLE_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = True  # each request of a signed-in user pushes the end on
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# The supervision office's quarter (luoshi.progress): how long after a quarter a
# deadline may fall, reminders before it and 督办 levels after it (days late).
LUOSHI_DEADLINE_GRACE_DAYS = int(os.environ.get("LUOSHI_DEADLINE_GRACE_DAYS", "31"))
LUOSHI_REMIND_DAYS = int(os.environ.get("LUOSHI_REMIND_DAYS", "3"))
LUOSHI_DUBAN_BLUE = int(os.environ.get("LUOSHI_DUBAN_BLUE", "1"))
LUOSHI_DUBAN_YELLOW = int(os.environ.get("LUOSHI_DUBAN_YELLOW", "3"))
LUOSHI_DUBAN_RED = int(os.environ.get("LUOSHI_DUBAN_RED", "7"))
# A government's group robot when it has none of its own (the back office sets one per
# government); the secret signs each post the DingTalk way.
LUOSHI_WEBHOOK_URL = os.environ.get("LUOSHI_WEBHOOK_URL", "")
LUOSHI_WEBHOOK_SECRET = os.environ.get("LUOSHI_WEBHOOK_SECRET", "")
LUOSHI_WEBHOOK_TIMEOUT = float(os.environ.get("LUOSHI_WEBHOOK_TIMEOUT", "10"))
# Mail through Django's SMTP backend.
EMAIL_BACKEND = os.environ.get(
    "LUOSHI_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("LUOSHI_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("LUOSHI_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("LUOSHI_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("LUOSHI_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _flag("LUOSHI_EMAIL_USE_TLS")
EMAIL_USE_SSL = _flag("LUOSHI_EMAIL_USE_SSL")
EMAIL_TIMEOUT = int(os.environ.get("LUOSHI_EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("LUOSHI_EMAIL_FROM", "luoshi@localhost")
# 佐证材料: the largest file a unit may attach, in megabytes; files live under the var folder.
LUOSHI_ATTACHMENT_MAX_MB = float(os.environ.get("LUOSHI_ATTACHMENT_MAX_MB", "10"))
LUOSHI_ATTACHMENT_DIR = Path(os.environ.get("LUOSHI_ATTACHMENT_DIR", VAR_DIR / "attachments"))

# Static publishing (luoshi.disclosure.static_site): origins whose pages may call the click
# counter (POST /reports/<id>/click) across origins, e.g. a government's own 政府信息公开
# platform serving the static copy ("*": any); none by default (same origin only).
LUOSHI_COUNTER_ORIGINS = [
    o.strip() for o in os.environ.get("LUOSHI_COUNTER_ORIGINS", "").split(",") if o.strip()
]
# A folder every publish and correction writes the static copy into (after it commits);
# unset: only `luoshi publish-static DIR` writes one.
LUOSHI_STATIC_DIR = os.environ.get("LUOSHI_STATIC_DIR", "")
# Where that copy's pages call the counter when it is served apart from luoshi (as
# publish-static --counter-url); empty: the same origin.
LUOSHI_STATIC_COUNTER_URL = os.environ.get("LUOSHI_STATIC_COUNTER_URL", "")

# Views of report pages counted in Redis/Valkey, shared by every app host and folded into the
# database once a second (luoshi.pagecache.shared); empty: in the database (SQLite: its click
# journal). For PostgreSQL with several hosts, e.g. redis://127.0.0.1:6379/0.
LUOSHI_REDIS_URL = os.environ.get("LUOSHI_REDIS_URL", "")
