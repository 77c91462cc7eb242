#include "core/train/evaluation.h"

namespace ll {

std::vector<float> predictRatings(const Model& model, std::span<const uint32_t> ratingIndices, ThreadPool* pool) {
  std::vector<float> predictions(ratingIndices.size());
  const auto work = [&](int32_t, size_t begin, size_t end) {
    constexpr size_t kChunk = 2048;
    for (size_t from = begin; from < end; from += kChunk) {
      const size_t to = std::min(end, from + kChunk);
      const std::span<float> out(predictions.data() + from, to - from);
      model.predictStored(ratingIndices.subspan(from, to - from), out);
      for (float& p : out) p = model.clip(p);
    }
  };
  if (pool) {
    pool->parallelFor(ratingIndices.size(), work);
  } else {
    work(0, 0, ratingIndices.size());
  }
  return predictions;
}

RatingErrors evaluateRatings(const Model& model, std::span<const uint32_t> ratingIndices, ThreadPool* pool) {
  const std::vector<float> predictions = predictRatings(model, ratingIndices, pool);
  std::vector<float> truth(ratingIndices.size());
  for (size_t k = 0; k < ratingIndices.size(); ++k) truth[k] = model.data().ratings.value[ratingIndices[k]];
  return ratingErrors(predictions, truth);
}

}  // namespace ll
