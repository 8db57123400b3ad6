// Do the native build's libm (glibc) and emscripten's (musl) give the same bits? Hashes the
// results of each function over 200,000 fixed pseudo-random arguments; build it both ways and
// compare the two outputs line by line (docs/web.md, "Why not every last digit"):
//
//   g++ -O2 -std=c++20 bench/wasm/libm_probe.cpp -o /tmp/probe && /tmp/probe > /tmp/native.txt
//   em++ -O2 -std=c++20 -sSINGLE_FILE bench/wasm/libm_probe.cpp -o /tmp/probe.js && node /tmp/probe.js > /tmp/wasm.txt
//   diff /tmp/native.txt /tmp/wasm.txt
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <random>

int main() {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> any(-4, 4), positive(0.001, 100);
  const char* names[] = {"sin", "cos", "atan2", "exp", "log", "pow", "hypot", "atan", "sqrt", "cbrt", "asin", "tan"};
  constexpr int kFunctions = 12;
  std::uint64_t hash[kFunctions] = {};
  for (int i = 0; i < 200000; ++i) {
    const double x = any(rng), y = any(rng), z = positive(rng);
    const double r[kFunctions] = {std::sin(x),  std::cos(x),      std::atan2(y, x), std::exp(x),
                                  std::log(z),  std::pow(z, x),   std::hypot(x, y), std::atan(x),
                                  std::sqrt(z), std::cbrt(x),     std::asin(x / 4), std::tan(x)};
    for (int k = 0; k < kFunctions; ++k) {
      std::uint64_t bits = 0;
      std::memcpy(&bits, &r[k], sizeof bits);
      hash[k] = hash[k] * 1000003ULL ^ bits;
    }
  }
  for (int k = 0; k < kFunctions; ++k) std::printf("%s %016llx\n", names[k], static_cast<unsigned long long>(hash[k]));
}
