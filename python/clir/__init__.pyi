# Type stubs of the clir package (the compiled clir._clir re-exported by clir/__init__.py), so
# that editors complete names and type checkers know the signatures. Keyword options listed
# here carry the C++ defaults; docs/python.md describes each function.
import os
from typing import Any, Optional, Protocol, Sequence, Union

import numpy as np
import numpy.typing as npt

__version__: str

# A distance matrix: a condensed vector (scipy's pdist order) or a square matrix, float32/float64.
Distances = npt.NDArray[np.floating[Any]]
LabelsLike = Union[Sequence[int], npt.NDArray[np.integer[Any]]]
Data = Any  # a dict of columns or a pandas DataFrame; None = the built-in hromadas

KMEDOIDS_OPTIONS: tuple
SCORING_OPTIONS: tuple
SELECTION_OPTIONS: tuple
ROBUSTNESS_OPTIONS: tuple
CRITERION_FIELDS: tuple

class Error(ValueError): ...
class InputError(Error): ...
class ConfigError(Error): ...
class Infeasible(Error): ...

# ---- data ----------------------------------------------------------------------------------
class GeoPoint:
    lat: float
    lon: float
    def __init__(self, lat: float, lon: float) -> None: ...

class Community:
    code: str
    name_uk: str
    name_en: str
    oblast_code: str
    oblast_uk: str
    oblast_en: str
    raion: str
    type: str
    lat: float
    lon: float

def hromadas(as_frame: bool = False) -> Any: ...
def points(codes: Optional[Sequence[str]] = None) -> npt.NDArray[np.float64]: ...
def communities() -> list[Community]: ...
def columns() -> list[dict]: ...
def clir2024() -> dict: ...
def frontline_2023() -> list[npt.NDArray[np.float64]]: ...
def hromada_polygons() -> list[dict]: ...
def oblast_polygons() -> list[dict]: ...
def find_hromada(*args: str) -> Community: ...
def data_file(name: str) -> str: ...
def data_files() -> list[str]: ...

# ---- pipeline ------------------------------------------------------------------------------
class GroupingResult:
    codes: list[str]
    labels: npt.NDArray[np.int32]
    medoids: npt.NDArray[np.int64]
    loss: float
    iterations: int
    swaps: int
    proven_optimal: bool
    max_within_km: float
    mean_to_medoid_km: float
    geo_scale_km: float

class RunResult:
    selected: list[str]
    selected_communities: list[Community]
    scenario: dict
    criteria: list[str]
    eligibility: EligibilityResult
    scores: ScoreResult
    selection: SelectionResult
    robustness: Optional[MonteCarloResult]
    criterion_drops: list[CriterionDrop]
    groups: GroupingResult
    reference_regrouped: Optional[GroupingResult]
    reference_comparison: Optional[Comparison]
    reference_standing: list[dict]
    timings_s: dict
    def summary(self) -> str: ...
    def report_markdown(self) -> str: ...
    def to_json(self) -> dict: ...
    def write(self, directory: str, overwrite: bool = False, map: bool = True, *,
              map_style: Optional[str] = None, map_colour: Optional[str] = None) -> list[str]: ...

def run(scenario: Union[str, os.PathLike, None] = None, *, last_stage: str = "evaluation") -> RunResult: ...
def validate(scenario: Union[str, os.PathLike]) -> dict: ...
def scenario_text() -> str: ...
def group_communities(codes: Sequence[str], k: int = 6, data: Data = None, *, method: str = "fasterpam",
                      graph: str = "delaunay", alpha: float = 0.3, geo_distance: str = "geodesic", scale: str = "max",
                      needs_columns: Sequence[str] = (), min_size: int = 1, max_size: int = 0,
                      must_link: Sequence[tuple[str, str]] = (), cannot_link: Sequence[tuple[str, str]] = (),
                      category_column: str = "", category_soft: bool = False, category_penalty: float = 0.0,
                      allowed_together: Sequence[Sequence[str]] = (), seed: int = 1, threads: int = 0,
                      exact_time_limit_s: float = 60.0) -> GroupingResult: ...

