// clir_large_kmedoids: k-medoids at large n in one process (issue #27, item 5). Not a test and
// not a Google Benchmark program: one run of each method on one matrix, with the process's
// memory beside the times.
//
//   clir_large_kmedoids [--n 50000] [--k 10] [--dim 2] [--centres 10] [--seed 1] [--threads 1]
//                       [--skip-build] > FILE.json
//
// Builds the harness's Gaussian points (bench/bench_points.hpp, the same as bench/compare's),
// allocates one clir::DistanceMatrix<float> and fills its condensed storage in place from the
// points (no temporary matrix, no second copy), then runs on that matrix: FasterPAM from its
// default start (BUILD), FasterPAM from a random start, and FasterCLARA (its defaults: 5 samples
// of 80 + 4k items); and FasterCLARA once more on the points through a LazyDistance, without
// the matrix. For each: wall and CPU time, loss, sweeps and swaps, and the peak resident memory
// of the process during the call (VmHWM of /proc/self/status, reset before the call by writing
// 5 to /proc/self/clear_refs) against the matrix's bytes. The whole process's peak (getrusage's
// ru_maxrss and the final VmHWM) is reported too. Progress goes to stderr, one JSON object to
// stdout; bench/compare/make_doc.py --large turns it into a section of docs/performance.md.

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "bench_points.hpp"
#include "clir/cluster/clara.hpp"
#include "clir/cluster/kmedoids.hpp"
#include "clir/core/parallel.hpp"
#include "clir/distance/lazy.hpp"
#include "clir/distance/matrix.hpp"

namespace {

double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

// A field of /proc/self/status in KiB ("VmHWM", "VmRSS"); -1 when absent.
long status_kib(std::string_view field) {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);)
    if (line.compare(0, field.size(), field) == 0 && line.size() > field.size() && line[field.size()] == ':')
      return std::strtol(line.c_str() + field.size() + 1, nullptr, 10);
  return -1;
}

// Resets VmHWM to the current resident size (Linux 4.0 and later); false when refused.
bool reset_peak() {
  std::ofstream out("/proc/self/clear_refs");
  out << "5";
  out.flush();
  return static_cast<bool>(out);
}

long max_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

std::string json_number(double v) {
  char text[40];
  std::snprintf(text, sizeof text, "%.17g", v);
  return text;
}

struct Options {
  std::size_t n = 50000, k = 10, dim = 2, centres = 10;
  std::uint64_t seed = 1;
  unsigned threads = 1;
  bool skip_build = false;
};

