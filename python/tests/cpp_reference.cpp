// The C++ side of the Python tests and of bench/python/fasterpam_overhead.py: reads a condensed
// distance matrix (raw float32 or float64, scipy's pdist order) into a clir::DistanceMatrix, or
// a file of n·n values as a square row-major matrix (clir::DenseDistanceView), runs one
// k-medoids method through the C++ API and prints the result and the wall and CPU time of each call as JSON.
//
//   clir_python_reference FILE N float32|float64 METHOD K [SEED] [REPEAT] [THREADS]
#include <chrono>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "clir/cluster/kmedoids.hpp"
#include "clir/distance/matrix.hpp"

namespace {

template <class T, class M>
int run_on(const M& D, const std::string& method, std::size_t k, std::uint64_t seed, std::size_t repeat,
           unsigned threads) {
  const clir::KMedoidsMethod m = clir::parse_enum<clir::KMedoidsMethod>(method, "method");
  nlohmann::json seconds = nlohmann::json::array(), cpu_seconds = nlohmann::json::array();
  clir::MedoidResult r;
  for (std::size_t i = 0; i < repeat; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    const std::clock_t c0 = std::clock();
    r = clir::kmedoids(D, k, m, {.seed = seed, .threads = threads});
    cpu_seconds.push_back(static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC);
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  nlohmann::json out = {{"medoids", r.medoids}, {"labels", r.labels},       {"loss", r.loss},
                        {"iterations", r.iterations}, {"swaps", r.swaps}, {"medoid_silhouette", r.medoid_silhouette}, {"seconds", seconds},
                        {"cpu_seconds", cpu_seconds}};
  std::cout << out.dump() << '\n';
  return 0;
}

template <class T>
int run(const std::string& file, std::size_t n, const std::string& method, std::size_t k, std::uint64_t seed,
        std::size_t repeat, unsigned threads) {
  std::ifstream in(file, std::ios::binary | std::ios::ate);
  const auto bytes = static_cast<std::size_t>(in.tellg());
  in.seekg(0);
  if (n > 1 && bytes == n * n * sizeof(T)) {
    std::vector<T> square(n * n);
    in.read(reinterpret_cast<char*>(square.data()), static_cast<std::streamsize>(bytes));
    return run_on<T>(clir::DenseDistanceView<T>(square.data(), n), method, k, seed, repeat, threads);
  }
  clir::DistanceMatrix<T> D(n);
  auto& c = D.condensed();
  in.read(reinterpret_cast<char*>(c.data()), static_cast<std::streamsize>(c.size() * sizeof(T)));
  if (!in) {
    std::cerr << file << ": expected " << c.size() << " values of " << sizeof(T) << " bytes\n";
    return 2;
  }
  return run_on<T>(D, method, k, seed, repeat, threads);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 6) {
    std::cerr << "usage: clir_python_reference FILE N float32|float64 METHOD K [SEED] [REPEAT] [THREADS]\n";
    return 2;
  }
  const std::string file = argv[1], dtype = argv[3], method = argv[4];
  const std::size_t n = std::stoul(argv[2]), k = std::stoul(argv[5]);
  const std::uint64_t seed = argc > 6 ? std::stoull(argv[6]) : 1;
  const std::size_t repeat = argc > 7 ? std::stoul(argv[7]) : 1;
  const unsigned threads = argc > 8 ? static_cast<unsigned>(std::stoul(argv[8])) : 0;
  try {
    if (dtype == "float32") return run<float>(file, n, method, k, seed, repeat, threads);
    return run<double>(file, n, method, k, seed, repeat, threads);
  } catch (const std::exception& e) {
    std::cerr << e.what() << '\n';
    return 2;
  }
}
