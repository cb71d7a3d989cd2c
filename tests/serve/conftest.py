"""A store for the web UI's tests: the bundled sample corpus plus one hostile article."""

import json
import threading
import time

import pytest

from frontwatch.brief.html import ASSETS, node_modules
from frontwatch.pipeline import ingest
from frontwatch.store import Store
from tests.brief.test_brief import HOSTILE, _assets_or_skip
from tests.conftest import EXAMPLES, write


@pytest.fixture(scope="module")
def served_db(tmp_path_factory):
    _assets_or_skip()
    folder = tmp_path_factory.mktemp("serve")
    hostile = write(folder / "in" / "hostile.jsonl", json.dumps({
        "id": "hostile-1", "outlet": "Wire " + HOSTILE, "published": "2022-07-05",
        "title": "Breaking " + HOSTILE,
        "text": f"Russian forces captured Lysychansk on July 3, officials said. {HOSTILE}\n"}
    ) + "\n")
    db = folder / "served.db"
    with Store(db) as store:
        ingest([str(EXAMPLES), str(hostile)], store)
    return db


@pytest.fixture(scope="module")
def client(served_db):
    from fastapi.testclient import TestClient
    from frontwatch.serve import create_app
    with TestClient(create_app(served_db)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def server(served_db):
    """The app on a free loopback port in a thread, for the browser; yields its base URL."""
    import uvicorn
    from frontwatch.serve import create_app
    config = uvicorn.Config(create_app(served_db), host="127.0.0.1", port=0,
                            log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    port = running.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(10)


__all__ = ["ASSETS", "node_modules"]
