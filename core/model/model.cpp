#include "core/model/model.h"

#include <algorithm>
#include <numeric>

namespace ll {

Model::Model(ModelConfig config, std::shared_ptr<const Dataset> data) : config_(config), data_(std::move(data)) {}

void Model::itemEmbeddings(std::span<const int32_t>, std::span<float>) const {}

double Model::auxiliaryObjective(std::span<const int32_t>, std::span<const int32_t>, float, Gradients*) const { return 0.0; }

void Model::predictStored(std::span<const uint32_t> ratings, std::span<float> out) const {
  const Ratings& r = data_->ratings;
  std::vector<int32_t> users(ratings.size()), items(ratings.size());
  for (size_t s = 0; s < ratings.size(); ++s) {
    users[s] = r.user[ratings[s]];
    items[s] = r.item[ratings[s]];
  }
  predict(users, items, out);
}

std::vector<float> Model::userEmbeddings() const {
  const int32_t dim = userEmbeddingDim();
  std::vector<float> out(static_cast<size_t>(userCount()) * dim);
  for (int32_t u = 0; u < userCount(); ++u) userEmbedding(u, std::span<float>(out).subspan(static_cast<size_t>(u) * dim, dim));
  return out;
}

std::vector<float> Model::itemEmbeddings() const {
  const int32_t dim = itemEmbeddingDim();
  std::vector<float> out(static_cast<size_t>(itemCount()) * dim);
  if (dim == 0) return out;
  std::vector<int32_t> items(itemCount());
  std::iota(items.begin(), items.end(), 0);
  constexpr size_t kChunk = 4096;
  for (size_t begin = 0; begin < items.size(); begin += kChunk) {
    const size_t n = std::min(kChunk, items.size() - begin);
    itemEmbeddings(std::span<const int32_t>(items).subspan(begin, n), std::span<float>(out).subspan(begin * dim, n * dim));
  }
  return out;
}

float Model::clip(float prediction) const {
  if (!config_.clipPredictions) return prediction;
  return std::clamp(prediction, data_->minRating, data_->maxRating);
}

}  // namespace ll