Options parse(int argc, char** argv) {
  Options o;
  for (int a = 1; a < argc; ++a) {
    const std::string arg = argv[a];
    auto value = [&]() -> std::string {
      if (a + 1 >= argc) {
        std::cerr << "clir_large_kmedoids: " << arg << " needs a value\n";
        std::exit(2);
      }
      return argv[++a];
    };
    if (arg == "--n") o.n = std::stoull(value());
    else if (arg == "--k") o.k = std::stoull(value());
    else if (arg == "--dim") o.dim = std::stoull(value());
    else if (arg == "--centres") o.centres = std::stoull(value());
    else if (arg == "--seed") o.seed = std::stoull(value());
    else if (arg == "--threads") o.threads = static_cast<unsigned>(std::stoul(value()));
    else if (arg == "--skip-build") o.skip_build = true;
    else {
      std::cerr << "usage: clir_large_kmedoids [--n N] [--k K] [--dim D] [--centres C] [--seed S] [--threads T] "
                   "[--skip-build]\n";
      std::exit(2);
    }
  }
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  const std::size_t n = o.n;
  double load[3] = {0, 0, 0}, load_start[3] = {0, 0, 0};
  getloadavg(load_start, 3);
  const auto started = std::time(nullptr);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M", std::gmtime(&started));
  std::cerr << "n = " << n << ", load average " << load_start[0] << "\n";

  const std::vector<double> points = clir_bench::gaussian_points(n, o.dim, o.centres, o.seed);
  const long rss_points = status_kib("VmRSS");

  // The matrix, filled in place: each row i of the condensed storage is written directly from
  // the points (rows i and n − 1 − i on one task, so that the tasks weigh the same).
  auto w0 = std::chrono::steady_clock::now();
  clir::DistanceMatrix<float> D(n);
  float* out = D.condensed().data();
  const std::size_t dim = o.dim;
  auto fill_row = [&](std::size_t i) {
    if (i + 1 >= n) return;
    float* row = out + D.index(i, i + 1);
    const double* a = points.data() + i * dim;
    for (std::size_t j = i + 1; j < n; ++j) {
      const double* b = points.data() + j * dim;
      double s = 0.0;
      for (std::size_t c = 0; c < dim; ++c) s += (a[c] - b[c]) * (a[c] - b[c]);
      row[j - i - 1] = static_cast<float>(std::sqrt(s));
    }
  };
  clir::parallel_for((n + 1) / 2, o.threads, [&](std::size_t p) {
    fill_row(p);
    if (n - 1 - p != p) fill_row(n - 1 - p);
  });
  const double fill_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
  const double matrix_kib = static_cast<double>(D.bytes()) / 1024.0;
  const long rss_matrix = status_kib("VmRSS");
  // The peak so far (the reset before each call below lowers both figures to the resident size).
  const long before_hwm = status_kib("VmHWM"), before_maxrss = max_rss_kib();
  std::cerr << "matrix: " << D.bytes() << " bytes, filled in " << fill_s << " s, resident " << rss_matrix << " KiB\n";

  std::string runs;
  long peak = before_hwm;
  auto record = [&](const char* name, const char* init, auto&& call) {
    const bool reset = reset_peak();
    const double c0 = cpu_seconds();
    const auto t0 = std::chrono::steady_clock::now();
    const clir::MedoidResult r = call();
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double cpu = cpu_seconds() - c0;
    const long hwm = status_kib("VmHWM");
    peak = std::max(peak, hwm);
    std::cerr << name << " (" << init << "): " << wall << " s wall, " << cpu << " s CPU, loss " << r.loss
              << ", peak " << hwm << " KiB = " << static_cast<double>(hwm) / matrix_kib << " x the matrix\n";
    std::string medoids;
    for (std::size_t m : r.medoids) medoids += (medoids.empty() ? "" : ", ") + std::to_string(m);
    runs += std::string(runs.empty() ? "" : ",\n") + "    {\"method\": \"" + name + "\", \"init\": \"" + init +
            "\", \"wall_s\": " + json_number(wall) + ", \"cpu_s\": " + json_number(cpu) +
            ", \"loss\": " + json_number(r.loss) + ", \"iterations\": " + std::to_string(r.iterations) +
            ", \"swaps\": " + std::to_string(r.swaps) + ", \"peak_kib\": " + std::to_string(hwm) +
            ", \"peak_reset\": " + (reset ? "true" : "false") + ", \"medoids\": [" + medoids + "]}";
  };
  const std::size_t k = o.k;
  if (!o.skip_build)
    record("fasterpam", "build", [&] { return clir::fasterpam(D, k, {.threads = o.threads}); });
  record("fasterpam", "random", [&] {
    return clir::fasterpam(D, k, {.init = clir::Init::random, .seed = o.seed, .threads = o.threads});
  });
  record("fasterclara", "build", [&] { return clir::fasterclara(D, k, {.seed = o.seed, .threads = o.threads}); });
  const auto lazy = clir::lazy_distance(n, [&](std::size_t i, std::size_t j) {
    double s = 0.0;
    for (std::size_t c = 0; c < dim; ++c) {
      const double t = points[i * dim + c] - points[j * dim + c];
      s += t * t;
    }
    return static_cast<double>(static_cast<float>(std::sqrt(s)));  // the matrix's float values
  });
  record("fasterclara on the points (no matrix)", "build",
         [&] { return clir::fasterclara(lazy, k, {.seed = o.seed, .threads = o.threads}); });

  getloadavg(load, 3);
  std::cout << "{\n  \"date_utc\": \"" << stamp << "\", \"n\": " << n << ", \"k\": " << k << ", \"dim\": " << o.dim
            << ", \"centres\": " << o.centres << ", \"seed\": " << o.seed << ", \"threads\": " << o.threads
            << ",\n  \"matrix_bytes\": " << D.bytes() << ", \"fill_s\": " << json_number(fill_s)
            << ", \"rss_points_kib\": " << rss_points << ", \"rss_matrix_kib\": " << rss_matrix
            << ",\n  \"loadavg_start\": [" << load_start[0] << ", " << load_start[1] << ", " << load_start[2] << "]"
            << ", \"loadavg_end\": [" << load[0] << ", " << load[1] << ", " << load[2] << "]"
            << ",\n  \"before_runs_vmhwm_kib\": " << before_hwm << ", \"before_runs_ru_maxrss_kib\": " << before_maxrss
            << ", \"process_peak_kib\": " << peak
            << ",\n  \"runs\": [\n" << runs << "\n  ]\n}\n";
  return 0;
}
