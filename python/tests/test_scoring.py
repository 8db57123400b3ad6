"""Scoring (every method and weighting), eligibility, selection with reasons, robustness."""
import numpy as np
import pytest

import clir


@pytest.fixture(scope="module")
def scored_run():
    return clir.run(last_stage="selection")


def test_score_equals_the_pipeline_on_the_builtin_scenario(scored_run):
    scenario = scored_run.scenario
    # The pool: the built-in rows (sorted by code, as the pool is) of the scenario's oblasts.
    oblasts = set(scenario["pool"]["oblasts"])
    pool = [i for i, o in enumerate(clir.hromadas()["oblast_uk"]) if o in oblasts]
    rules = [{"name": r["name"], "rule": r["rule"]} for r in scenario["eligibility"]]
    eligible = set(clir.check_eligibility(rules=rules).eligible_rows)
    rows = [i for i in pool if i in eligible]
    assert len(rows) == len(scored_run.eligibility.eligible_rows)
    s = clir.score(rows=rows, method=scenario["scoring"]["method"])
    assert s.ids == scored_run.scores.ids
    assert np.array_equal(s.score, scored_run.scores.score)
    assert list(s.rank) == list(scored_run.scores.rank)
    quotas = [{"column": q["column"], "max": q["max"]} for q in scenario["selection"]["quota"]]
    distinct = [{"column": d["column"], "at_least": d["at_least"]} for d in scenario["selection"]["distinct"]]
    sel = clir.select({"code": s.ids, "oblast_uk": np.array(clir.hromadas()["oblast_uk"])[rows]}, s, count=19,
                      quotas=quotas, distinct=distinct)
    assert sel.selected_ids == scored_run.selected


def test_every_method_and_weighting():
    for method in ["weighted_sum", "weighted_product", "topsis", "vikor", "promethee_ii"]:
        s = clir.score(method=method)
        assert sorted(s.rank) == list(range(1, 1470)) and s.method == method
        assert abs(s.weights.sum() - 1) < 1e-12
    assert "phi" in clir.score(method="promethee_ii", preference=[{"type": "linear", "q": 0, "p": 1}] * 7).details
    for weights in ["given", "equal", "entropy", "critic", "std_dev"]:
        s = clir.score(weights=weights)
        assert abs(s.weights.sum() - 1) < 1e-12 and np.all(s.weights >= 0)
    ahp = np.ones((7, 7))
    ahp[0, 1:], ahp[1:, 0] = 3.0, 1 / 3.0
    s = clir.score(weights="ahp", ahp_matrix=ahp)
    assert s.details["consistent"] and s.weights[0] > s.weights[1]
    with pytest.raises(clir.ConfigError, match="score\\(\\) has no option 'methd'; did you mean 'method'"):
        clir.score(methd="topsis")
    with pytest.raises(clir.ConfigError, match="'method'"):
        clir.score(method="electre")


def test_criteria_as_dicts_on_own_data():
    data = {"code": ["a", "b", "c", "d"], "damage": [5.0, 1.0, 3.0, np.nan], "revenue": [100.0, 50.0, 80.0, 10.0]}
    criteria = [{"column": "damage", "weight": 2, "missing": "impute_median"},
                {"column": "revenue", "direction": "cost"}]
    s = clir.score(data, criteria, method="weighted_sum")
    assert s.ids == ["a", "b", "c", "d"] and s.criteria == ["damage", "revenue"]
    with pytest.raises(clir.ConfigError, match="criterion\\(\\) has no option 'colum'"):
        clir.score(data, [{"colum": "damage"}])
    with pytest.raises(clir.InputError, match="damage"):
        clir.score(data, [{"column": "damage"}])  # a missing value under missing = error


