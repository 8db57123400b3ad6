"""Built-in data and run(): the same result as the C++ pipeline behind `clir run`."""
import json
import os
import subprocess
import sys

import numpy as np
import pytest

import clir


def test_hromadas_are_numpy_columns_with_nan_for_missing_values():
    cols = clir.hromadas()
    assert len(cols["code"]) == 1469
    assert cols["code"][0].startswith("UA") and list(cols["code"]) == sorted(cols["code"])
    assert cols["lat"].dtype == np.float64 and np.all((cols["lat"] > 44) & (cols["lat"] < 53))
    numeric = [c["name"] for c in clir.columns() if c["numeric"]]
    assert all(cols[name].dtype == np.float64 for name in numeric)
    assert any(np.isnan(cols[name]).any() for name in numeric), "some indicator has missing values"


def test_hromadas_as_frame_when_pandas_is_installed():
    pandas = pytest.importorskip("pandas")
    frame = clir.hromadas(as_frame=True)
    assert isinstance(frame, pandas.DataFrame) and frame.shape[0] == 1469
    assert list(frame["code"]) == list(clir.hromadas()["code"])


def test_records_reference_and_frontline():
    communities = clir.communities()
    assert len(communities) == 1469 and communities[0].code == clir.hromadas()["code"][0]
    ref = clir.clir2024()
    assert len(ref["code"]) == 19 and set(ref["label"]) == set(range(6))
    assert list(ref["group"]) == [g + 1 for g in ref["label"]]
    assert clir.find_hromada(ref["code"][0]).code == ref["code"][0]
    assert all(part.shape[1] == 2 for part in clir.frontline_2023())
    assert clir.points(ref["code"]).shape == (19, 2)


def test_run_default_is_the_builtin_scenario():
    r = clir.run()
    assert len(r.selected) == 19 and all(code.startswith("UA") for code in r.selected)
    assert r.selected == r.selection.selected_ids
    assert len(r.groups.labels) == 19 and r.groups.labels.dtype == np.int32
    assert r.reference_comparison is not None and -0.5 <= r.reference_comparison.adjusted_rand_index <= 1


def test_run_equals_the_cli(cli, tmp_path):
    out = tmp_path / "out"
    subprocess.run([cli, "run", "-o", str(out), "-q", "--no-map"], check=True, capture_output=True)
    from_cli = json.loads((out / "run.json").read_text())
    from_python = clir.run().to_json()
    for d in (from_cli, from_python):
        d.pop("timings_s")  # wall times differ from run to run
        d["scenario"].pop("output")  # -o names another folder than the scenario's
    assert from_python == from_cli


def test_run_takes_a_path_or_toml_text(source_dir):
    path = source_dir / "examples" / "clir2024.toml"
    by_path = clir.run(path, last_stage="selection")
    by_text = clir.run(path.read_text(), last_stage="selection")
    by_str = clir.run(str(path), last_stage="selection")
    assert by_path.selected == by_text.selected == by_str.selected == clir.run(last_stage="selection").selected
    assert clir.scenario_text() == path.read_text()


def test_bad_scenario_raises_a_value_error_with_the_cpp_message():
    with pytest.raises(clir.ConfigError) as e:
        clir.run('name = "x"\n[selection]\nsize = 19\nsolvr = "mip"\n')
    assert isinstance(e.value, ValueError) and "solvr" in str(e.value) and "solver" in str(e.value)
    with pytest.raises(clir.InputError, match="no_such_file.toml"):
        clir.run("no_such_file.toml")
    assert clir.validate(clir.scenario_text())["selection"]["size"] == 19


def test_write_outputs_like_the_cli(tmp_path):
    r = clir.run(last_stage="evaluation")
    written = r.write(str(tmp_path / "o"), map=False)
    names = {os.path.basename(p) for p in written}
    assert {"run.json", "selection.csv", "groups.csv", "report.md"} <= names
    assert "Selected" in r.summary() or r.selected[0] in r.summary() or len(r.summary()) > 100


def test_write_a_choropleth_map(tmp_path):
    r = clir.run(last_stage="evaluation")
    r.write(str(tmp_path / "o"), map_style="choropleth", map_colour="score")
    svg = (tmp_path / "o" / "map.svg").read_text()
    assert svg.count("<path fill=") == 1469 and "(5 equal classes)" in svg
    with pytest.raises(clir.ConfigError, match="map_colour"):
        r.write(str(tmp_path / "p"), map_colour="no_such_column")
    assert not (tmp_path / "p").exists()
    with pytest.raises(clir.ConfigError, match="map_style"):
        r.write(str(tmp_path / "q"), map_style="polygons")


def test_one_liner_from_a_fresh_interpreter(tmp_path):
    out = subprocess.run([sys.executable, "-c", "import clir; print(clir.run().selected)"],
                         check=True, capture_output=True, text=True, cwd=tmp_path).stdout
    assert out.startswith("['UA") and out.count("UA") == 19


