"""clir: community selection and clustering for Ukraine's recovery programmes.

The C++ library in Python's idiom (see docs/python.md):

    >>> import clir
    >>> r = clir.run()                      # the built-in CLIR 2024 scenario, as `clir run`
    >>> r.selected[:3]                      # KATOTTG codes, best rank first
    >>> D = clir.geo_distances(points)      # condensed, scipy's pdist order (km)
    >>> m = clir.fasterpam(D, 6, seed=1)    # m.medoids, m.labels, m.loss, m.iterations, m.swaps
    >>> clir.compare(reference, m.labels).adjusted_rand_index

Distance matrices are NumPy arrays: a condensed vector (as scipy.spatial.distance.pdist gives)
or a square matrix, float32 or float64, read in place without a copy. Options are keyword
arguments with the C++ defaults; an unknown keyword raises clir.ConfigError. Every error clir
raises derives from clir.Error, a ValueError, with the C++ message. Long calls release the GIL.
"""

from __future__ import annotations

import os
from typing import Any, Optional, Union

from . import _clir
from ._clir import *  # noqa: F401,F403  (the compiled functions and classes)
from ._clir import ConfigError, Error, Infeasible, InputError, LimitReached, RunResult, __version__  # noqa: F401

#: The keyword options of pam, fastpam1, fasterpam, alternating, fastermsc and dynmsc (KMedoidsOptions).
KMEDOIDS_OPTIONS: tuple = tuple(_clir._kmedoids_options)
#: The keyword options of score() (ScoringOptions).
SCORING_OPTIONS: tuple = tuple(_clir._scoring_options)
#: The keyword options of select() (SelectionOptions).
SELECTION_OPTIONS: tuple = tuple(_clir._selection_options)
#: The keyword options of robustness() (MonteCarloOptions).
ROBUSTNESS_OPTIONS: tuple = tuple(_clir._monte_carlo_options)
#: The fields of a criterion dict (Criterion).
CRITERION_FIELDS: tuple = tuple(_clir._criterion_fields)
#: The stages run() can stop after (last_stage), in order (RunStage).
RUN_STAGES: tuple = tuple(_clir._run_stages)


def hromadas(as_frame: bool = False) -> Any:
    """The 1,469 built-in hromadas: a dict of NumPy columns (numbers as float64 with NaN where
    a value is missing, text as object arrays), or a pandas DataFrame with ``as_frame=True``
    (pandas is optional and only imported then). Units and sources: clir.columns()."""
    columns = _clir._hromada_columns()
    if not as_frame:
        return columns
    try:
        import pandas
    except ImportError as e:  # pandas is never a hard dependency
        raise ImportError("clir.hromadas(as_frame=True) needs pandas (Debian: python3-pandas)") from e
    return pandas.DataFrame(columns)


def points(codes: Optional[list] = None) -> Any:
    """(n, 2) float64 array of latitude, longitude (degrees) of the given built-in hromadas
    (by KATOTTG code; all of them, in code order, when None)."""
    import numpy

    if codes is None:
        cols = _clir._hromada_columns()
        return numpy.column_stack([cols["lat"], cols["lon"]])
    found = [_clir.find_hromada(c) for c in codes]
    return numpy.array([[c.lat, c.lon] for c in found], dtype=numpy.float64).reshape(len(found), 2)


def _scenario_argument(scenario: Union[str, os.PathLike, None]) -> tuple:
    """(text_or_path, is_path): a path-like object or a one-line string ending in .toml is a
    file; any other string is TOML text; None is the built-in CLIR 2024 scenario."""
    if scenario is None:
        return "", False
    if isinstance(scenario, os.PathLike):
        return os.fspath(scenario), True
    if not isinstance(scenario, str):
        raise ConfigError(f"'scenario': expected a path or TOML text, got {type(scenario).__name__}")
    if "\n" not in scenario and scenario.strip().endswith(".toml"):
        return scenario, True
    return scenario, False


def run(scenario: Union[str, os.PathLike, None] = None, *, last_stage: str = "evaluation") -> RunResult:
    """Runs a scenario end to end, as ``clir run`` does, and returns everything it produced.

    ``scenario`` is a path to a TOML file (a path-like object or a string ending in .toml),
    TOML text, or None for the built-in CLIR 2024 scenario. ``last_stage`` stops early, after
    one of RUN_STAGES. Writes nothing; RunResult.write() writes the output folder of
    ``clir run``."""
    text_or_path, is_path = _scenario_argument(scenario)
    return _clir._run(text_or_path, is_path, last_stage)


def validate(scenario: Union[str, os.PathLike]) -> dict:
    """Reads a scenario (as ``clir validate``) and returns it resolved, as a dict; raises
    clir.InputError / clir.ConfigError with the file, line and column of the first mistake."""
    text_or_path, is_path = _scenario_argument(scenario)
    return _clir._validate(text_or_path, is_path)
