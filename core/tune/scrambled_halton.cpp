#include "core/tune/scrambled_halton.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "core/util/random.h"

namespace ll {
namespace {

constexpr uint32_t kPrimes[] = {2, 3, 5, 7, 11, 13, 17, 19};
constexpr int32_t kDigits = 24;  // 2^-24 is below float resolution of a unit coordinate

}  // namespace

ScrambledHalton::ScrambledHalton(int32_t coordinates, uint64_t seed) {
  if (coordinates < 1 || coordinates > static_cast<int32_t>(std::size(kPrimes))) {
    throw std::invalid_argument("ScrambledHalton: 1 to 8 coordinates");
  }
  Random random = Random::derived(seed, 0x4A170Du);
  for (int32_t c = 0; c < coordinates; ++c) {
    const uint32_t base = kPrimes[c];
    bases_.push_back(base);
    std::vector<std::vector<uint32_t>> positions(kDigits);
    for (auto& permutation : positions) {
      permutation.resize(base);
      std::iota(permutation.begin(), permutation.end(), 0u);
      random.shuffle(permutation.begin(), permutation.end());
    }
    permutations_.push_back(std::move(positions));
  }
}

std::vector<double> ScrambledHalton::point(uint64_t index) const {
  std::vector<double> result(bases_.size());
  for (size_t c = 0; c < bases_.size(); ++c) {
    const uint32_t base = bases_[c];
    uint64_t rest = index;
    double scale = 1.0 / base;
    double value = 0.0;
    // Every position is permuted, the leading zeros of a small index too: that is what moves the
    // first points off the cube's corner.
    for (int32_t j = 0; j < kDigits; ++j) {
      value += permutations_[c][static_cast<size_t>(j)][rest % base] * scale;
      rest /= base;
      scale /= base;
    }
    result[c] = std::min(value, 1.0 - 1e-12);
  }
  return result;
}

}  // namespace ll
