#pragma once
// The one file that includes hnswlib (Debian's libhnswlib-dev): an HNSW graph of points under
// squared Euclidean distance, for the serving index (inner_product_index.h) and the neighbour graph
// of the layouts (neighbour_graph.h). hnswlib 0.6 defines functions and globals in its header
// without `inline`, so a second file including it would not link; everything else goes through here.
//
// Building is single-threaded (insertion order decides the graph, so a build is reproducible for
// a seed); searches may run from several threads at once once setEf is no longer called.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ll {

struct HnswGraphParams {
  size_t capacity = 1;         ///< points the graph can hold
  int32_t links = 16;          ///< M: edges per point and layer
  int32_t efConstruction = 100;  ///< candidate list while building
  uint64_t seed = 100;         ///< layer assignment
};

class HnswGraph {
 public:
  HnswGraph(int32_t dimension, const HnswGraphParams& params);
  ~HnswGraph();
  HnswGraph(const HnswGraph&) = delete;
  HnswGraph& operator=(const HnswGraph&) = delete;

  /// Adds a point (dimension floats) under label; labels are 0 … capacity − 1.
  void add(const float* point, size_t label);
  /// The candidate list of later searches (at least k is used whatever is set).
  void setEf(size_t ef);
  /// Up to k labels nearest to query with their squared distances, nearest first.
  std::vector<std::pair<float, size_t>> search(const float* query, size_t k) const;
  size_t size() const;

  /// hnswlib's own serialisation, through a temporary file of this process (it saves to a path only).
  std::string toBytes() const;
  /// Throws std::runtime_error when the bytes are not a graph of this dimension.
  static std::unique_ptr<HnswGraph> fromBytes(int32_t dimension, std::string_view bytes);

 private:
  struct Impl;
  HnswGraph() = default;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ll
