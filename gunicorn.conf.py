"""gunicorn settings for Framework Guide (`gunicorn -c gunicorn.conf.py guide.wsgi`).

Every value can be overridden from the environment (GUNICORN_WORKERS, ...) or the command line.
"""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")

# Without a buffering proxy (nginx) in front, a sync worker is tied up for as long as a slow
# client takes to send its request or read the answer. gthread workers keep serving other
# requests on their other threads meanwhile, and the keep-alive below stays cheap.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))

# A request that takes longer than this is stuck: the worker is restarted.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))

# Recycle workers now and then so slow leaks cannot grow without bound (jitter avoids all
# workers restarting at once).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "5000"))

# Refuse oversized request lines and headers early.
limit_request_line = 8190
limit_request_fields = 100

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")  # stdout
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'

# Load the app once in the master, so workers fork with it already imported.
preload_app = True


def pre_fork(server, worker):
    """Everything the master loaded (the app, Django, every module) lives as long as the worker:
    frozen, the garbage collector's full collections never walk it again. Without this, each
    full collection in a worker walked about 90,000 objects (50-90 ms, a stall for every request
    it was serving); with it, the 30,000-odd a worker makes of its own (10-20 ms). The frozen
    objects also stay shared with the master, page for page, rather than copied on write."""
    gc.freeze()
