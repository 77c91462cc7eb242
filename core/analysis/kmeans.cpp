#include "core/analysis/kmeans.h"

#include <Eigen/Core>
#include <algorithm>
#include <limits>

#include "core/util/random.h"

namespace ll {
namespace {

using RowMatrixD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

double squaredDistance(const RowMatrixD& x, Eigen::Index row, const RowMatrixD& centroids, Eigen::Index c) {
  return (x.row(row) - centroids.row(c)).squaredNorm();
}

// k-means++: the first centre uniformly, each next one with probability ∝ D² to the nearest chosen.
RowMatrixD seedCentroids(const RowMatrixD& x, int32_t k, Random& random) {
  const Eigen::Index n = x.rows();
  RowMatrixD centroids(k, x.cols());
  centroids.row(0) = x.row(static_cast<Eigen::Index>(random.below(static_cast<uint64_t>(n))));
  Eigen::VectorXd nearest = (x.rowwise() - centroids.row(0)).rowwise().squaredNorm();
  for (int32_t c = 1; c < k; ++c) {
    const double total = nearest.sum();
    Eigen::Index pick = 0;
    if (total > 0.0) {
      double target = random.uniform() * total;
      pick = n - 1;
      for (Eigen::Index r = 0; r < n; ++r) {
        if (target < nearest(r)) {
          pick = r;
          break;
        }
        target -= nearest(r);
      }
      while (nearest(pick) <= 0.0 && pick > 0) --pick;  // rounding at the end must not pick a chosen point
    } else {
      pick = static_cast<Eigen::Index>(random.below(static_cast<uint64_t>(n)));  // all points coincide with centres
    }
    centroids.row(c) = x.row(pick);
    nearest = nearest.cwiseMin((x.rowwise() - centroids.row(c)).rowwise().squaredNorm());
  }
  return centroids;
}

// Moves each point to its nearest centroid; returns how many moved. Candidates come from one
// matrix product (‖x‖² − 2x·c + ‖c‖²), but a point only moves when the exact distance is strictly
// smaller, so the objective cannot rise through rounding.
int64_t assign(const RowMatrixD& x, const Eigen::VectorXd& rowNorms, const RowMatrixD& centroids,
               std::vector<int32_t>& assignment) {
  const Eigen::VectorXd centroidNorms = centroids.rowwise().squaredNorm();
  int64_t changed = 0;
  constexpr Eigen::Index kBlock = 4096;
  RowMatrixD distances;
  for (Eigen::Index begin = 0; begin < x.rows(); begin += kBlock) {
    const Eigen::Index count = std::min(kBlock, x.rows() - begin);
    distances.noalias() = -2.0 * x.middleRows(begin, count) * centroids.transpose();
    distances.colwise() += rowNorms.segment(begin, count);
    distances.rowwise() += centroidNorms.transpose();
    for (Eigen::Index r = 0; r < count; ++r) {
      Eigen::Index best = 0;
      distances.row(r).minCoeff(&best);
      const Eigen::Index row = begin + r;
      int32_t& current = assignment[static_cast<size_t>(row)];
      if (current == best) continue;
      if (current < 0 || squaredDistance(x, row, centroids, best) < squaredDistance(x, row, centroids, current)) {
        current = static_cast<int32_t>(best);
        ++changed;
      }
    }
  }
  return changed;
}

// Re-seeds each empty cluster with the point farthest from its centroid (taken from a cluster
// that keeps at least one member). Returns the number repaired.
int32_t repairEmpty(const RowMatrixD& x, RowMatrixD& centroids, std::vector<int32_t>& assignment, std::vector<int32_t>& sizes) {
  int32_t repaired = 0;
  for (Eigen::Index c = 0; c < centroids.rows(); ++c) {
    if (sizes[static_cast<size_t>(c)] > 0) continue;
    Eigen::Index farthest = -1;
    double worst = 0.0;
    for (Eigen::Index r = 0; r < x.rows(); ++r) {
      const int32_t owner = assignment[static_cast<size_t>(r)];
      if (sizes[static_cast<size_t>(owner)] < 2) continue;
      const double d = squaredDistance(x, r, centroids, owner);
      if (d > worst) {
        worst = d;
        farthest = r;
      }
    }
    if (farthest < 0) break;  // every point sits on a centroid: nothing to gain
    --sizes[static_cast<size_t>(assignment[static_cast<size_t>(farthest)])];
    assignment[static_cast<size_t>(farthest)] = static_cast<int32_t>(c);
    sizes[static_cast<size_t>(c)] = 1;
    centroids.row(c) = x.row(farthest);
    ++repaired;
  }
  return repaired;
}

std::vector<int32_t> clusterSizes(const std::vector<int32_t>& assignment, int32_t k) {
  std::vector<int32_t> sizes(static_cast<size_t>(k), 0);
  for (int32_t c : assignment) ++sizes[static_cast<size_t>(c)];
  return sizes;
}

double objective(const RowMatrixD& x, const RowMatrixD& centroids, const std::vector<int32_t>& assignment) {
  double sum = 0.0;
  for (Eigen::Index r = 0; r < x.rows(); ++r) sum += squaredDistance(x, r, centroids, assignment[static_cast<size_t>(r)]);
  return sum;
}

}  // namespace

KMeansResult kMeans(std::span<const float> data, int32_t rows, int32_t dimension, const KMeansParams& params,
                    const AnalysisProgress& progress) {
  KMeansResult result;
  result.rows = rows;
  result.dimension = dimension;
  result.clusters = std::clamp(params.clusters, 0, rows);
  const int32_t k = result.clusters;
  if (k == 0 || dimension <= 0) {
    result.clusters = 0;
    result.assignment.assign(static_cast<size_t>(std::max(0, rows)), -1);
    return result;
  }
  // Double precision throughout, so the objective's monotonicity is not lost to rounding.
  const RowMatrixD x = Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
                           data.data(), rows, dimension).cast<double>();
  const Eigen::VectorXd rowNorms = x.rowwise().squaredNorm();
  Random random(params.seed);
  const bool warm = params.initialCentroids.size() == static_cast<size_t>(k) * static_cast<size_t>(dimension);
  RowMatrixD centroids =
      warm ? RowMatrixD(Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
                            params.initialCentroids.data(), k, dimension).cast<double>())
           : seedCentroids(x, k, random);
  std::vector<int32_t> assignment(static_cast<size_t>(rows), -1);
  const int64_t firstChanged = assign(x, rowNorms, centroids, assignment);
  std::vector<int32_t> sizes = clusterSizes(assignment, k);
  const int32_t firstRepaired = repairEmpty(x, centroids, assignment, sizes);
  double previous = objective(x, centroids, assignment);
  result.initialObjective = previous;

  for (int32_t it = 1; it <= params.maxIterations; ++it) {
    KMeansIteration stats;
    stats.iteration = it;
    if (it == 1) {
      stats.changed = firstChanged;
      stats.repaired = firstRepaired;
    } else {
      stats.changed = assign(x, rowNorms, centroids, assignment);
      sizes = clusterSizes(assignment, k);
      stats.repaired = repairEmpty(x, centroids, assignment, sizes);
    }
    // Update: each centroid becomes its members' mean.
    RowMatrixD sums = RowMatrixD::Zero(k, dimension);
    for (Eigen::Index r = 0; r < x.rows(); ++r) sums.row(assignment[static_cast<size_t>(r)]) += x.row(r);
    for (int32_t c = 0; c < k; ++c) {
      if (sizes[static_cast<size_t>(c)] > 0) centroids.row(c) = sums.row(c) / static_cast<double>(sizes[static_cast<size_t>(c)]);
    }
    stats.objective = objective(x, centroids, assignment);
    result.iterations.push_back(stats);
    const bool stable = it > 1 && stats.changed == 0 && stats.repaired == 0;
    const bool small = previous > 0.0 ? (previous - stats.objective) <= params.tolerance * previous : true;
    previous = stats.objective;
    if (stable || small) {
      result.converged = true;
      break;
    }
    if (!reportProgress(progress, static_cast<double>(it) / params.maxIterations)) {
      result.cancelled = true;
      break;
    }
  }

  result.centroids.resize(static_cast<size_t>(k) * dimension);
  Eigen::Map<Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(result.centroids.data(), k, dimension) =
      centroids.cast<float>();
  result.assignment = std::move(assignment);
  result.sizes = std::move(sizes);
  result.objective = previous;
  return result;
}

