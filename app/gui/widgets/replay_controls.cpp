#include "app/gui/widgets/replay_controls.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <cstdio>
#include <string>

#include "app/gui/state/explore_state.h"
#include "app/gui/state/frame_context.h"

namespace ll::gui {

void drawReplayControls(ExploreState& explore, float s) {
  ReplayState& replay = explore.replay;
  ImGui::BeginDisabled(replay.recordedFrames() < 2 && !replay.active);
  bool active = replay.active;
  if (ImGui::Checkbox("replay", &active)) {
    if (active) {
      explore.startReplay();
    } else {
      replay.active = replay.playing = false;
    }
  }
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip("Replay how the comet formed: the run's %d recorded epochs on the live PCA's axes,\n"
                      "each aligned to the next by a rotation (Procrustes) so the picture does not spin",
                      replay.recordedFrames());
  }
  if (!replay.active) return;
  ImGui::SameLine();
  if (replay.preparing() || replay.frames() == 0) {
    ImGui::TextDisabled("aligning…");
    return;
  }
  if (ImGui::Button(replay.playing ? "Pause" : "Play")) {
    if (!replay.playing && replay.frame + 1 >= replay.frames()) replay.frame = 0;
    replay.playing = !replay.playing;
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(140.0f * s);
  char label[48];
  std::snprintf(label, sizeof label, "epoch %d", replay.epochOf(replay.frame));
  if (ImGui::SliderInt("##replay-frame", &replay.frame, 0, replay.frames() - 1, label)) replay.playing = false;
  ImGui::SameLine();
  if (ImGui::Button("PNGs…")) ImGui::OpenPopup("##replay-export");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Export every frame of the replay as a PNG of the projection. %s", replay.exportStatus().c_str());
  if (ImGui::BeginPopup("##replay-export")) {
    ImGui::SetNextItemWidth(200.0f * s);
    ImGui::InputText("folder", &replay.exportFolder);
    if (ImGui::Button("Export")) {
      replay.startExport();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

void showExportedReplayFrame(ExploreState& explore) {
  if (explore.replay.exporting()) explore.replay.frame = explore.replay.exportFrame();
}

void captureExportedReplayFrame(ExploreState& explore, AppCommands& commands, ImVec2 min, ImVec2 max) {
  if (!explore.replay.exporting()) return;
  commands.savePngOfRegion(explore.replay.exportPath(), min, max, {});
  explore.replay.exported();
}

}  // namespace ll::gui
