#pragma once
// Approximate top-k retrieval by predicted rating: Rendle et al. 2020 §5's point that a dot-product
// model can be served by a maximum-inner-product index, where a network must score every film.
// For a model affine in the user vector e (user_affine_form.h), ŷ(e, i) = offset_i + e·direction_i
// = [e; 1]·[direction_i; offset_i]. Inner product is not a distance, so the films are lifted to
// Euclidean space (Bachrach et al. 2014): x_i = [direction_i; offset_i; √(R² − |·|²)] with R the
// largest norm, the query q = [e; 1; 0], and |q − x_i|² = |q|² + R² − 2ŷ(e, i): the nearest x_i
// are the films with the highest prediction. An HNSW graph (hnswlib) answers the nearest-neighbour
// queries; the candidates it returns are re-scored exactly and sorted.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/analysis/user_affine_form.h"

namespace ll {

class HnswGraph;

struct HnswParams {
  int32_t links = 16;            ///< M: graph edges per film and layer (default: 16)
  int32_t efConstruction = 100;  ///< candidate list while building (default: 100)
  int32_t efSearch = 64;         ///< candidate list while searching, at least k (default: 64)
  uint64_t seed = 100;           ///< layer assignment; the build is single-threaded and so reproducible (default: 100)
};

struct ScoredItem {
  int32_t item = -1;
  float score = 0.0f;  ///< ŷ(e, item), unclipped, computed exactly
};

class InnerProductIndex {
 public:
  /// Indexes `items` (dense item indices of the form, each once) of the form's films.
  InnerProductIndex(const UserAffineForm& form, std::span<const int32_t> items, const HnswParams& params = {});
  ~InnerProductIndex();
  InnerProductIndex(InnerProductIndex&&) noexcept;
  InnerProductIndex& operator=(InnerProductIndex&&) noexcept;

  /// Up to k indexed films with the highest ŷ(e, ·), best first (ties by lower index), skipping
  /// films with excluded[item] != 0 (excluded: one entry per film of the form, or empty). e has the
  /// form's dimension. Approximate: compare exactTopItems for recall.
  std::vector<ScoredItem> search(std::span<const float> e, int32_t k, std::span<const uint8_t> excluded = {}) const;

  int32_t size() const { return static_cast<int32_t>(items_.size()); }
  /// Whether this index was built from exactly this form, these films and these build parameters
  /// (efSearch may differ: it is a search setting): a saved index is reused only then.
  bool builtFrom(const UserAffineForm& form, std::span<const int32_t> items, const HnswParams& params) const;
  /// Sets efSearch (at least 1) for later searches.
  void setEfSearch(int32_t ef);
  const HnswParams& params() const { return params_; }

  /// The index as bytes (the form's offsets and directions included), and back. fromBytes throws
  /// DamagedFile (core/io/versioned_file.h) when the bytes are not an index this version wrote.
  std::string toBytes() const;
  static InnerProductIndex fromBytes(std::string_view bytes);

 private:
  InnerProductIndex() = default;
  void lift();

  HnswParams params_;
  UserAffineForm form_;
  std::vector<int32_t> items_;  // graph label → dense item
  std::vector<float> lifted_;   // items_ × (dim + 2): the Euclidean points
  std::unique_ptr<HnswGraph> graph_;
};

/// The exact answer of InnerProductIndex::search over the same films: every candidate scored.
std::vector<ScoredItem> exactTopItems(const UserAffineForm& form, std::span<const int32_t> items, std::span<const float> e,
                                      int32_t k, std::span<const uint8_t> excluded = {});

/// |approximate ∩ exact| / |exact| (1 when exact is empty).
double recallAt(std::span<const ScoredItem> approximate, std::span<const ScoredItem> exact);

}  // namespace ll
