#pragma once
// The Explore layout: the projection of the embeddings with the neighbours under it, clusters and
// fold-in on the right, and Compare (runs side by side) when opened, over one ExploreState.

#include <memory>

#include "app/gui/layouts/layout.h"
#include "app/gui/state/explore_state.h"

namespace ll::gui {

class ExploreLayout final : public Layout {
 public:
  /// renderer: the cloud's (needs a current GL context); requestModel: asks the current run for a
  /// copy of its model (see ExploreState).
  ExploreLayout(std::unique_ptr<PointCloudRenderer> renderer, ExploreState::ModelRequester requestModel);

  ExploreState& state() { return state_; }
  const ExploreState& state() const { return state_; }

  void refresh(const FrameContext& frame) override;
  bool busy() const override { return state_.busy(); }
  void report() const override;
  /// Opens the Compare panel (hidden until asked for).
  void showCompare();

 private:
  ExploreState state_;
  Panel* compare_ = nullptr;  // owned by panels_
};

}  // namespace ll::gui
