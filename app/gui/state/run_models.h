#pragma once
// The models of the runs this window trained or opened, by run id, for the analyses that compare
// runs (the Compare panel). The run library keeps settings and histories only, so a run of an
// earlier session has no model here until its checkpoint is opened again. Each model comes with
// the cosine index of its movie vectors, built once when it is kept. At most kCapacity models are
// kept (a model of 25M ratings is ~30 MB): the oldest goes first.

#include <cstdint>
#include <deque>
#include <memory>

#include "core/analysis/cosine_neighbours.h"
#include "core/model/model.h"

namespace ll::gui {

struct RunModel {
  int64_t runId = 0;
  std::shared_ptr<const Model> model;
  std::shared_ptr<const CosineIndex> movies;  ///< of model->itemEmbeddings(); empty rows when it has none
};

class RunModels {
 public:
  static constexpr size_t kCapacity = 12;

  /// Keeps (or replaces) the run's model; builds the movie index on the calling thread.
  void keep(int64_t runId, std::shared_ptr<const Model> model);
  /// Null when the run's model is not in memory.
  const RunModel* find(int64_t runId) const;
  void forget(int64_t runId);
  /// Bumps with every change, so views can tell when to recompute.
  uint64_t version() const { return version_; }

 private:
  std::deque<RunModel> models_;  // oldest first
  uint64_t version_ = 0;
};

}  // namespace ll::gui
