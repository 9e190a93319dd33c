"""Reads from a PostgreSQL read replica when one is configured (DATABASE_REPLICA_URL).

Writes, and reads inside a transaction that has written, go to the primary. A reader may see a
change a moment late (replication lag); editors work in the admin, whose requests read their
own writes because Django's admin views run in transactions on the primary.
"""

import random

from django.conf import settings
from django.db import connections


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        replicas = settings.DATABASE_REPLICAS
        if not replicas or connections["default"].in_atomic_block:
            return "default"
        return random.choice(replicas)

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
