#pragma once
// The projection toolbar's replay: a "replay" toggle that aligns the run's recorded epochs on the
// live PCA's axes (state/replay_state.h), then play/pause and a timeline slider over the epochs.

namespace ll::gui {

class ExploreState;

/// On the toolbar's current line; scale is the content scale.
void drawReplayControls(ExploreState& explore, float scale);

}  // namespace ll::gui
