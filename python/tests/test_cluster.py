"""Clustering from Python: identical to the C++ API, zero-copy inputs, clear errors, GIL released."""
import threading
import time

import numpy as np
import pytest

import clir
from conftest import condensed_euclidean, scattered_points, square_from_condensed

METHODS = ["pam", "fastpam1", "fasterpam", "alternating", "fastermsc"]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("method", METHODS)
def test_condensed_matrix_gives_the_cpp_result(cpp_reference, tmp_path, method, dtype):
    d = condensed_euclidean(scattered_points(600), dtype)
    ours = getattr(clir, method)(d, 7)
    theirs = cpp_reference(d, 600, method, 7, tmp=tmp_path)
    assert list(ours.medoids) == theirs["medoids"]
    assert list(ours.labels) == theirs["labels"]
    assert ours.loss == theirs["loss"]
    assert (ours.iterations, ours.swaps) == (theirs["iterations"], theirs["swaps"])
    assert ours.medoid_silhouette == theirs["medoid_silhouette"]


def test_scipy_pdist_output_is_used_in_place():
    distance = pytest.importorskip("scipy.spatial.distance")
    x = scattered_points(300)
    d = distance.pdist(x).astype(np.float32)
    assert clir.matrix_info(d) == {"n": 300, "layout": "condensed", "dtype": "float32", "zero_copy": True}
    assert list(clir.fasterpam(d, 5).medoids) == list(clir.fasterpam(condensed_euclidean(x, np.float32), 5).medoids)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_square_matrix_gives_the_condensed_result(dtype):
    c = condensed_euclidean(scattered_points(400), dtype)
    s = square_from_condensed(c)
    assert clir.matrix_info(s)["zero_copy"] and clir.matrix_info(np.asfortranarray(s))["zero_copy"]
    for method in METHODS:
        a, b = getattr(clir, method)(c, 5), getattr(clir, method)(s, 5)
        assert list(a.medoids) == list(b.medoids) and a.loss == b.loss and list(a.labels) == list(b.labels)
    strided = np.zeros((400, 800), dtype=dtype)[:, ::2]
    strided[:] = s
    assert not clir.matrix_info(strided)["zero_copy"]
    assert clir.fasterpam(strided, 5).loss == clir.fasterpam(c, 5).loss


def test_results_are_small_classes_with_views():
    r = clir.fasterpam(condensed_euclidean(scattered_points(100)), 4, seed=3, max_iter=50)
    assert r.labels.dtype == np.int32 and r.medoids.dtype == np.int64 and not r.labels.flags.writeable
    assert r.converged and r.iterations >= 1 and r.loss > 0 and len(set(r.labels)) == 4
    assert set(clir.KMEDOIDS_OPTIONS) >= {"init", "max_iter", "seed", "threads", "starts"}


def test_keywords_are_checked_against_the_declared_ranges_and_names():
    good = condensed_euclidean(scattered_points(20))
    with pytest.raises(clir.ConfigError, match=r"'seed': expected an integer >= 0, got -1"):
        clir.fasterpam(good, 3, seed=-1)
    with pytest.raises(clir.ConfigError, match=r"'max_iter': expected an integer >= 1, got 0"):
        clir.pam(good, 3, max_iter=0)
    with pytest.raises(clir.ConfigError, match=r"'samples': expected an integer >= 1, got 0"):
        clir.clara(good, 3, samples=0)
    with pytest.raises(clir.ConfigError, match=r"'mip_gap': expected a number >= 0, got -0.5"):
        clir.exact_pmedian(good, 3, mip_gap=-0.5)
    with pytest.raises(clir.ConfigError, match="did you mean 'build'"):
        clir.fasterpam(good, 3, init="biuld")
    with pytest.raises(clir.ConfigError, match=r"'alpha': expected a number in \[0, 1\], got 1.5"):
        clir.group_communities(["UA32060010000086043", "UA32140070000012102"], 2, alpha=1.5)
    with pytest.raises(clir.ConfigError, match="'concentration': expected a number > 0, got 0"):
        clir.robustness(draws=10, concentration=0)
    # A value equal to the default passes whatever the bounds: max_size = 0 means no bound.
    assert clir.constrained_kmedoids(good, 3, max_size=0).labels.size == 20


