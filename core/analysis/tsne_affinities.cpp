// t-SNE's stage 2 (tsne.h): per-point Gaussian bandwidths fitted to the perplexity, and the
// symmetric joint probabilities P over the neighbour graph's edges.

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "core/analysis/tsne.h"
#include "core/data/input_error.h"
#include "core/util/thread_pool.h"

namespace ll {
namespace {

constexpr double kTsneEntropyTolerance = 1e-5;
constexpr int32_t kTsneBetaSteps = 200;

// Entropy (nats) of p_j ∝ exp(−β s_j); s holds the kernel distances less their minimum, so the
// nearest weight is 1 and the sum never underflows to 0. Writes the normalised p.
double tsneRowEntropy(std::span<const double> shifted, double beta, std::span<double> p) {
  double sum = 0.0, weighted = 0.0;
  for (size_t j = 0; j < shifted.size(); ++j) {
    p[j] = std::exp(-beta * shifted[j]);
    sum += p[j];
    weighted += shifted[j] * p[j];
  }
  for (double& v : p) v /= sum;
  return std::log(sum) + beta * weighted / sum;
}

// Bisection on β (the entropy falls as β grows), doubling β until the target is bracketed; the
// start 1/mean(s) puts the first guess at the row's own scale.
double fitTsneRow(std::span<const double> shifted, double target, std::span<double> p) {
  double mean = 0.0;
  for (double s : shifted) mean += s;
  mean /= static_cast<double>(shifted.size());
  double beta = mean > 0.0 ? 1.0 / mean : 1.0;
  double lo = 0.0, hi = std::numeric_limits<double>::infinity();
  for (int32_t step = 0; step < kTsneBetaSteps; ++step) {
    const double entropy = tsneRowEntropy(shifted, beta, p);
    if (std::abs(entropy - target) < kTsneEntropyTolerance) return beta;
    if (entropy > target) {
      lo = beta;
      beta = std::isinf(hi) ? 2.0 * beta : 0.5 * (beta + hi);
    } else {
      hi = beta;
      beta = 0.5 * (beta + lo);
    }
  }
  tsneRowEntropy(shifted, beta, p);  // p to match the β returned
  return beta;
}

struct TsneJointEntry {
  int32_t target;
  double value;
};

}  // namespace

TsneAffinities tsneAffinities(const NeighbourGraph& knn, double perplexity, ThreadPool* pool) {
  if (!(perplexity > 0.0) || !std::isfinite(perplexity)) {
    throw InputError("perplexity", 0, "a number above 0", std::to_string(perplexity));
  }
  if (knn.cancelled) throw std::invalid_argument("tsneAffinities: the neighbour graph is incomplete (cancelled)");
  const int32_t n = knn.rows, k = knn.neighbours;
  TsneAffinities result;
  result.rows = n;
  result.neighbours = k;
  result.perplexity = perplexity;
  result.conditionalTargets.assign(static_cast<size_t>(n) * static_cast<size_t>(k), -1);
  result.conditional.assign(result.conditionalTargets.size(), 0.0);
  result.beta.assign(static_cast<size_t>(n), 0.0);
  const double target = std::log(perplexity);
  const bool squared = knn.metric == NeighbourMetric::Euclidean;

  const auto fitRows = [&](int32_t, size_t begin, size_t end) {
    std::vector<double> shifted;
    std::vector<int32_t> columns;
    for (size_t i = begin; i < end; ++i) {
      shifted.clear();
      columns.clear();
      const std::span<const int32_t> neighbours = knn.neighboursOf(static_cast<int32_t>(i));
      const std::span<const float> distances = knn.distancesOf(static_cast<int32_t>(i));
      for (size_t j = 0; j < neighbours.size(); ++j) {
        if (neighbours[j] < 0 || neighbours[j] == static_cast<int32_t>(i)) continue;
        const double d = distances[j];
        shifted.push_back(squared ? d * d : d);
        columns.push_back(neighbours[j]);
      }
      if (columns.empty()) continue;
      const double nearest = *std::min_element(shifted.begin(), shifted.end());
      for (double& s : shifted) s -= nearest;
      const std::span<double> row(result.conditional.data() + i * static_cast<size_t>(k), columns.size());
      result.beta[i] = fitTsneRow(shifted, target, row);
      std::copy(columns.begin(), columns.end(), result.conditionalTargets.begin() + static_cast<ptrdiff_t>(i * static_cast<size_t>(k)));
    }
  };
  if (pool) {
    pool->parallelFor(static_cast<size_t>(n), fitRows);
  } else {
    fitRows(0, 0, static_cast<size_t>(n));
  }

  // P = (P_cond + P_condᵀ) / 2n: every conditional entry lands in its own row and, transposed,
  // in its target's row; the two halves of a pair meet when each row is sorted by column.
  std::vector<int64_t> counts(static_cast<size_t>(n) + 1, 0);
  for (size_t e = 0; e < result.conditionalTargets.size(); ++e) {
    const int32_t j = result.conditionalTargets[e];
    if (j < 0) continue;
    ++counts[e / static_cast<size_t>(k) + 1];
    ++counts[static_cast<size_t>(j) + 1];
  }
  for (size_t r = 0; r < static_cast<size_t>(n); ++r) counts[r + 1] += counts[r];
  // Both halves go straight into the result's arrays; each row is then sorted through a small
  // buffer and written back merged, never past where it was read, so P needs no second copy.
  result.targets.resize(static_cast<size_t>(counts.back()));
  result.values.resize(result.targets.size());
  std::vector<int64_t> fill(counts.begin(), counts.end() - 1);
  const double scale = n > 0 ? 1.0 / (2.0 * n) : 0.0;
  for (size_t e = 0; e < result.conditionalTargets.size(); ++e) {
    const int32_t j = result.conditionalTargets[e];
    if (j < 0) continue;
    const auto i = static_cast<int32_t>(e / static_cast<size_t>(k));
    const double v = result.conditional[e] * scale;
    for (const auto& [row, column] : {std::pair{i, j}, std::pair{j, i}}) {
      const auto at = static_cast<size_t>(fill[static_cast<size_t>(row)]++);
      result.targets[at] = column;
      result.values[at] = v;
    }
  }
  result.offsets.assign(static_cast<size_t>(n) + 1, 0);
  std::vector<TsneJointEntry> row;
  size_t written = 0;
  for (size_t i = 0; i < static_cast<size_t>(n); ++i) {
    row.clear();
    for (auto e = static_cast<size_t>(counts[i]); e < static_cast<size_t>(counts[i + 1]); ++e) {
      row.push_back({result.targets[e], result.values[e]});
    }
    std::sort(row.begin(), row.end(), [](const TsneJointEntry& a, const TsneJointEntry& b) { return a.target < b.target; });
    const size_t rowStart = written;
    for (const TsneJointEntry& entry : row) {
      if (written > rowStart && result.targets[written - 1] == entry.target) {
        result.values[written - 1] += entry.value;  // the pair's other half: a + b, the same in both rows
      } else {
        result.targets[written] = entry.target;
        result.values[written] = entry.value;
        ++written;
      }
    }
    result.offsets[i + 1] = static_cast<int64_t>(written);
  }
  result.targets.resize(written);
  result.values.resize(written);
  return result;
}

}  // namespace ll
