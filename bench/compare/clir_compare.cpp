// clir_compare: the clir side of the side-by-side harness (bench/compare/run.py).
//
// It generates the seeded inputs that both sides read (points, the condensed distance matrix,
// starting medoids, a k-nearest-neighbour graph with attributes) and runs one clir algorithm on
// them, timing only the algorithm call, so that R and clir are measured on identical input.
// Output is one JSON object on stdout; labels go to a file when asked (--labels-out).
//
// File formats (all little-endian, what R's readBin reads without conversion):
//   points.f64  n × dim doubles, row-major (point i is values [i·dim, (i+1)·dim))
//   dist.f64    n(n−1)/2 doubles: d(0,1), d(0,2), …, d(0,n−1), d(1,2), … — clir's condensed
//               order, which is also the order of R's "dist" vector (column-wise lower triangle)
//   init.txt    k starting medoids, 0-based, one per line
//   coords.f64  n × 2 doubles (regions), attrs.f64 n × p doubles, edges.i32 m × 2 int32 (u < v)

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <numbers>
#include <stdexcept>
#include <string>
#include <vector>

#include "../bench_points.hpp"
#include "clir/core/rng.hpp"
#include "clir/distance/matrix.hpp"

#if __has_include("clir/cluster/kmedoids.hpp")
#include "clir/cluster/kmedoids.hpp"
#define CLIR_COMPARE_HAVE_KMEDOIDS 1
#endif
#if __has_include("clir/cluster/clara.hpp")
#include "clir/cluster/clara.hpp"
#define CLIR_COMPARE_HAVE_CLARA 1
#endif
#if __has_include("clir/graph/skater.hpp")
#include "clir/graph/skater.hpp"
#define CLIR_COMPARE_HAVE_SKATER 1
#endif

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// ---------------------------------------------------------------------------------------------
// Timing: wall clock and this process's CPU time around the algorithm call only.

struct Stopwatch {
  std::chrono::steady_clock::time_point wall0 = std::chrono::steady_clock::now();
  double cpu0 = cpu_seconds();

  static double cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
  }
  double wall() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
  }
  double cpu() const { return cpu_seconds() - cpu0; }
};

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// ---------------------------------------------------------------------------------------------
// Binary files.

template <class T>
void write_binary(const fs::path& path, const T* data, std::size_t count) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw std::runtime_error("cannot write " + path.string());
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(count * sizeof(T)));
  if (!out) throw std::runtime_error("short write to " + path.string());
}

template <class T>
std::vector<T> read_binary(const fs::path& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  const auto bytes = static_cast<std::size_t>(in.tellg());
  if (bytes % sizeof(T) != 0) throw std::runtime_error(path.string() + ": size is not a multiple of the element size");
  std::vector<T> values(bytes / sizeof(T));
  in.seekg(0);
  in.read(reinterpret_cast<char*>(values.data()), static_cast<std::streamsize>(bytes));
  if (!in) throw std::runtime_error("short read from " + path.string());
  return values;
}

std::size_t size_from_condensed(std::size_t entries) {
  // n(n−1)/2 = entries  →  n = (1 + √(1 + 8·entries)) / 2
  const auto n = static_cast<std::size_t>(std::llround((1.0 + std::sqrt(1.0 + 8.0 * static_cast<double>(entries))) / 2.0));
  if (n * (n - 1) / 2 != entries) throw std::runtime_error("dist.f64 does not hold n(n-1)/2 values for any n");
  return n;
}

/// Reads dist.f64 into a condensed matrix of T (float or double).
template <class T>
[[maybe_unused]] clir::DistanceMatrix<T> read_distances(const fs::path& dir) {
  const auto values = read_binary<double>(dir / "dist.f64");
  clir::DistanceMatrix<T> d(size_from_condensed(values.size()));
  std::copy(values.begin(), values.end(), d.condensed().begin());
  return d;
}

[[maybe_unused]] std::vector<std::size_t> read_medoids(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::vector<std::size_t> medoids;
  for (std::size_t m = 0; in >> m;) medoids.push_back(m);
  return medoids;
}

// ---------------------------------------------------------------------------------------------
// Seeded inputs. Every value comes from clir::Rng::stream(seed, index), so a file is the same on
// every machine and the harness can regenerate it instead of shipping it.

constexpr std::uint64_t kInitStream = 1ULL << 41;

