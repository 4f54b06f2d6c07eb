"""Shared fixtures: paths to the bundled examples and to the corpora in ../shared.

Tests that need ../shared skip with a reason when it is absent (a user's
clone) and fail instead when STANCE_REQUIRE_CORPORA=1 (CI), so CI always runs
them.
"""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "data" / "examples"


def shared_path() -> Path:
    return Path(os.environ.get("STANCE_SHARED_DIR", ROOT.parent / "shared"))


@pytest.fixture
def shared_dir() -> Path:
    path = shared_path()
    if not (path / "corpora").is_dir():
        message = f"the shared corpora are not at {path} (set STANCE_SHARED_DIR)"
        if os.environ.get("STANCE_REQUIRE_CORPORA") == "1":
            pytest.fail(message + "; STANCE_REQUIRE_CORPORA=1 makes this a failure")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES
