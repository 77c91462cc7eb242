#include "app/gui/state/run_models.h"

#include <algorithm>

namespace ll::gui {

void RunModels::keep(int64_t runId, std::shared_ptr<const Model> model) {
  forget(runId);
  if (!model) return;
  RunModel kept{runId, model, nullptr};
  const int32_t dim = model->itemEmbeddingDim();
  kept.movies = dim > 0 ? std::make_shared<const CosineIndex>(model->itemEmbeddings(), model->data().ratings.itemCount, dim)
                        : std::make_shared<const CosineIndex>();
  models_.push_back(std::move(kept));
  while (models_.size() > kCapacity) models_.pop_front();
  ++version_;
}

const RunModel* RunModels::find(int64_t runId) const {
  const auto found = std::find_if(models_.begin(), models_.end(), [runId](const RunModel& m) { return m.runId == runId; });
  return found == models_.end() ? nullptr : &*found;
}

void RunModels::forget(int64_t runId) {
  const auto before = models_.size();
  std::erase_if(models_, [runId](const RunModel& m) { return m.runId == runId; });
  if (models_.size() != before) ++version_;
}

}  // namespace ll::gui
