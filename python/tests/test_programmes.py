"""Programme rules (issue #25) from Python: derived distances, points, stages, discretionary points."""
import os
import pathlib

import pytest

import clir

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples" / "programmes"

POOL = """
[pool]
oblasts = ["Kharkivska", "Lvivska", "Kyivska"]
[reference]
grouping = "none"
[clustering]
k = 2
"""


def test_stages_and_points_from_a_scenario_text():
    result = clir.run("""
[[derived]]
name = "km_to_front"
distance_to = "front_line"
[[eligibility]]
rule = "km_to_front >= 30"
[[criteria]]
column = "population_2022"
bands = [{below = 10000, points = 1}, {from = 10000, points = 2}]
[[stage]]
name = "shortlist"
[stage.scoring]
method = "points"
[stage.selection]
size = 6
[[stage]]
name = "final"
[stage.selection]
size = 2
""" + POOL)
    assert [s["name"] for s in result.stages] == ["shortlist", "final"]
    assert result.stages[1]["pool_size"] == 6
    assert set(result.selected) <= set(result.stages[0]["selected"])
    assert result.discretionary is None
    assert result.to_json()["scenario"]["derived"][0]["distance_to"] == "front_line"


def test_discretionary_effect_of_an_example():
    result = clir.run(str(EXAMPLES / "dobre_2018.toml"))
    effect = result.discretionary
    assert effect is not None
    assert len(effect["codes"]) == len(effect["points"]) == len(effect["points_without"])
    assert len(effect["entered"]) == len(effect["displaced"])
    for code in effect["entered"]:
        assert code in result.selected and code not in effect["selected_without"]


def test_overlapping_bands_name_the_key():
    with pytest.raises(clir.ConfigError, match="bands"):
        clir.run("[[criteria]]\ncolumn = \"population_2022\"\nbands = [{below = 5, points = 1}, {from = 4, points = 2}]\n" + POOL)
