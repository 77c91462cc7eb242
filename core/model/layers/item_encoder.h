#pragma once
// The linear map of a movie's input into R^m, for each ItemInput mode:
//   features: W x_i          (W: m × n dense, x_i the movie's feature row)
//   id:       E[i]           (E: items × m, row-sparse — the one-hot id never materialised)
//   both:     W x_i + E[i]
// forward() also returns the gathered feature rows, which backward() needs.

#include <span>
#include <string>

#include "core/data/dataset.h"
#include "core/model/layers/embedding_lookup.h"
#include "core/model/model_config.h"

namespace ll {

class ItemEncoder {
 public:
  ItemEncoder() = default;
  /// Adds its blocks ("<name>.features" m × n, "<name>.id" items × m) to parameters.
  ItemEncoder(Parameters& parameters, const std::string& name, int32_t outputs, const ItemFeatures& features,
              int32_t items, ItemInput input, float featureInitSd, float idInitSd);

  bool usesFeatures() const { return featureBlock_ >= 0; }
  bool usesId() const { return id_.block >= 0; }
  int32_t featureBlock() const { return featureBlock_; }
  int32_t outputs() const { return outputs_; }

  /// x: items.size() × n gathered features (empty when features are unused); out: items.size() × m.
  void forward(const Parameters& parameters, std::span<const int32_t> items, RowMatrix& x, RowMatrix& out) const;
  /// Adds ∂/∂W = dOutᵀ x and ∂/∂E[i] = dOut rows.
  void backward(std::span<const int32_t> items, const RowMatrix& x, const RowMatrix& dOut, Gradients& gradients) const;

 private:
  const ItemFeatures* features_ = nullptr;
  int32_t outputs_ = 0;
  int32_t featureBlock_ = -1;
  EmbeddingLookup id_;
};

}  // namespace ll