# ---- distances -----------------------------------------------------------------------------
def matrix_info(distances: Distances) -> dict: ...
def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float: ...
def geodesic_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float: ...
def geo_distances(points: npt.ArrayLike, *, method: str = "geodesic", dtype: Any = "float64",
                  threads: int = 0) -> Distances: ...
def needs_distances(data: Data = None, *, columns: Sequence[str] = (), weights: Sequence[float] = (),
                    missing: str = "pairwise", dtype: Any = "float64", threads: int = 0,
                    ids: Optional[Sequence[str]] = None) -> Distances: ...
def gower_distances(data: Data = None, *, numeric: Sequence[str] = (), categorical: Sequence[str] = (),
                    weights: Sequence[float] = (), dtype: Any = "float64", threads: int = 0,
                    ids: Optional[Sequence[str]] = None) -> Distances: ...
def blend(geo: Distances, needs: Distances, *, alpha: float = 0.5, scale: str = "max") -> Distances: ...

# ---- clustering ----------------------------------------------------------------------------
class MedoidResult:
    medoids: npt.NDArray[np.int64]
    labels: npt.NDArray[np.int32]
    loss: float
    iterations: int
    swaps: int
    converged: bool
    medoid_silhouette: float

class DynMscResult:
    result: MedoidResult
    k: int
    ks: list[int]
    medoid_silhouettes: list[float]

class ConstrainedResult(MedoidResult):
    penalty: float
    objective: float

class PMedianResult(ConstrainedResult):
    status: str
    bound: float
    nodes: int

class SpectralResult:
    medoids: npt.NDArray[np.int64]
    labels: npt.NDArray[np.int32]
    loss: float
    iterations: int
    swaps: int
    converged: bool
    embedding: npt.NDArray[np.float64]
    eigenvalues: npt.NDArray[np.float64]
    eigengap: float
    sigma: list[float]

class _KMedoidsMethod(Protocol):
    """pam, fastpam1, fasterpam, alternating, fastermsc: KMedoidsOptions as keywords."""
    def __call__(self, distances: Distances, k: int, *, init: str = "build", initial_medoids: Sequence[int] = (),
                 max_iter: int = 1000, starts: int = 1, seed: int = 1, threads: int = 0,
                 dense_limit_bytes: int = 2147483648, validate: bool = True) -> MedoidResult: ...

class _ClaraMethod(Protocol):
    """clara, fasterclara: ClaraOptions as keywords (sample_size 0 = the method's default)."""
    def __call__(self, distances: Distances, k: int, *, samples: int = 5, sample_size: int = 0,
                 keep_best_medoids: bool = True, init: str = "build", max_iter: int = 1000, seed: int = 1,
                 threads: int = 0) -> MedoidResult: ...

pam: _KMedoidsMethod
fastpam1: _KMedoidsMethod
fasterpam: _KMedoidsMethod
alternating: _KMedoidsMethod
fastermsc: _KMedoidsMethod
def dynmsc(distances: Distances, k_min: int, k_max: int, *, init: str = "build", initial_medoids: Sequence[int] = (),
           max_iter: int = 1000, starts: int = 1, seed: int = 1, threads: int = 0,
           dense_limit_bytes: int = 2147483648, validate: bool = True) -> DynMscResult: ...
class KScore:
    k: int
    feasible: bool
    infeasible: str
    result: ConstrainedResult
    silhouette: float
    medoid_silhouette: float

def scan_k(distances: Distances, k_first: int, k_last: int, *, min_size: int = 1, max_size: int = 0,
           must_link: Sequence[tuple[int, int]] = (), cannot_link: Sequence[tuple[int, int]] = (),
           category: Sequence[str] = (), category_mode: str = "hard",
           may_mix: Sequence[Sequence[str]] = (), category_penalty: float = 0.0,
           item_names: Sequence[str] = (), init: str = "build", initial_medoids: Sequence[int] = (),
           max_iter: int = 100, swap_candidates: int = 0, restarts: int = 8, starts: int = 1,
           seed: int = 1, threads: int = 0, validate: bool = True) -> list[KScore]: ...
