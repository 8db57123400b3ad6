"""Hostile arguments (issue #26): whole numbers out of range are clir.ConfigError (a ValueError)
naming the argument and its range, never pybind11's TypeError that prints the whole matrix."""
import pytest

import clir
from conftest import condensed_euclidean, scattered_points


@pytest.fixture(scope="module")
def distances():
    return condensed_euclidean(scattered_points(30))


@pytest.mark.parametrize("k", [-1, 2.5, 10**30, True, "3"])
def test_positional_k_out_of_range_names_k(distances, k):
    with pytest.raises(clir.ConfigError) as error:
        clir.fasterpam(distances, k)
    message = str(error.value)
    assert message.startswith("'k': expected a whole number from 0 to 18446744073709551615, got ")
    assert len(message) < 200  # the matrix is not printed
    assert isinstance(error.value, ValueError)


def test_other_positional_counts(distances):
    with pytest.raises(clir.ConfigError, match=r"^'k_max': expected a whole number from 0 to \d+, got -2$"):
        clir.dynmsc(distances, 2, -2)
    with pytest.raises(clir.ConfigError, match=r"^'k_first': expected a whole number"):
        clir.scan_k(distances, -1, 3)
    with pytest.raises(clir.ConfigError, match=r"^'k': expected a whole number"):
        clir.group_communities(["UA32060010000086043", "UA32140070000012102"], -1)


def test_keyword_whole_numbers_name_the_option_and_range(distances):
    # Before #26 these said only "cannot take a value of type int". Since #22 spectral's and
    # constrained k-medoids' keywords are declared fields: the declared range is named; threads,
    # shared by two option structs, is converted by type and names the type's range.
    with pytest.raises(clir.ConfigError, match=r"^'seed': expected an integer >= 0, got -1$"):
        clir.spectral(distances, 3, seed=-1)
    with pytest.raises(clir.ConfigError, match=r"^'max_iter': expected an integer >= 1, got -1$"):
        clir.spectral(distances, 3, max_iter=-1)
    with pytest.raises(clir.ConfigError, match=r"^'threads': expected a whole number from 0 to 4294967295, got -1$"):
        clir.spectral(distances, 3, threads=-1)
    with pytest.raises(clir.ConfigError, match=r"^'min_size': expected an integer >= 0, got -3$"):
        clir.constrained_kmedoids(distances, 3, min_size=-3)
    # Declared fields: the declared range, and the type's range for a huge number.
    with pytest.raises(clir.ConfigError, match=r"^'seed': expected a whole number from 0 to 18446744073709551615, got 10{30}$"):
        clir.fasterpam(distances, 3, seed=10**30)


def test_selection_count_out_of_range_names_count():
    # Before #26: "cannot take a value of type int".
    scores = clir.score()
    with pytest.raises(clir.ConfigError, match=r"^'count': expected an integer >= 1, got -3$"):
        clir.select(None, scores, count=-3)