KMeansResult partitionIn(std::span<const float> x, int32_t rows, int32_t dimension, std::span<const int32_t> assignment,
                         int32_t clusters) {
  KMeansResult result;
  result.rows = rows;
  result.dimension = dimension;
  result.clusters = clusters;
  result.assignment.assign(assignment.begin(), assignment.end());
  result.sizes.assign(static_cast<size_t>(clusters), 0);
  std::vector<double> sums(static_cast<size_t>(clusters) * dimension, 0.0);
  for (int32_t r = 0; r < rows; ++r) {
    const int32_t c = assignment[static_cast<size_t>(r)];
    ++result.sizes[static_cast<size_t>(c)];
    for (int32_t j = 0; j < dimension; ++j) {
      sums[static_cast<size_t>(c) * dimension + j] += x[static_cast<size_t>(r) * dimension + j];
    }
  }
  result.centroids.assign(sums.size(), 0.0f);
  for (int32_t c = 0; c < clusters; ++c) {
    const int32_t size = result.sizes[static_cast<size_t>(c)];
    if (size == 0) continue;
    for (int32_t j = 0; j < dimension; ++j) {
      const size_t k = static_cast<size_t>(c) * dimension + j;
      result.centroids[k] = static_cast<float>(sums[k] / size);
    }
  }
  for (int32_t r = 0; r < rows; ++r) {
    const std::span<const float> centre = result.centroid(assignment[static_cast<size_t>(r)]);
    for (int32_t j = 0; j < dimension; ++j) {
      const double d = static_cast<double>(x[static_cast<size_t>(r) * dimension + j]) - centre[static_cast<size_t>(j)];
      result.objective += d * d;
    }
  }
  result.initialObjective = result.objective;
  result.converged = true;
  return result;
}

}  // namespace ll