def best_k(scan: Sequence[KScore], criterion: str = "silhouette") -> int: ...
clara: _ClaraMethod
fasterclara: _ClaraMethod
def constrained_kmedoids(distances: Distances, k: int, *, min_size: int = 1, max_size: int = 0,
                         must_link: Sequence[tuple[int, int]] = (), cannot_link: Sequence[tuple[int, int]] = (),
                         category: Sequence[str] = (), category_mode: str = "hard",
                         may_mix: Sequence[Sequence[str]] = (), category_penalty: float = 0.0,
                         item_names: Sequence[str] = (), init: str = "build", initial_medoids: Sequence[int] = (),
                         max_iter: int = 100, swap_candidates: int = 0, restarts: int = 8, starts: int = 1,
                         seed: int = 1, threads: int = 0, validate: bool = True) -> ConstrainedResult: ...
def exact_pmedian(distances: Distances, k: int, *, min_size: int = 1, max_size: int = 0,
                  must_link: Sequence[tuple[int, int]] = (), cannot_link: Sequence[tuple[int, int]] = (),
                  category: Sequence[str] = (), category_mode: str = "hard", may_mix: Sequence[Sequence[str]] = (),
                  category_penalty: float = 0.0, item_names: Sequence[str] = (), time_limit_s: float = 60.0,
                  mip_gap: float = 0.0, heuristic_start: bool = True, max_items: int = 300,
                  validate: bool = True) -> PMedianResult: ...
def assign_to_medoids(distances: Distances, medoids: Sequence[int]) -> MedoidResult: ...
def spectral(distances: Distances, k: int, *, bandwidth: str = "self_tuning", neighbour: int = 7, sigma: float = 0.0,
             max_items: int = 6000, threads: int = 0, init: str = "build", max_iter: int = 1000, starts: int = 1,
             seed: int = 1) -> SpectralResult: ...
def spectral_embedding(distances: Distances, k: int, *, bandwidth: str = "self_tuning", neighbour: int = 7,
                       sigma: float = 0.0, max_items: int = 6000, threads: int = 0) -> SpectralResult: ...

class Graph:
    n: int
    edge_count: int
    edges: npt.NDArray[np.int64]
    weights: npt.NDArray[np.float64]
    total_weight: float
    def __init__(self, n: int, edges: npt.ArrayLike, weights: Optional[npt.ArrayLike] = None) -> None: ...

class SkaterResult:
    labels: npt.NDArray[np.int32]
    group_sizes: npt.NDArray[np.int64]
    group_ssd: list[float]
    ssd: float
    total_ssd: float
    tree: npt.NDArray[np.int64]
    cut_edges: npt.NDArray[np.int64]
    cut_gains: list[float]
    components: int

def knn_graph(k: int, *, points: Optional[npt.ArrayLike] = None, distances: Optional[Distances] = None,
              symmetry: str = "either", threads: int = 0) -> Graph: ...
def threshold_graph(max_distance: float, *, points: Optional[npt.ArrayLike] = None,
                    distances: Optional[Distances] = None, threads: int = 0) -> Graph: ...
def delaunay_graph(points: npt.ArrayLike) -> Graph: ...
def contiguity_graph(polygons: Sequence[Sequence[Sequence[npt.ArrayLike]]], points: npt.ArrayLike, *,
                     rule: str = "queen", tolerance_km: float = 0.2, min_shared_km: float = 0.5,
                     threads: int = 0) -> Graph: ...
def builtin_contiguity_graph(codes: Sequence[str], *, rule: str = "queen", tolerance_km: float = 0.2,
                             min_shared_km: float = 0.5, threads: int = 0) -> Graph: ...
def connect_components(graph: Graph, points: npt.ArrayLike) -> Graph: ...
def minimum_spanning_tree(graph: Graph) -> Graph: ...
def connected_components(graph: Graph) -> npt.NDArray[np.int32]: ...
def skater(graph: Graph, attributes: npt.ArrayLike, k: int, *, min_size: int = 1, max_size: int = 0,
           disconnected: str = "fail", edge_cost: str = "attribute_distance") -> SkaterResult: ...

