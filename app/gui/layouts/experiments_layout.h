#pragma once
// The Experiments layout: one panel over the whole work area (the sweep form, its table and
// figures), over one ExperimentState.

#include "app/gui/layouts/layout.h"
#include "app/gui/state/experiment_state.h"

namespace ll::gui {

class ExperimentsLayout final : public Layout {
 public:
  ExperimentsLayout();

  ExperimentState& state() { return state_; }
  const ExperimentState& state() const { return state_; }

  void refresh(const FrameContext& frame) override;
  bool busy() const override { return state_.running(); }
  void report() const override;

 private:
  ExperimentState state_;
};

}  // namespace ll::gui
