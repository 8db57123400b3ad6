"""Shared fixtures: the built `clir` executable, the C++ reference program, the source tree."""
import json
import os
import subprocess
from pathlib import Path

import numpy as np
import pytest

SOURCE_DIR = Path(os.environ.get("CLIR_SOURCE_DIR", Path(__file__).resolve().parents[2]))


@pytest.fixture(scope="session")
def source_dir() -> Path:
    return SOURCE_DIR


@pytest.fixture(scope="session")
def cli() -> str:
    path = os.environ.get("CLIR_CLI", "")
    if not path or not Path(path).exists():
        pytest.skip("the clir executable is not built (CLIR_BUILD_CLI=OFF)")
    return path


@pytest.fixture(scope="session")
def cpp_reference():
    """Runs one k-medoids method through the C++ API on a condensed matrix; returns its JSON."""
    exe = os.environ.get("CLIR_PYTHON_REFERENCE", "")
    if not exe or not Path(exe).exists():
        pytest.skip("clir_python_reference is not built")

    def call(condensed: np.ndarray, n: int, method: str, k: int, seed: int = 1, tmp: Path = None) -> dict:
        path = tmp / f"matrix-{condensed.dtype}.bin"
        np.ascontiguousarray(condensed).tofile(path)
        out = subprocess.run([exe, str(path), str(n), str(condensed.dtype), method, str(k), str(seed)],
                             check=True, capture_output=True, text=True).stdout
        return json.loads(out)

    return call


def scattered_points(n: int, seed: int = 7) -> np.ndarray:
    """n points in the plane, deterministic."""
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, 2)) * np.array([3.0, 1.0]) + rng.integers(0, 4, size=(n, 1)) * 5.0


def condensed_euclidean(x: np.ndarray, dtype=np.float64) -> np.ndarray:
    """scipy.spatial.distance.pdist(x) without scipy: the upper triangle, row by row."""
    n = len(x)
    i, j = np.triu_indices(n, k=1)
    return np.sqrt(((x[i] - x[j]) ** 2).sum(axis=1)).astype(dtype)


def square_from_condensed(c: np.ndarray) -> np.ndarray:
    n = int(round((1 + np.sqrt(1 + 8 * len(c))) / 2))
    out = np.zeros((n, n), dtype=c.dtype)
    i, j = np.triu_indices(n, k=1)
    out[i, j] = c
    out[j, i] = c
    return out
