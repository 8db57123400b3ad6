"""Distances (geodesic, needs, blended) and every comparison metric."""
import numpy as np
import pytest

import clir
from conftest import square_from_condensed


def test_geo_distances_are_condensed_km():
    pts = clir.points(list(clir.clir2024()["code"]))
    d = clir.geo_distances(pts)
    assert d.dtype == np.float64 and d.shape == (19 * 18 // 2,)
    assert d[0] == clir.geodesic_km(*pts[0], *pts[1])
    h = clir.geo_distances(pts, method="haversine", dtype="float32")
    assert h.dtype == np.float32 and abs(float(h[0]) - clir.haversine_km(*pts[0], *pts[1])) < 1e-3
    assert np.allclose(h, d, rtol=0.01)
    with pytest.raises(clir.ConfigError, match="'method'"):
        clir.geo_distances(pts, method="flat")
    with pytest.raises(clir.InputError, match="points"):
        clir.geo_distances(np.array([[91.0, 30.0], [50.0, 30.0]]))


def test_needs_and_blend():
    codes = list(clir.clir2024()["code"])
    cols = clir.hromadas()
    rows = [list(cols["code"]).index(c) for c in codes]
    data = {"code": codes, "dotation_level": cols["dotation_level"][rows],
            "own_revenue_per_capita_2021_uah": cols["own_revenue_per_capita_2021_uah"][rows]}
    needs = clir.needs_distances(data)
    assert needs.shape == (171,) and np.all(needs >= 0)
    geo = clir.geo_distances(clir.points(codes))
    assert np.allclose(clir.blend(geo, needs, alpha=0.0), geo / geo.max())
    assert np.allclose(clir.blend(geo, needs, alpha=1.0), needs / needs.max())
    mixed = clir.blend(square_from_condensed(geo), needs, alpha=0.3, scale="mean")
    assert np.allclose(mixed, 0.7 * geo / geo.mean() + 0.3 * needs / needs.mean())
    gower = clir.gower_distances(data)
    assert np.all((gower >= 0) & (gower <= 1))
    with pytest.raises(clir.ConfigError, match="'alpha'"):
        clir.blend(geo, needs, alpha=1.5)


def test_compare_has_every_metric_and_they_agree_with_the_single_functions():
    ref = np.array([0, 0, 0, 1, 1, 1, 2, 2, 2, 2])
    cand = np.array([1, 1, 0, 0, 0, 0, 2, 2, 2, 1])
    c = clir.compare(ref, cand)
    assert c.items == 10 and c.reference_groups == 3
    assert c.rand_index == clir.rand_index(ref, cand)
    assert c.adjusted_rand_index == clir.adjusted_rand_index(ref, cand)
    assert c.fowlkes_mallows == clir.fowlkes_mallows(ref, cand)
    assert c.mutual_information == clir.mutual_information(ref, cand)
    assert c.normalized_mutual_information["arithmetic"] == clir.normalized_mutual_information(ref, cand)
    assert c.adjusted_mutual_information["max"] == clir.adjusted_mutual_information(ref, cand, mean="max")
    assert c.variation_of_information == clir.variation_of_information(ref, cand)
    assert c.homogeneity == clir.homogeneity(ref, cand) and c.completeness == clir.completeness(ref, cand)
    assert c.v_measure == clir.v_measure(ref, cand) and c.purity == clir.purity(ref, cand)
    assert c.reference_entropy == clir.entropy(ref)
    assert c.matching == clir.match_labels(ref, cand)
    assert c.pairs["total"] == 45
    same = clir.compare(ref, ref)
    assert same.adjusted_rand_index == 1.0 and same.variation_of_information == 0.0
    with pytest.raises(clir.InputError):
        clir.compare(ref, cand[:5])
    with pytest.raises(clir.InputError, match="integer labels"):
        clir.rand_index(ref, cand.astype(float))


def test_sklearn_agrees_where_installed():
    metrics = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(3)
    a, b = rng.integers(0, 5, 200), rng.integers(0, 4, 200)
    assert abs(clir.adjusted_rand_index(a, b) - metrics.adjusted_rand_score(a, b)) < 1e-12
    assert abs(clir.adjusted_mutual_information(a, b) - metrics.adjusted_mutual_info_score(a, b)) < 1e-10


def test_the_runs_reference_comparison_is_compare_of_its_labels():
    r = clir.run()
    ref = clir.clir2024()
    regrouped = r.reference_regrouped
    codes, a, b = clir.align_by_id(list(ref["code"]), ref["label"], regrouped.codes, regrouped.labels)
    c = clir.compare(a, b)
    assert c.adjusted_rand_index == r.reference_comparison.adjusted_rand_index
    assert c.adjusted_mutual_information == r.reference_comparison.adjusted_mutual_information


def test_internal_indices():
    pts = clir.points(list(clir.clir2024()["code"]))
    geo = clir.geo_distances(pts)
    m = clir.fasterpam(geo, 4)
    s = clir.silhouette(geo, m.labels)
    assert -1 <= s["mean"] <= 1 and len(s["per_item"]) == 19
    ms = clir.medoid_silhouette(geo, m.medoids)
    assert ms["mean"] == clir.medoid_silhouette(geo, m.medoids, m.labels)["mean"]
    spread = clir.group_spread(geo, m.labels, m.medoids)
    assert abs(spread["total_to_medoid"] - m.loss) < 1e-6 * m.loss
    geo_spread = clir.geographic_spread(pts, m.labels)
    assert abs(geo_spread["max_diameter"] - clir.group_spread(geo, m.labels)["max_diameter"]) < 1e-6
    assert clir.davies_bouldin(pts, m.labels) > 0 and clir.calinski_harabasz(pts, m.labels) > 0
    assert 0 < clir.explained_inertia(geo, m.labels) <= 1
