"""Shared fixtures: a fresh database path, the real corpus in ../shared, a CLI runner."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontwatch.cli import app
from frontwatch.store import Store

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"
SEEDS = CORPUS / "seeds"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"
GOLD = Path(__file__).resolve().parents[1] / "gold"

# The gazetteer cache of the tests lives in the checkout (ignored by git): the first run builds
# it (about 20 s), later runs load it; the user's own ~/.frontwatch is never touched.
os.environ["FRONTWATCH_HOME"] = str(Path(__file__).resolve().parents[1] / ".cache" / "home")


def needs_shared() -> pytest.MarkDecorator:
    return pytest.mark.skipif(not CORPUS.is_dir(),
                              reason=f"the real corpus is not at {CORPUS} (../shared beside the "
                                     "checkout); these tests read it from there")


def seed(prefix: str) -> Path:
    """Return the seed file whose name starts with ``prefix`` ("000")."""
    return next(SEEDS.glob(f"{prefix}_*.txt"))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture
def store(db: Path):
    with Store(db) as opened:
        yield opened


@pytest.fixture
def cli(db: Path):
    """Invoke the CLI against the test database; returns click's Result."""
    runner = CliRunner()

    def invoke(*args: str, input: bytes | str | None = None):
        return runner.invoke(app, [*args, "--db", str(db)], input=input)

    return invoke


def write(path: Path, data: bytes | str, *, gz: bool = False) -> Path:
    """Write a hand-made input file (gzipped when asked) and return its path."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(raw) if gz else raw)
    return path


@pytest.fixture(scope="session")
def theatre():
    from frontwatch.theatres import load_theatre
    return load_theatre()


@pytest.fixture(scope="session")
def gazetteer(theatre):
    from frontwatch.places.gazetteer import load_gazetteer
    return load_gazetteer(theatre)
