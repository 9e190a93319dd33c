from guide.db_router import PrimaryReplicaRouter


class FakeConnection:
    def __init__(self, in_atomic_block):
        self.in_atomic_block = in_atomic_block


def test_reads_go_to_a_replica_and_writes_to_the_primary(settings, monkeypatch):
    from guide import db_router

    settings.DATABASE_REPLICAS = ["replica1"]
    monkeypatch.setattr(db_router, "connections", {"default": FakeConnection(False)})
    router = PrimaryReplicaRouter()
    assert router.db_for_read(None) == "replica1"
    assert router.db_for_write(None) == "default"
    assert router.allow_migrate("replica1", "articles") is False


def test_reads_inside_a_transaction_stay_on_the_primary(settings, monkeypatch):
    from guide import db_router

    settings.DATABASE_REPLICAS = ["replica1"]
    monkeypatch.setattr(db_router, "connections", {"default": FakeConnection(True)})
    assert PrimaryReplicaRouter().db_for_read(None) == "default"


def test_without_replicas_everything_uses_the_primary(settings):
    settings.DATABASE_REPLICAS = []
    assert PrimaryReplicaRouter().db_for_read(None) == "default"
