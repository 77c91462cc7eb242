#pragma once
// Point clouds with known structure for the layout tests and benchmarks (UMAP, t-SNE): Gaussian
// clusters whose labels a good layout keeps together, and the share of each point's layout
// neighbours that carry its label.

#include <cstdint>
#include <map>
#include <vector>

#include "core/analysis/neighbour_graph.h"
#include "core/util/random.h"

namespace ll::testing {

struct PlantedClusters {
  int32_t rows = 0, dimension = 0;
  std::vector<float> x;        ///< rows × dimension, row-major
  std::vector<int32_t> label;  ///< rows: the cluster each point was drawn from
};

/// `clusters` clusters of `perCluster` points (unit sd) around centres drawn with sd `separation`
/// per coordinate.
inline PlantedClusters plantedClusters(int32_t clusters, int32_t perCluster, int32_t dimension, double separation, uint64_t seed) {
  Random random(seed);
  PlantedClusters data;
  data.rows = clusters * perCluster;
  data.dimension = dimension;
  for (int32_t c = 0; c < clusters; ++c) {
    std::vector<double> centre(static_cast<size_t>(dimension));
    for (double& v : centre) v = random.normal(0.0, separation);
    for (int32_t p = 0; p < perCluster; ++p) {
      for (const double v : centre) data.x.push_back(static_cast<float>(v + random.normal()));
      data.label.push_back(c);
    }
  }
  return data;
}

/// Mean over points of the share of its k layout neighbours (y: n × components) that carry its label.
inline double labelAgreement(const std::vector<float>& y, int32_t components, const std::vector<int32_t>& label, int32_t k) {
  const auto n = static_cast<int32_t>(label.size());
  const NeighbourGraph graph = exactNeighbourGraph(y, n, components, k);
  double sum = 0.0;
  for (int32_t i = 0; i < n; ++i) {
    int32_t same = 0;
    for (const int32_t j : graph.neighboursOf(i)) same += label[static_cast<size_t>(j)] == label[static_cast<size_t>(i)] ? 1 : 0;
    sum += static_cast<double>(same) / k;
  }
  return sum / n;
}

/// rows × dimension drawn from `clusters` clusters of uneven size (weights ∝ 1 … clusters) and
/// spread (0.5 to 1.5), centres with sd 2 per coordinate so clusters touch rather than sit apart:
/// the benchmarks' stand-in for trained movie vectors. Made once per size (seed 17).
inline const std::vector<float>& unevenClusterMixture(int32_t rows, int32_t dimension, int32_t clusters) {
  static std::map<std::pair<int32_t, int32_t>, std::vector<float>> made;
  const auto key = std::make_pair(rows, dimension);
  if (const auto found = made.find(key); found != made.end()) return found->second;
  Random random(17);
  std::vector<std::vector<double>> centres(static_cast<size_t>(clusters), std::vector<double>(static_cast<size_t>(dimension)));
  std::vector<double> spread(static_cast<size_t>(clusters)), cumulative(static_cast<size_t>(clusters));
  double total = 0.0;
  for (int32_t c = 0; c < clusters; ++c) {
    for (double& v : centres[static_cast<size_t>(c)]) v = random.normal(0.0, 2.0);
    spread[static_cast<size_t>(c)] = random.uniform(0.5, 1.5);
    total += c + 1;
    cumulative[static_cast<size_t>(c)] = total;
  }
  std::vector<float>& x = made[key];
  x.reserve(static_cast<size_t>(rows) * dimension);
  for (int32_t i = 0; i < rows; ++i) {
    const double pick = random.uniform(0.0, total);
    size_t c = 0;
    while (c + 1 < cumulative.size() && cumulative[c] <= pick) ++c;
    for (const double centre : centres[c]) x.push_back(static_cast<float>(centre + spread[c] * random.normal()));
  }
  return x;
}

}  // namespace ll::testing