/// The harness's Gaussian points (bench/bench_points.hpp, shared with the other benchmarks).
std::vector<double> make_points(std::size_t n, std::size_t dim, std::size_t centres, std::uint64_t seed) {
  return clir_bench::gaussian_points(n, dim, centres, seed);
}

double euclidean(const double* a, const double* b, std::size_t dim) {
  double s = 0.0;
  for (std::size_t j = 0; j < dim; ++j) {
    const double t = a[j] - b[j];
    s += t * t;
  }
  return std::sqrt(s);
}

/// k distinct indices below n, drawn from one stream (the starting medoids both sides get).
std::vector<std::size_t> draw_medoids(std::size_t n, std::size_t k, std::uint64_t seed) {
  auto rng = clir::Rng::stream(seed, kInitStream);
  std::vector<std::size_t> medoids;
  while (medoids.size() < k) {
    const auto m = static_cast<std::size_t>(rng.below(n));
    if (std::find(medoids.begin(), medoids.end(), m) == medoids.end()) medoids.push_back(m);
  }
  return medoids;
}

int cmd_gen_points(std::size_t n, std::size_t dim, std::size_t centres, std::size_t k, std::uint64_t seed,
                   const fs::path& out, bool write_dist) {
  fs::create_directories(out);
  const auto points = make_points(n, dim, centres, seed);
  write_binary(out / "points.f64", points.data(), points.size());
  if (write_dist) {
    std::vector<double> dist(n * (n - 1) / 2);
    std::size_t pos = 0;
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j) dist[pos++] = euclidean(&points[i * dim], &points[j * dim], dim);
    write_binary(out / "dist.f64", dist.data(), dist.size());
  }
  std::ofstream init(out / "init.txt");
  for (auto m : draw_medoids(n, k, seed)) init << m << '\n';
  std::cout << json{{"n", n}, {"dim", dim}, {"centres", centres}, {"seed", seed}}.dump() << '\n';
  return 0;
}

