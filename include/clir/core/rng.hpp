#pragma once
/// @file
/// @brief Seeded, platform-independent random numbers.
///
/// clir never uses std::random_device or the std distributions (their output differs between
/// standard libraries). Every random stream is derived from (seed, stream index) with SplitMix64,
/// so parallel draws do not depend on the thread count or the schedule: draw i always uses
/// `Rng::stream(seed, i)`.

#include <cmath>
#include <cstdint>
#include <limits>

namespace clir {

/// One step of SplitMix64 (Steele, Lea, Flood 2014): advances @p state and returns the output.
constexpr std::uint64_t splitmix64(std::uint64_t& state) noexcept {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

/// xoshiro256** (Blackman, Vigna 2018), seeded through SplitMix64. Satisfies
/// std::uniform_random_bit_generator.
class Rng {
 public:
  using result_type = std::uint64_t;

  explicit constexpr Rng(std::uint64_t seed = 1) noexcept {
    std::uint64_t sm = seed;
    for (auto& w : s_) w = splitmix64(sm);
  }

  /// The generator for stream @p index under @p seed; independent of any other stream.
  static constexpr Rng stream(std::uint64_t seed, std::uint64_t index) noexcept {
    std::uint64_t sm = seed;
    const std::uint64_t a = splitmix64(sm);
    std::uint64_t mix = a ^ (index * 0xD1B54A32D192ED03ULL + 0x8CB92BA72F3D8DD7ULL);
    return Rng(splitmix64(mix));
  }

  static constexpr result_type min() noexcept { return 0; }
  static constexpr result_type max() noexcept { return std::numeric_limits<result_type>::max(); }

  constexpr result_type operator()() noexcept {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  /// Uniform double in [0, 1) with 53 random bits.
  constexpr double uniform() noexcept { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }

  /// Uniform integer in [0, n) without modulo bias (bitmask with rejection). @p n must be > 0.
  constexpr std::uint64_t below(std::uint64_t n) noexcept {
    std::uint64_t mask = n - 1;
    mask |= mask >> 1;
    mask |= mask >> 2;
    mask |= mask >> 4;
    mask |= mask >> 8;
    mask |= mask >> 16;
    mask |= mask >> 32;
    for (;;) {
      const std::uint64_t x = (*this)() & mask;
      if (x < n) return x;
    }
  }

  /// Standard normal deviate (Marsaglia polar method; deterministic given the stream).
  double normal() noexcept {
    double u = 0.0, v = 0.0, s = 0.0;
    do {
      u = 2.0 * uniform() - 1.0;
      v = 2.0 * uniform() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    return u * std::sqrt(-2.0 * std::log(s) / s);
  }

  /// Gamma(shape, 1) deviate (Marsaglia and Tsang 2000); @p shape must be > 0.
  double gamma(double shape) noexcept {
    if (shape < 1.0) {
      // Boost to shape + 1 and scale by U^(1/shape).
      const double u = uniform();
      return gamma(shape + 1.0) * std::pow(u > 0.0 ? u : 0x1.0p-53, 1.0 / shape);
    }
    const double d = shape - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
      double x = 0.0, v = 0.0;
      do {
        x = normal();
        v = 1.0 + c * x;
      } while (v <= 0.0);
      v = v * v * v;
      const double u = uniform();
      if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
      if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
    }
  }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4]{};
};

}  // namespace clir