def test_bad_input_gives_the_clear_error():
    good = condensed_euclidean(scattered_points(20))
    with pytest.raises(clir.InputError, match="expected float32 or float64 distances, got dtype int64"):
        clir.fasterpam(good.astype(np.int64), 3)
    with pytest.raises(clir.InputError, match="expected a square distance matrix, got 3 x 4"):
        clir.fasterpam(np.zeros((3, 4)), 2)
    with pytest.raises(clir.InputError, match="is not of that form"):
        clir.fasterpam(np.zeros(7), 2)
    bad = good.copy()
    bad[5] = np.nan
    with pytest.raises(clir.InputError, match=r"'distance': d\(0, 6\) = nan is not a number"):
        clir.fasterpam(bad, 3)
    with pytest.raises(clir.InputError, match="not symmetric"):
        clir.pam(np.array([[0.0, 1.0], [2.0, 0.0]]), 1)
    with pytest.raises(clir.ConfigError, match="'k'"):
        clir.fasterpam(good, 21)
    with pytest.raises(clir.ConfigError, match="fasterpam\\(\\) has no option 'maxiter'; did you mean 'max_iter'"):
        clir.fasterpam(good, 3, maxiter=10)
    with pytest.raises(clir.ConfigError, match="unknown initialisation 'kmeans'"):
        clir.pam(good, 3, init="kmeans")
    with pytest.raises(clir.ConfigError, match="'seed': expected a whole number from 0 to 18446744073709551615, got 'one'"):
        clir.pam(good, 3, seed="one")
    for exc in (clir.InputError, clir.ConfigError, clir.Infeasible):
        assert issubclass(exc, clir.Error) and issubclass(exc, ValueError)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("order", ["C", "F"])
def test_a_bad_square_matrix_is_named_by_its_first_offending_pair(dtype, order):
    good = square_from_condensed(condensed_euclidean(scattered_points(100)).astype(dtype))
    cases = [((70, 70), 0.5, r"d\(70, 70\) = 0.5; the diagonal of a distance matrix must be 0"),
             ((80, 3), np.nan, r"d\(80, 3\) = nan is not a number"),
             ((3, 80), -1.0, r"d\(3, 80\) = -1 is negative"),
             ((5, 90), 1e6, r"not symmetric: d\(5, 90\) = 1000000 but d\(90, 5\) = ")]
    for (i, j), value, message in cases:
        bad = good.copy()
        # In Fortran order the memory holds the transpose: the library reads rows as they lie.
        bad[(i, j) if order == "C" else (j, i)] = value
        bad = np.asarray(bad, order=order)
        for call in (lambda: clir.fasterpam(bad, 3), lambda: clir.fasterclara(bad, 3)):
            with pytest.raises(clir.InputError, match=message):
                call()
    # Within a relative 1e-5 (matrix products differ across the diagonal in the last bits) it passes.
    near = good.copy()
    near[40, 60] *= 1 + 5e-6
    assert clir.fasterpam(np.asarray(near, order=order), 3).loss > 0


def test_the_gil_is_released_during_a_long_call():
    d = condensed_euclidean(scattered_points(2500), np.float32)
    done = threading.Event()
    result = {}

    def work():
        result["r"] = clir.pam(d, 12, threads=1)
        done.set()

    ticks = 0
    t = threading.Thread(target=work)
    t.start()
    start = time.perf_counter()
    while not done.is_set():
        ticks += 1
        time.sleep(0.001)
    elapsed = time.perf_counter() - start
    t.join()
    # With the GIL held for the whole call the loop could not run until it returned.
    assert elapsed < 0.05 or ticks >= 10, (ticks, elapsed)


def test_clara_constrained_exact_and_assignment():
    x = scattered_points(120)
    d = condensed_euclidean(x)
    c = clir.fasterclara(d, 4, samples=3)
    assert len(c.medoids) == 4 and c.iterations == 3
    assert clir.clara(d, 4).loss >= clir.pam(d, 4).loss - 1e-9
    cons = clir.constrained_kmedoids(d, 4, min_size=25, max_size=35)
    sizes = np.bincount(cons.labels)
    assert sizes.min() >= 25 and sizes.max() <= 35 and cons.objective == cons.loss
    small = condensed_euclidean(x[:24])
    exact = clir.exact_pmedian(small, 3, max_size=10)
    assert exact.status == "optimal" and np.bincount(exact.labels).max() <= 10
    assert exact.objective <= clir.constrained_kmedoids(small, 3, max_size=10).objective + 1e-9
    with pytest.raises(clir.Infeasible):
        clir.constrained_kmedoids(d, 4, max_size=10)
    a = clir.assign_to_medoids(d, [0, 1, 2])
    assert list(a.medoids) == [0, 1, 2] and a.labels[0] == 0


def test_spectral_and_skater_on_builtin_points():
    codes = list(clir.clir2024()["code"])
    pts = clir.points(codes)
    geo = clir.geo_distances(pts)
    s = clir.spectral(geo, 6, bandwidth="median")
    assert len(set(s.labels)) == 6 and s.embedding.shape == (19, 6) and s.eigengap >= 0
    g = clir.delaunay_graph(pts)
    assert g.n == 19 and g.edge_count >= 18
    attributes = np.column_stack([pts[:, 0], pts[:, 1]])
    sk = clir.skater(g, attributes, 6, min_size=2)
    assert len(set(sk.labels)) == 6 and np.bincount(sk.labels).min() >= 2 and sk.ssd < sk.total_ssd
    knn = clir.knn_graph(3, distances=geo)
    assert knn.n == 19 and knn.edge_count >= 19 * 3 // 2
    assert clir.minimum_spanning_tree(g).edge_count == 18
    with pytest.raises(clir.ConfigError, match="skater\\(\\) has no option 'minsize'"):
        clir.skater(g, attributes, 6, minsize=2)