/// Regions: n sites uniform in the unit square, p attributes that vary smoothly over space plus
/// noise (so that contiguous groups are meaningful), and the symmetrised k-nearest-neighbour
/// graph of the sites (an edge when either endpoint is among the other's k nearest; distance
/// ties go to the lower index). Fails when that graph is not connected.
int cmd_gen_regions(std::size_t n, std::size_t p, std::size_t knn, std::uint64_t seed, const fs::path& out) {
  fs::create_directories(out);
  std::vector<double> coords(n * 2), attrs(n * p);
  for (std::size_t i = 0; i < n; ++i) {
    auto rng = clir::Rng::stream(seed, i);
    const double x = rng.uniform(), y = rng.uniform();
    coords[i * 2] = x;
    coords[i * 2 + 1] = y;
    for (std::size_t j = 0; j < p; ++j) {
      const double f = static_cast<double>(j + 1);
      const double trend = std::sin(std::numbers::pi * f * x) * std::cos(std::numbers::pi * (3.0 - f) * y);
      attrs[i * p + j] = trend + 0.3 * rng.normal();
    }
  }
  std::vector<std::pair<std::int32_t, std::int32_t>> edges;
  std::vector<std::pair<double, std::size_t>> cand(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) cand[j] = {j == i ? INFINITY : euclidean(&coords[i * 2], &coords[j * 2], 2), j};
    std::partial_sort(cand.begin(), cand.begin() + static_cast<std::ptrdiff_t>(knn), cand.end());
    for (std::size_t r = 0; r < knn; ++r) {
      const auto j = cand[r].second;
      edges.emplace_back(static_cast<std::int32_t>(std::min(i, j)), static_cast<std::int32_t>(std::max(i, j)));
    }
  }
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  // Connectivity by union-find: both SKATERs need one spanning tree.
  std::vector<std::size_t> parent(n);
  for (std::size_t i = 0; i < n; ++i) parent[i] = i;
  auto find = [&](std::size_t a) {
    while (parent[a] != a) a = parent[a] = parent[parent[a]];
    return a;
  };
  std::size_t components = n;
  for (auto [u, v] : edges) {
    const auto a = find(static_cast<std::size_t>(u)), b = find(static_cast<std::size_t>(v));
    if (a != b) {
      parent[a] = b;
      --components;
    }
  }
  if (components != 1) {
    std::cerr << "clir_compare: the " << knn << "-nearest-neighbour graph has " << components
              << " components; use a larger --knn\n";
    return 2;
  }
  std::vector<std::int32_t> flat;
  for (auto [u, v] : edges) {
    flat.push_back(u);
    flat.push_back(v);
  }
  write_binary(out / "coords.f64", coords.data(), coords.size());
  write_binary(out / "attrs.f64", attrs.data(), attrs.size());
  write_binary(out / "edges.i32", flat.data(), flat.size());
  std::cout << json{{"n", n}, {"p", p}, {"knn", knn}, {"edges", edges.size()}, {"seed", seed}}.dump() << '\n';
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Algorithm runs. `repeat` runs the same call several times in one process (for cases that take
// milliseconds); every run's time is reported and the result of the last one.

struct RunSpec {
  std::string algorithm;
  fs::path dir;
  std::size_t k = 10;
  std::string init = "build";
  unsigned threads = 1;
  bool use_float = false;
  std::size_t repeat = 1;
  std::size_t dim = 2;           // clara: columns of points.f64
  std::size_t samples = 5;       // clara: samples drawn (R's default)
  std::size_t sample_size = 0;   // clara: items per sample; 0 = 40 + 2k (R's default)
  fs::path labels_out;
};

[[maybe_unused]] void write_labels(const fs::path& path, const std::vector<std::int32_t>& labels) {
  if (!path.empty()) write_binary(path, labels.data(), labels.size());
}

#ifdef CLIR_COMPARE_HAVE_KMEDOIDS
template <class T>
json run_kmedoids(const RunSpec& spec) {
  Stopwatch read;
  const auto d = read_distances<T>(spec.dir);
  const double read_s = read.wall();

  clir::KMedoidsOptions options;
  if (spec.init == "given") {
    options.init = clir::Init::given;
    options.initial_medoids = read_medoids(spec.dir / "init.txt");
  } else if (spec.init == "build") {
    options.init = clir::Init::build;
  } else {
    throw std::runtime_error("--init must be build or given");
  }
  options.threads = spec.threads;

  json walls = json::array(), cpus = json::array();
  clir::MedoidResult result;
  for (std::size_t r = 0; r < spec.repeat; ++r) {
    Stopwatch sw;
    if (spec.algorithm == "pam") {
      result = clir::pam(d, spec.k, options);
    } else if (spec.algorithm == "fastpam1") {
      result = clir::fastpam1(d, spec.k, options);
    } else if (spec.algorithm == "fasterpam") {
      result = clir::fasterpam(d, spec.k, options);
    } else {
      throw std::runtime_error("unknown algorithm " + spec.algorithm);
    }
    walls.push_back(sw.wall());
    cpus.push_back(sw.cpu());
  }
  // The memory-bandwidth floor: one streaming read of the same matrix (every entry summed, in
  // 8 independent lanes so that the adds keep up with memory), timed in the same process right
  // after the algorithm, once per repeat. A swap sweep reads every row once, so a sweep can
  // not be faster than this.
  json stream_walls = json::array();
  double stream_sum = 0.0;
  for (std::size_t r = 0; r < spec.repeat; ++r) {
    Stopwatch sw;
    const auto& c = d.condensed();
    double lanes[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    std::size_t p = 0;
    for (; p + 8 <= c.size(); p += 8)
      for (std::size_t t = 0; t < 8; ++t) lanes[t] += static_cast<double>(c[p + t]);
    for (; p < c.size(); ++p) lanes[0] += static_cast<double>(c[p]);
    for (double v : lanes) stream_sum += v;
    stream_walls.push_back(sw.wall());
  }
  write_labels(spec.labels_out, result.labels);
  return json{{"side", "clir"},       {"algorithm", spec.algorithm}, {"n", d.size()},
              {"stream_s", stream_walls}, {"stream_sum", stream_sum},
              {"k", spec.k},          {"threads", spec.threads},     {"float", spec.use_float},
              {"wall_s", walls},      {"cpu_s", cpus},               {"read_s", read_s},
              {"loss", result.loss},  {"medoids", result.medoids},   {"iterations", result.iterations},
              {"swaps", result.swaps}, {"converged", result.converged}, {"matrix_bytes", d.bytes()},
              {"peak_rss_kib", peak_rss_kib()}};
}
#endif

#ifdef CLIR_COMPARE_HAVE_CLARA
/// Euclidean distances computed from the points when asked, as R's clara computes them: no
/// n × n matrix exists on either side.
struct PointsEuclidean {
  const std::vector<double>* points;
  std::size_t n;
  std::size_t dim;
  std::size_t size() const noexcept { return n; }
  double operator()(std::size_t i, std::size_t j) const noexcept {
    return euclidean(&(*points)[i * dim], &(*points)[j * dim], dim);
  }
};

json run_clara(const RunSpec& spec) {
  Stopwatch read;
  const auto points = read_binary<double>(spec.dir / "points.f64");
  const PointsEuclidean d{&points, points.size() / spec.dim, spec.dim};
  const double read_s = read.wall();
  clir::ClaraOptions options;
  options.samples = spec.samples;
  options.sample_size = spec.sample_size;
  options.threads = spec.threads;

  json walls = json::array(), cpus = json::array();
  clir::MedoidResult result;
  for (std::size_t r = 0; r < spec.repeat; ++r) {
    Stopwatch sw;
    result = clir::clara(d, spec.k, options);
    walls.push_back(sw.wall());
    cpus.push_back(sw.cpu());
  }
  write_labels(spec.labels_out, result.labels);
  return json{{"side", "clir"},      {"algorithm", "clara"},     {"n", d.size()},
              {"k", spec.k},         {"threads", spec.threads},  {"samples", spec.samples},
              {"wall_s", walls},     {"cpu_s", cpus},            {"read_s", read_s},
              {"loss", result.loss}, {"medoids", result.medoids}, {"iterations", result.iterations},
              {"swaps", result.swaps}, {"peak_rss_kib", peak_rss_kib()}};
}
#endif

#ifdef CLIR_COMPARE_HAVE_SKATER
json run_skater(const RunSpec& spec) {
  Stopwatch read;
  const auto coords = read_binary<double>(spec.dir / "coords.f64");
  const auto attrs_flat = read_binary<double>(spec.dir / "attrs.f64");
  const auto edges_flat = read_binary<std::int32_t>(spec.dir / "edges.i32");
  const std::size_t n = coords.size() / 2;
  const std::size_t p = attrs_flat.size() / n;
  Eigen::MatrixXd attrs(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(p));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < p; ++j) attrs(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = attrs_flat[i * p + j];
  std::vector<clir::Edge> edges;
  for (std::size_t e = 0; e + 1 < edges_flat.size(); e += 2) {
    const auto u = static_cast<std::size_t>(edges_flat[e]), v = static_cast<std::size_t>(edges_flat[e + 1]);
    // The graph weight is the sites' distance; SKATER's tree cost is the attribute distance
    // (SkaterEdgeCost::attribute_distance, as spdep::nbcosts computes it on the R side).
    edges.push_back({u, v, euclidean(&coords[u * 2], &coords[v * 2], 2)});
  }
  const double read_s = read.wall();

  json walls = json::array(), cpus = json::array();
  clir::SkaterResult result;
  for (std::size_t r = 0; r < spec.repeat; ++r) {
    Stopwatch sw;
    // Building the graph is part of the timed call: spdep's side starts from its neighbour list.
    const clir::Graph g(n, edges);
    result = clir::skater(g, attrs, spec.k);
    walls.push_back(sw.wall());
    cpus.push_back(sw.cpu());
  }
  write_labels(spec.labels_out, result.labels);
  return json{{"side", "clir"},   {"algorithm", "skater"}, {"n", n},           {"k", spec.k},
              {"threads", 1},     {"wall_s", walls},       {"cpu_s", cpus},    {"read_s", read_s},
              {"ssd", result.ssd}, {"edges", edges.size()}, {"peak_rss_kib", peak_rss_kib()}};
}
#endif

int cmd_run(const RunSpec& spec) {
  json out;
  if (spec.algorithm == "pam" || spec.algorithm == "fastpam1" || spec.algorithm == "fasterpam") {
#ifdef CLIR_COMPARE_HAVE_KMEDOIDS
    out = spec.use_float ? run_kmedoids<float>(spec) : run_kmedoids<double>(spec);
#else
    std::cerr << "clir_compare: this build has no clir/cluster/kmedoids.hpp\n";
    return 3;
#endif
  } else if (spec.algorithm == "skater") {
#ifdef CLIR_COMPARE_HAVE_SKATER
    out = run_skater(spec);
#else
    std::cerr << "clir_compare: this build has no clir/graph/skater.hpp\n";
    return 3;
#endif
  } else if (spec.algorithm == "clara") {
#ifdef CLIR_COMPARE_HAVE_CLARA
    out = run_clara(spec);
#else
    std::cerr << "clir_compare: this build has no clir/cluster/clara.hpp\n";
    return 3;
#endif
  } else {
    std::cerr << "clir_compare: unknown algorithm " << spec.algorithm << '\n';
    return 2;
  }
  std::cout << out.dump() << '\n';
  return 0;
}

/// The memory goal: a float matrix for n items, filled, its bytes() and the process's peak RSS.
int cmd_memory(std::size_t n, std::size_t dim, std::uint64_t seed) {
  const auto points = make_points(n, dim, 10, seed);
  const long rss_before = peak_rss_kib();
  Stopwatch sw;
  clir::DistanceMatrix<float> d(n);
  auto& c = d.condensed();
  std::size_t pos = 0;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j)
      c[pos++] = static_cast<float>(euclidean(&points[i * dim], &points[j * dim], dim));
  const double fill_s = sw.wall();
  const double check = static_cast<double>(d(n - 1, 0)) + static_cast<double>(d(0, n / 2));
  std::cout << json{{"n", n},
                    {"bytes", d.bytes()},
                    {"mib", static_cast<double>(d.bytes()) / (1024.0 * 1024.0)},
                    {"fits_1gib", d.bytes() <= (std::size_t{1} << 30)},
                    {"peak_rss_kib_before", rss_before},
                    {"peak_rss_kib", peak_rss_kib()},
                    {"fill_s", fill_s},
                    {"check", check}}
                   .dump()
            << '\n';
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"clir side of the R comparison harness (bench/compare/run.py)"};
  app.require_subcommand(1);

  std::size_t n = 1000, dim = 2, centres = 10, k = 10, p = 3, knn = 6;
  std::uint64_t seed = 1;
  std::string out;
  bool no_dist = false;
  auto* gen_points = app.add_subcommand("gen-points", "seeded points, their distance matrix and starting medoids");
  gen_points->add_option("--n", n)->required();
  gen_points->add_option("--dim", dim)->required();
  gen_points->add_option("--centres", centres);
  gen_points->add_option("--k", k, "number of starting medoids to draw");
  gen_points->add_option("--seed", seed);
  gen_points->add_option("--out", out)->required();
  gen_points->add_flag("--no-dist", no_dist, "points only (CLARA needs no matrix)");

  auto* gen_regions = app.add_subcommand("gen-regions", "seeded sites, attributes and their k-nearest-neighbour graph");
  gen_regions->add_option("--n", n)->required();
  gen_regions->add_option("--p", p);
  gen_regions->add_option("--knn", knn);
  gen_regions->add_option("--seed", seed);
  gen_regions->add_option("--out", out)->required();

  RunSpec spec;
  std::string dir;
  std::string labels_out;
  auto* run = app.add_subcommand("run", "run one algorithm on generated input and print JSON");
  run->add_option("algorithm", spec.algorithm, "pam, fastpam1, fasterpam or skater")->required();
  run->add_option("--dir", dir)->required();
  run->add_option("--k", spec.k, "medoids or groups");
  run->add_option("--init", spec.init, "build or given (init.txt)");
  run->add_option("--threads", spec.threads);
  run->add_flag("--float", spec.use_float, "store the matrix as float");
  run->add_option("--repeat", spec.repeat, "timed calls in this process");
  run->add_option("--labels-out", labels_out, "write the labels as int32 to this file");
  run->add_option("--dim", spec.dim, "clara: dimensions of points.f64");

  auto* memory = app.add_subcommand("memory", "bytes of a filled float distance matrix for n items");
  memory->add_option("--n", n)->required();
  memory->add_option("--dim", dim);
  memory->add_option("--seed", seed);

  CLI11_PARSE(app, argc, argv);
  try {
    if (*gen_points) return cmd_gen_points(n, dim, centres, k, seed, out, !no_dist);
    if (*gen_regions) return cmd_gen_regions(n, p, knn, seed, out);
    if (*memory) return cmd_memory(n, dim, seed);
    spec.dir = dir;
    spec.labels_out = labels_out;
    return cmd_run(spec);
  } catch (const std::exception& e) {
    std::cerr << "clir_compare: " << e.what() << '\n';
    return 1;
  }
}