# ---- evaluation ----------------------------------------------------------------------------
class Comparison:
    items: int
    reference_groups: int
    candidate_groups: int
    pairs: dict
    rand_index: float
    adjusted_rand_index: float
    fowlkes_mallows: float
    reference_entropy: float
    candidate_entropy: float
    mutual_information: float
    expected_mutual_information: float
    normalized_mutual_information: dict
    adjusted_mutual_information: dict
    variation_of_information: float
    homogeneity: float
    completeness: float
    v_measure: float
    purity: float
    inverse_purity: float
    matching: dict

def compare(reference: LabelsLike, candidate: LabelsLike, *, v_measure_beta: float = 1.0,
            match: bool = True) -> Comparison: ...
def rand_index(reference: LabelsLike, candidate: LabelsLike) -> float: ...
def adjusted_rand_index(reference: LabelsLike, candidate: LabelsLike) -> float: ...
def fowlkes_mallows(reference: LabelsLike, candidate: LabelsLike) -> float: ...
def entropy(labels: LabelsLike) -> float: ...
def mutual_information(reference: LabelsLike, candidate: LabelsLike) -> float: ...
def normalized_mutual_information(reference: LabelsLike, candidate: LabelsLike, *, mean: str = "arithmetic") -> float: ...
def adjusted_mutual_information(reference: LabelsLike, candidate: LabelsLike, *, mean: str = "arithmetic") -> float: ...
def variation_of_information(reference: LabelsLike, candidate: LabelsLike) -> float: ...
def homogeneity(reference: LabelsLike, candidate: LabelsLike) -> float: ...
def completeness(reference: LabelsLike, candidate: LabelsLike) -> float: ...
def v_measure(reference: LabelsLike, candidate: LabelsLike, *, beta: float = 1.0) -> float: ...
def purity(reference: LabelsLike, candidate: LabelsLike) -> float: ...
def match_labels(reference: LabelsLike, candidate: LabelsLike) -> dict: ...
def align_by_id(reference_ids: Sequence[str], reference: LabelsLike, candidate_ids: Sequence[str],
                candidate: LabelsLike, *, ignore_extra_candidate_ids: bool = False) -> tuple: ...
def silhouette(distances: Distances, labels: LabelsLike, *, threads: int = 1) -> dict: ...
def medoid_silhouette(distances: Distances, medoids: Sequence[int], labels: Optional[LabelsLike] = None) -> dict: ...
def group_spread(distances: Distances, labels: LabelsLike, medoids: Optional[Sequence[int]] = None) -> dict: ...
def geographic_spread(points: npt.ArrayLike, labels: LabelsLike, *, method: str = "geodesic") -> dict: ...
def davies_bouldin(points: npt.ArrayLike, labels: LabelsLike) -> float: ...
def calinski_harabasz(points: npt.ArrayLike, labels: LabelsLike) -> float: ...
def explained_inertia(distances: Distances, labels: LabelsLike) -> float: ...

# ---- scoring and selection -----------------------------------------------------------------
class ScoreResult:
    ids: list[str]
    criteria: list[str]
    method: str
    weights: npt.NDArray[np.float64]
    score: npt.NDArray[np.float64]
    rank: npt.NDArray[np.int64]
    order: npt.NDArray[np.int64]
    imputed: list[int]
    details: dict

class EligibilityResult:
    ids: list[str]
    rule_names: list[str]
    eligible: list[bool]
    failed_rules: list[list[int]]
    eligible_rows: npt.NDArray[np.int64]
    excluded_count: list[int]
    def reason(self, row: int) -> str: ...

class Explanation:
    id: str
    eligible: bool
    excluded_by: str
    score: Optional[float]
    rank: Optional[int]
    selected: bool
    status: str
    constraint: str
    displaced_by: str
    text: str

class SelectionResult:
    selected_rows: npt.NDArray[np.int64]
    selected_ids: list[str]
    explanations: list[Explanation]
    objective: float
    solver_used: str
    proven_optimal: bool
    cutoff_rank: int
    cutoff_score: float

