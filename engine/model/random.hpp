// random.hpp — the only source of randomness in treatysim.
//
// Every random stream is derived from the run seed and a stable stream identity (a party index,
// a match index, a named purpose) — never from thread order, time or addresses. Engines and
// distributions come from Boost.Random, whose sequences do not depend on the standard library.
#pragma once

#include <cstdint>
#include <string_view>

#include <boost/random/mersenne_twister.hpp>

namespace treatysim {

// The generator every component uses.
using Rng = boost::random::mt19937_64;

// SplitMix64 finaliser: a bijective mix of 64 bits (Steele, Lea & Flood 2014).
[[nodiscard]] constexpr std::uint64_t mix64(std::uint64_t x) noexcept {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30U)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27U)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31U);
}

// 64-bit FNV-1a hash of a byte string: stable across platforms and runs.
[[nodiscard]] constexpr std::uint64_t fnv1a64(std::string_view bytes) noexcept {
  std::uint64_t hash = 0xCBF29CE484222325ULL;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001B3ULL;
  }
  return hash;
}

// The seed of stream `stream` (e.g. a party index) under purpose `purpose` of a run seeded `seed`.
[[nodiscard]] constexpr std::uint64_t derive_seed(std::uint64_t seed, std::string_view purpose,
                                                  std::uint64_t stream) noexcept {
  return mix64(mix64(seed ^ fnv1a64(purpose)) + stream);
}

}  // namespace treatysim