def test_errors_carry_the_message_the_cli_prints(cli, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\n[selection]\nsize = 19\nsolvr = "mip"\n')
    printed = subprocess.run([cli, "validate", str(bad)], capture_output=True, text=True)
    assert printed.returncode == 2
    with pytest.raises(clir.ConfigError) as e:
        clir.validate(bad)
    assert printed.stderr.strip() == "clir: error: " + str(e.value)
    assert str(e.value).startswith(f"{bad}:4:1: 'selection.solvr'")


def test_resolve_communities_published_names_with_oblast_hints():
    rows = [line.split(",") for line in open(os.path.join(os.path.dirname(__file__), "..", "..", "tests", "data",
                                                          "clir2024_published_names.csv"), encoding="utf-8")
            .read().splitlines()[1:]]
    assert len(rows) == 19
    results = clir.resolve_communities([r[0] for r in rows], hints=[r[1] for r in rows])
    assert [r["code"] for r in results] == [r[2] for r in rows]
    assert all(r["status"] == "resolved" for r in results)
    baryshivka = results[0]
    assert baryshivka["kind"] == "settlement" and baryshivka["matched_name"] == "Баришівка"
    assert baryshivka["score"] == 1.0 and baryshivka["centre"] is True


def test_resolve_communities_english_ambiguous_and_unknown():
    [b, s] = clir.resolve_communities(["Blznyukivska", "Savenetska"], hint="Kharkiv oblast")
    assert (b["code"], s["code"]) == ("UA63100030000050119", "UA63040150000053402")
    assert 0.75 <= s["score"] < 1.0
    with pytest.raises(clir.InputError, match="UA48020210000024814"):
        clir.resolve_communities(["Софіївська"])
    [amb, unk] = clir.resolve_communities(["Софіївська", "Qwxyzzzzpf"], strict=False)
    assert amb["status"] == "ambiguous" and amb["code"] is None
    assert {a["code"] for a in amb["alternatives"]} == {"UA12060270000017282", "UA48020210000024814"}
    assert unk["status"] == "unknown" and unk["code"] is None
    with pytest.raises(clir.InputError, match="hint"):
        clir.resolve_communities(["Боярка"], hint="Atlantis")
    with pytest.raises(clir.ConfigError, match="min_score"):
        clir.resolve_communities(["Боярка"], min_score=0.0)
    with pytest.raises(clir.ConfigError, match="hints"):
        clir.resolve_communities(["Боярка", "Глеваха"], hints=["Київська"])


def test_run_stages_are_the_names_run_accepts():
    assert clir.RUN_STAGES[0] == "pool" and clir.RUN_STAGES[-1] == "evaluation"
    assert len(set(clir.RUN_STAGES)) == len(clir.RUN_STAGES) == 6
    assert clir.run(last_stage=clir.RUN_STAGES[1]).scores.ids
    with pytest.raises(clir.ConfigError, match="did you mean 'scoring'"):
        clir.run(last_stage="scorng")


def test_community_card_is_the_cli_card_and_its_nearest_weighting_selects(cli, source_dir, tmp_path):
    scenario = source_dir / "examples" / "needs_first.toml"
    r = clir.run(scenario, last_stage="selection")
    below = [row for row in r.selection.explanations if row.status == "below_cutoff"]
    best = min(below, key=lambda e: e.rank)
    card = r.community_card(best.id)
    printed = subprocess.run([cli, "explain", str(scenario), "--code", best.id, "--json"],
                             check=True, capture_output=True, text=True)
    assert card == json.loads(printed.stdout)
    assert card["additive"] and not card["selected"] and card["rank"] == best.rank
    assert card["score_gap"] == pytest.approx(card["cutoff_score"] - card["score"])
    assert sum(c["contribution"] for c in card["criteria"]) == pytest.approx(card["score"], abs=1e-12)
    nearest = card["nearest"]
    assert nearest["status"] == "found" and nearest["selected"] and nearest["found"]
    assert sum(nearest["weights"]) == pytest.approx(1.0, abs=1e-12)
    assert nearest["distance"] == pytest.approx(sum(abs(c) for c in nearest["change"]))
    # Checked once more from Python: the scenario with those weights selects it.
    text = scenario.read_text()
    weights = iter(nearest["weights"])
    lines = [f"weight = {next(weights)!r}" if line.startswith("weight =") else line for line in text.splitlines()]
    assert best.id in clir.run("\n".join(lines) + "\n", last_stage="selection").selected
    # Options are keywords; a misspelt one is refused by name.
    assert r.community_card(best.id, nearest_weights=False)["nearest"] is None
    with pytest.raises(clir.ConfigError, match="max_programs"):
        r.community_card(best.id, max_program=2)
    with pytest.raises(clir.InputError, match="not an applicant"):
        r.community_card("UA0000")