class MonteCarloResult:
    ids: list[str]
    draws: int
    band_edges: list[int]
    rank_acceptability: npt.NDArray[np.float64]
    mean_rank: npt.NDArray[np.float64]
    best_rank: list[int]
    worst_rank: list[int]
    selection_probability: npt.NDArray[np.float64]
    central_weights: npt.NDArray[np.float64]

class CriterionDrop:
    criterion: str
    weights: npt.NDArray[np.float64]
    agreement: dict
    entered: list[str]
    left: list[str]

def default_criteria() -> list[dict]: ...
def default_eligibility() -> list[dict]: ...
def score(data: Data = None, criteria: Optional[Sequence[dict]] = None, *, ids: Optional[Sequence[str]] = None,
          rows: Optional[Sequence[int]] = None, method: str = "topsis", normalization: str = "min_max",
          cost_flip: str = "one_minus", topsis_normalization: str = "vector", weights: str = "given",
          ahp_matrix: Optional[npt.ArrayLike] = None, ahp_method: str = "eigenvector",
          max_consistency_ratio: float = 0.1, allow_inconsistent: bool = False, vikor_v: float = 0.5,
          preference: Sequence[dict] = ()) -> ScoreResult: ...
def check_eligibility(data: Data = None, rules: Optional[Sequence[Union[str, dict]]] = None, *,
                      ids: Optional[Sequence[str]] = None) -> EligibilityResult: ...
def select(data: Data, scores: ScoreResult, *, eligibility: Optional[EligibilityResult] = None,
           ids: Optional[Sequence[str]] = None, count: int = 0, quotas: Sequence[dict] = (),
           distinct: Sequence[dict] = (), shares: Sequence[dict] = (), solver: str = "automatic",
           time_limit_seconds: float = 60.0) -> SelectionResult: ...
def robustness(data: Data = None, criteria: Optional[Sequence[dict]] = None, *, rows: Optional[Sequence[int]] = None,
               scoring: Optional[dict] = None, selection: Optional[dict] = None, ids: Optional[Sequence[str]] = None,
               draws: int = 10000, sampling: str = "dirichlet", concentration: float = 100.0, seed: int = 1,
               threads: int = 0, rank_bands: Sequence[int] = ()) -> MonteCarloResult: ...
def leave_one_criterion_out(data: Data = None, criteria: Optional[Sequence[dict]] = None, *, top_n: int = 19,
                            rows: Optional[Sequence[int]] = None, scoring: Optional[dict] = None,
                            selection: Optional[dict] = None,
                            ids: Optional[Sequence[str]] = None) -> list[CriterionDrop]: ...
def rank_agreement(a: npt.ArrayLike, b: npt.ArrayLike, top_n: int) -> dict: ...
def topsis(values: npt.ArrayLike, directions: Sequence[str], weights: npt.ArrayLike, *,
           normalization: str = "vector") -> tuple: ...
def vikor(values: npt.ArrayLike, directions: Sequence[str], weights: npt.ArrayLike, *, v: float = 0.5) -> dict: ...
def promethee_ii(values: npt.ArrayLike, directions: Sequence[str], weights: npt.ArrayLike, *,
                 preference: Optional[Sequence[dict]] = None) -> tuple: ...
def weighted_sum(oriented: npt.ArrayLike, weights: npt.ArrayLike) -> npt.NDArray[np.float64]: ...
def weighted_product(oriented: npt.ArrayLike, weights: npt.ArrayLike) -> npt.NDArray[np.float64]: ...
def normalize(values: npt.ArrayLike, directions: Sequence[str], *, method: str = "min_max",
              cost_flip: str = "one_minus") -> npt.NDArray[np.float64]: ...
def entropy_weights(values: npt.ArrayLike) -> npt.NDArray[np.float64]: ...
def critic_weights(oriented: npt.ArrayLike) -> npt.NDArray[np.float64]: ...
def std_dev_weights(normalized: npt.ArrayLike) -> npt.NDArray[np.float64]: ...
def ahp_weights(pairwise: npt.ArrayLike, *, method: str = "eigenvector", max_consistency_ratio: float = 0.1,
                allow_inconsistent: bool = False) -> dict: ...
