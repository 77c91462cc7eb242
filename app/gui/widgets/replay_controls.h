#pragma once
// The projection toolbar's replay: a "replay" toggle that aligns the run's recorded epochs on the
// live PCA's axes (state/replay_state.h), then play/pause, a timeline slider over the epochs, and
// "PNGs…", which exports every frame as a picture of the projection, one per drawn frame.

#include <imgui.h>

namespace ll::gui {

class AppCommands;
class ExploreState;

/// On the toolbar's current line; scale is the content scale.
void drawReplayControls(ExploreState& explore, float scale);

/// While exporting, before the scene is asked for: the frame to draw is the one being exported.
void showExportedReplayFrame(ExploreState& explore);
/// While exporting, after the overlay: asks for the picture of the projection (min to max) after
/// the render, and moves on to the next frame.
void captureExportedReplayFrame(ExploreState& explore, AppCommands& commands, ImVec2 min, ImVec2 max);

}  // namespace ll::gui