def test_selection_explains_every_applicant():
    data = clir.hromadas()
    elig = clir.check_eligibility()
    assert elig.rule_names == [r["name"] for r in clir.default_eligibility()]
    s = clir.score(rows=elig.eligible_rows)
    sel = clir.select(None, s, eligibility=elig, count=19,
                      quotas=[{"column": "oblast_en", "max": 2}])
    assert len(sel.selected_ids) == 19 and len(sel.explanations) == 1469
    oblasts = [data["oblast_en"][list(data["code"]).index(c)] for c in sel.selected_ids]
    assert max(oblasts.count(o) for o in set(oblasts)) <= 2
    statuses = {e.status for e in sel.explanations}
    assert {"selected", "excluded", "below_cutoff", "quota_full"} <= statuses
    full = next(e for e in sel.explanations if e.status == "quota_full")
    assert full.displaced_by and full.text
    assert sel.solver_used in ("greedy", "matroid", "mip") and sel.proven_optimal
    with pytest.raises(clir.ConfigError, match="quota\\(\\) has no option 'maximum'"):
        clir.select(None, s, eligibility=elig, count=19, quotas=[{"column": "oblast_en", "maximum": 2}])
    with pytest.raises(clir.Infeasible):
        clir.select(None, s, eligibility=elig, count=19, quotas=[{"column": "oblast_en", "max": 0}])


def test_robustness_is_deterministic_and_consistent():
    elig = clir.check_eligibility()
    a = clir.robustness(rows=elig.eligible_rows, selection={"count": 19}, draws=300, seed=5)
    b = clir.robustness(rows=elig.eligible_rows, selection={"count": 19}, draws=300, seed=5, threads=1)
    assert np.array_equal(a.selection_probability, b.selection_probability)
    assert abs(a.selection_probability.sum() - 19) < 1e-9 and a.draws == 300
    drops = clir.leave_one_criterion_out(rows=elig.eligible_rows, selection={"count": 19})
    assert len(drops) == 7 and all(len(d.entered) == len(d.left) for d in drops)
    agree = clir.rank_agreement(a.mean_rank, a.mean_rank, 19)
    assert agree["spearman"] == pytest.approx(1.0)


def test_methods_on_a_decision_matrix():
    values = np.array([[250.0, 16, 12, 5], [200, 16, 8, 3], [300, 32, 16, 4], [275, 32, 8, 4], [225, 16, 16, 2]])
    directions = ["cost", "benefit", "benefit", "benefit"]
    w = np.array([0.25, 0.25, 0.25, 0.25])
    closeness, _, _ = clir.topsis(values, directions, w)
    assert np.all((closeness >= 0) & (closeness <= 1))
    v = clir.vikor(values, directions, w)
    assert len(v["q"]) == 5
    phi, plus, minus = clir.promethee_ii(values, directions, w)
    assert np.allclose(phi, plus - minus) and abs(phi.sum()) < 1e-12
    oriented = clir.normalize(values, directions)
    assert np.allclose(clir.weighted_sum(oriented, w), oriented @ w)
    for f in (clir.entropy_weights, clir.critic_weights, clir.std_dev_weights):
        assert abs(f(oriented).sum() - 1) < 1e-12
    assert clir.ahp_weights(np.array([[1, 3.0], [1 / 3.0, 1]]))["weights"][0] == pytest.approx(0.75)


def test_a_rule_dict_takes_the_keys_of_a_scenario_eligibility_entry():
    data = {"code": ["a", "b"], "x": [1.0, float("nan")]}
    strict = clir.check_eligibility(data, [{"rule": "x == 1"}])
    lenient = clir.check_eligibility(data, [{"rule": "x == 1", "missing_passes": True, "name": "x is one"}])
    assert list(strict.eligible_rows) == [0]
    assert list(lenient.eligible_rows) == [0, 1]
    with pytest.raises(clir.ConfigError, match="did you mean 'missing_passes'"):
        clir.check_eligibility(data, [{"rule": "x == 1", "missing_pass": True}])
    # run.json's echo of a scenario's rules reads back as the same rules.
    rules = clir.run(last_stage="pool").scenario["eligibility"]
    assert {frozenset(r) for r in rules} == {frozenset({"rule", "name", "missing_passes"})}
    assert clir.check_eligibility(rules=rules).eligible_rows.size > 0
