#pragma once
// A model's parameters as named blocks (for optimizers, checkpoints and parameter counts), and the
// matching gradient buffers. Embedding tables are "row-sparse": a batch touches few of their rows,
// so their gradients record which rows were touched and updates visit only those.
//
// Shapes: every block is rows × cols, row-major, float.
//
// Storage is aligned to Eigen's packet size: some of Eigen's vectorised reductions (a matrix-vector
// product's dot products, for one) start with a scalar head as long as the data's misalignment,
// so the same numbers summed from differently aligned heap blocks round differently — and two
// identical runs would drift apart in the last bits.

#include <Eigen/Core>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/util/cache_line_allocator.h"

namespace ll {

/// Floats on cache lines of their own (and so aligned for Eigen's widest packet), whatever the
/// heap hands out.
using AlignedFloats = std::vector<float, CacheLineAllocator<float>>;

struct ParameterBlock {
  std::string name;
  int32_t rows = 0;
  int32_t cols = 0;
  bool rowSparse = false;  ///< an embedding table: gradients touch only the rows a batch used
  float initMean = 0.0f;   ///< initial values ~ N(initMean, initSd²), seeded
  float initSd = 0.0f;
  bool regularised = true;  ///< under the L2 penalty (global offsets are not: shrinking them only biases predictions)
  bool trained = true;      ///< false: held at its initial value (optimizers skip it; gradients are still computed)
  AlignedFloats value;

  size_t size() const { return value.size(); }
  float* row(int32_t r) { return value.data() + static_cast<size_t>(r) * cols; }
  const float* row(int32_t r) const { return value.data() + static_cast<size_t>(r) * cols; }
};

class Parameters {
 public:
  /// Adds a block, zero until initialise(), and returns its index.
  int32_t add(std::string name, int32_t rows, int32_t cols, bool rowSparse, float initSd, float initMean = 0.0f);
  /// Draws every block from its initial distribution; block k uses a stream derived from (seed, k).
  void initialise(uint64_t seed);
  ParameterBlock& operator[](int32_t index) { return blocks_[index]; }
  const ParameterBlock& operator[](int32_t index) const { return blocks_[index]; }
  int32_t count() const { return static_cast<int32_t>(blocks_.size()); }
  /// -1 when absent.
  int32_t find(const std::string& name) const;
  /// Total number of scalar parameters.
  int64_t scalarCount() const;
  bool allFinite() const;

 private:
  std::vector<ParameterBlock> blocks_;
};

/// Gradient buffers shaped like a Parameters. Dense blocks accumulate everywhere; row-sparse
/// blocks list their touched rows (each once) so clearing and updating cost what the batch used.
class Gradients {
 public:
  explicit Gradients(const Parameters& parameters);

  float* row(int32_t block, int32_t r) {
    auto& b = blocks_[block];
    if (b.rowSparse && !b.touchedFlag[r]) {
      b.touchedFlag[r] = 1;
      b.touched.push_back(r);
    }
    return b.values.data() + static_cast<size_t>(r) * b.cols;
  }
  /// The whole buffer of a dense block.
  std::span<float> dense(int32_t block) { return blocks_[block].values; }
  std::span<const float> values(int32_t block) const { return blocks_[block].values; }
  bool rowSparse(int32_t block) const { return blocks_[block].rowSparse; }
  const std::vector<int32_t>& touchedRows(int32_t block) const { return blocks_[block].touched; }
  int32_t cols(int32_t block) const { return blocks_[block].cols; }
  int32_t count() const { return static_cast<int32_t>(blocks_.size()); }

  /// Zeroes what the last batch wrote.
  void clear();
  /// Adds another buffer of the same shape (for combining per-thread shards).
  void add(const Gradients& other);
  /// Multiplies what the last batch wrote by factor.
  void scale(float factor);

 private:
  struct Block {
    int32_t rows = 0;
    int32_t cols = 0;
    bool rowSparse = false;
    AlignedFloats values;
    std::vector<int32_t> touched;
    std::vector<uint8_t> touchedFlag;
  };
  std::vector<Block> blocks_;
};

}  // namespace ll