def test_medoid_silhouette_is_reported_and_fastermsc_maximises_it():
    d = condensed_euclidean(scattered_points(300), np.float64)
    pam_result, msc_result = clir.fasterpam(d, 5), clir.fastermsc(d, 5)
    for r in (pam_result, msc_result):
        assert r.medoid_silhouette == pytest.approx(clir.medoid_silhouette(d, list(r.medoids))["mean"], abs=1e-12)
    # Started from FasterPAM's medoids, FasterMSC can only raise the medoid silhouette.
    polished = clir.fastermsc(d, 5, init="given", initial_medoids=list(pam_result.medoids))
    assert polished.medoid_silhouette >= pam_result.medoid_silhouette


def test_dynmsc_chooses_the_k_of_highest_medoid_silhouette():
    d = condensed_euclidean(scattered_points(200), np.float32)
    r = clir.dynmsc(d, 2, 6)
    assert r.ks == [6, 5, 4, 3, 2] and len(r.medoid_silhouettes) == 5
    assert r.result.medoid_silhouette == max(r.medoid_silhouettes)
    assert r.k == r.ks[r.medoid_silhouettes.index(max(r.medoid_silhouettes))] == len(r.result.medoids)
    with pytest.raises(clir.ConfigError, match="k_min"):
        clir.dynmsc(d, 5, 3)
    with pytest.raises(clir.ConfigError, match="dynmsc\\(\\) has no option 'maxiter'"):
        clir.dynmsc(d, 2, 4, maxiter=3)


def test_scan_k_scores_every_k_and_best_k_picks_the_highest():
    d = condensed_euclidean(scattered_points(120), np.float64)
    scan = clir.scan_k(d, 2, 5, max_size=60)
    assert [s.k for s in scan] == [2, 3, 4, 5] and all(s.feasible for s in scan)
    for s in scan:  # each k is exactly constrained_kmedoids with the same keywords
        ref = clir.constrained_kmedoids(d, s.k, max_size=60)
        assert list(s.result.medoids) == list(ref.medoids) and s.result.loss == ref.loss
        assert s.medoid_silhouette == pytest.approx(ref.medoid_silhouette)
        assert -1.0 <= s.silhouette <= 1.0
    by_msil = max(scan, key=lambda s: (s.medoid_silhouette, -s.k)).k
    assert clir.best_k(scan, "medoid_silhouette") == by_msil
    assert clir.best_k(scan) == max(scan, key=lambda s: (s.silhouette, -s.k)).k
    tight = clir.scan_k(d, 2, 3, max_size=50)  # 120 items cannot fit in 2 groups of at most 50
    assert not tight[0].feasible and "50" in tight[0].infeasible and tight[1].feasible
    with pytest.raises(clir.ConfigError, match="criterion.*unknown value 'loss'"):
        clir.best_k(scan, "loss")
    with pytest.raises(clir.ConfigError, match="range 1..3 must satisfy 2 <= first <= last"):
        clir.scan_k(d, 1, 3)
    with pytest.raises(clir.ConfigError, match="range 4..3 must satisfy"):
        clir.scan_k(d, 4, 3)


def test_contiguity_graph_of_builtin_and_given_polygons():
    # Queen and rook on two squares sharing a side and a third touching one corner.
    def square(lat, lon):
        return [[np.array([[lat, lon], [lat, lon + 0.01], [lat + 0.01, lon + 0.01], [lat + 0.01, lon], [lat, lon]])]]
    areas = [square(48, 30), square(48, 30.01), square(48.01, 30.02)]
    pts = np.array([[48.005, 30.005], [48.005, 30.015], [48.015, 30.025]])
    queen = clir.contiguity_graph(areas, pts)
    rook = clir.contiguity_graph(areas, pts, rule="rook")
    assert (queen.edge_count, rook.edge_count) == (2, 1)
    with pytest.raises(clir.ConfigError, match="tolerance_km"):
        clir.contiguity_graph(areas, pts, tolerance_km=-1)
    with pytest.raises(clir.ConfigError, match="queen"):
        clir.contiguity_graph(areas, pts, rule="bishop")
    # The built-in polygons: the same graph from the codes or from the polygons themselves.
    polygons = clir.hromada_polygons()
    assert len(polygons) == 1469 and len(clir.oblast_polygons()) == 27
    kyiv = [p for p, h in zip(polygons, clir.communities()) if h.oblast_uk == "Київська"]
    codes = [p["code"] for p in kyiv]
    by_code = clir.builtin_contiguity_graph(codes, rule="rook")
    given = clir.contiguity_graph([p["polygons"] for p in kyiv], clir.points(codes), rule="rook")
    assert by_code.n == 69 and by_code.edge_count == given.edge_count
    assert len(set(clir.connected_components(by_code))) == 3  # two islands: Коцюбинська, Славутицька
    groups = clir.group_communities(list(clir.clir2024()["code"]), 6, method="skater", graph="contiguity", alpha=0)
    assert len(set(groups.labels)) == 6
