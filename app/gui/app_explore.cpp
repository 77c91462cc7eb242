// The App's side of the Explore layout: its panels and their first-use places, the switch
// between the Cockpit and Explore layouts (menu bar, View menu, Ctrl+1 / Ctrl+2), Help →
// Keyboard, and the demo's tour: once the demo run has 5 epochs it selects the most rated film,
// runs k-means and picks a cluster, and folds in a user from 5 ratings, so one scripted
// screenshot shows every Explore panel at work.

#include <imgui.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstdio>

#include "app/gui/app.h"
#include "app/gui/panels/clusters_panel.h"
#include "app/gui/panels/foldin_panel.h"
#include "app/gui/panels/neighbours_panel.h"
#include "app/gui/panels/projection_panel.h"

namespace ll::gui {
namespace {

// First-use layout, as fractions of the work area (fits 1280×800): the projection large on the
// left with the neighbours under it, clusters and fold-in on the right.
constexpr float kExploreLeft = 0.56f;
constexpr float kProjectionHeight = 0.64f;
constexpr float kClustersHeight = 0.55f;

enum TourStep { kTourSelectFilm, kTourRunClusters, kTourPickCluster, kTourFoldIn, kTourDone };

constexpr const char* kKeyboardTitle = "Keyboard";

}  // namespace

void App::setUpExplore() {
  frame_.explore = &explore_;
  explore_.setRenderer(makeGlPointCloudRenderer());
  explore_.setModelFileRequester([this](const std::filesystem::path& path, std::function<void(bool, std::string)> done) {
    return training_.requestModelFile(path, [done = std::move(done)](bool ok, std::string error) {
      done(ok, std::move(error));  // any thread: it only sets the request's outcome
      glfwPostEmptyEvent();
    });
  });
  explore_.spinCamera = config_.spin;
  explore_.options.threeD = config_.layout == "explore-3d";
  if (config_.layout == "explore" || config_.layout == "explore-3d") layout_ = Layout::Explore;
  explorePanels_.push_back(
      std::make_unique<ProjectionPanel>(PanelPlacement{0.0f, 0.0f, kExploreLeft, kProjectionHeight, 360.0f}));
  explorePanels_.push_back(std::make_unique<NeighboursPanel>(
      PanelPlacement{0.0f, kProjectionHeight, kExploreLeft, 1.0f - kProjectionHeight, 360.0f}));
  explorePanels_.push_back(
      std::make_unique<ClustersPanel>(PanelPlacement{kExploreLeft, 0.0f, 1.0f - kExploreLeft, kClustersHeight, 0.0f}));
  explorePanels_.push_back(std::make_unique<FoldInPanel>(
      PanelPlacement{kExploreLeft, kClustersHeight, 1.0f - kExploreLeft, 1.0f - kClustersHeight, 0.0f}));
}

void App::refreshExplore() {
  explore_.refresh(frame_.dataset, training_.view(), loadedModel_);
  if (config_.demo && (config_.layout == "explore" || config_.layout == "explore-3d")) advanceDemoTour();
}

bool App::demoTourPending() const {
  if (!config_.demo || layout_ != Layout::Explore) return false;
  if (frame_.dataset && frame_.dataset->phase == DatasetState::Phase::Failed) return false;
  if (training_.view().phase == TrainingView::Phase::Idle && demoStarted_) return false;  // the run was refused
  return demoTourStep_ < kTourDone;
}

void App::advanceDemoTour() {
  if (demoNeedsMoreEpochs()) return;
  const CatalogueFacts* facts = explore_.facts();
  switch (demoTourStep_) {
    case kTourSelectFilm: {
      if (facts == nullptr || explore_.projection() == nullptr || facts->itemRatings.empty()) return;
      const auto most = std::max_element(facts->itemRatings.begin(), facts->itemRatings.end());
      explore_.selectMovie(static_cast<int32_t>(most - facts->itemRatings.begin()));
      explore_.neighbourMinRatings = 20;
      if (!explore_.options.threeD) explore_.options.colour = ColourMode::Genre;
      demoTourStep_ = kTourRunClusters;
      return;
    }
    case kTourRunClusters:
      explore_.runClusters();
      demoTourStep_ = kTourPickCluster;
      return;
    case kTourPickCluster: {
      if (explore_.clustersRunning()) return;
      const ClusterAnalysis* clusters = explore_.clusters();
      if (clusters == nullptr) {
        demoTourStep_ = kTourDone;  // k-means failed: its status says why
        return;
      }
      const auto& sizes = clusters->kmeans.sizes;
      explore_.selectCluster(static_cast<int32_t>(std::max_element(sizes.begin(), sizes.end()) - sizes.begin()));
      // The new user loves the selected film and its nearest neighbours and dislikes what the
      // cluster ranks lowest.
      explore_.setFoldInRating(explore_.selectedMovie(), 5.0f);
      const std::vector<Neighbour>& near = explore_.neighbours();
      for (size_t k = 0; k < near.size() && k < 2; ++k) explore_.setFoldInRating(near[k].item, k == 0 ? 5.0f : 4.0f);
      if (clusters->profiles && explore_.selectedCluster() >= 0) {
        const ClusterProfile& p = clusters->profiles->clusters[static_cast<size_t>(explore_.selectedCluster())];
        for (size_t k = 0; k < p.bottom.size() && k < 2; ++k) explore_.setFoldInRating(p.bottom[k].item, k == 0 ? 1.0f : 2.0f);
      }
      explore_.runFoldIn();
      demoTourStep_ = kTourFoldIn;
      return;
    }
    case kTourFoldIn:
      if (explore_.foldInRunning()) return;
      demoTourStep_ = kTourDone;
      if (config_.spin) {
        // Frame-time measurement: from here on the view alone, the run paused so it keeps no core.
        pauseTraining();
        explore_.measureFrames = true;
      }
      return;
    default: return;
  }
}

void App::reportExplore() const {
  // Scripted runs say what the Explore panels showed, for tests and for the record.
  const ExploreState& e = explore_;
  if (layout_ != Layout::Explore || e.projection() == nullptr) return;
  const Dataset* data = e.dataset();
  const std::string film = e.selectedMovie() >= 0 && data != nullptr
                               ? data->movies[static_cast<size_t>(e.selectedMovie())].title
                               : std::string("none");
  const ClusterAnalysis* clusters = e.clusters();
  const FoldInResult* foldIn = e.foldIn();
  std::printf("latentlens: explore: %d points, film %s, %d clusters (%s), fold-in of %zu ratings → %zu films\n",
              e.pointCount(), film.c_str(), clusters != nullptr ? clusters->kmeans.clusters : 0,
              clusters != nullptr && clusters->profiles ? "profiles" : "no profiles", e.foldInRatings.size(),
              foldIn != nullptr ? foldIn->top.size() : size_t{0});
  if (e.measuredFrames() > 0) {
    std::printf("latentlens: explore: %d frames after the tour (run paused, view %s), %.1f ms/frame (mean)\n",
                e.measuredFrames(), e.options.threeD ? "orbiting in 3D" : "2D", e.measuredMeanMs());
  }
}

void App::handleLayoutShortcuts() {
  const ImGuiIO& io = ImGui::GetIO();
  // 1.86 keys are GLFW key codes (the named ImGuiKey API arrived in 1.87).
  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_1, false)) layout_ = Layout::Cockpit;
  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_2, false)) layout_ = Layout::Explore;
  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_3, false)) layout_ = Layout::Experiments;
  if (ImGui::IsKeyPressed(GLFW_KEY_F1, false)) keyboardHelpRequested_ = true;
}

void App::buildLayoutMenuItems() {
  if (ImGui::MenuItem("Cockpit", "Ctrl+1", layout_ == Layout::Cockpit)) layout_ = Layout::Cockpit;
  if (ImGui::MenuItem("Explore", "Ctrl+2", layout_ == Layout::Explore)) layout_ = Layout::Explore;
  if (ImGui::MenuItem("Experiments", "Ctrl+3", layout_ == Layout::Experiments)) layout_ = Layout::Experiments;
  ImGui::Separator();
}

void App::buildLayoutSwitch() {
  // Three tabs in the menu bar: the layout in use is lit.
  ImGui::TextDisabled("|");
  if (ImGui::MenuItem("Cockpit", nullptr, layout_ == Layout::Cockpit)) layout_ = Layout::Cockpit;
  if (ImGui::MenuItem("Explore", nullptr, layout_ == Layout::Explore)) layout_ = Layout::Explore;
  if (ImGui::MenuItem("Experiments", nullptr, layout_ == Layout::Experiments)) layout_ = Layout::Experiments;
}

void App::buildKeyboardHelp() {
  if (keyboardHelpRequested_) {
    keyboardHelpRequested_ = false;
    ImGui::OpenPopup(kKeyboardTitle);
  }
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(kKeyboardTitle, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  struct Row {
    const char* keys;
    const char* what;
  };
  static constexpr Row kRows[] = {
      {"Tab, arrows, Enter, Space", "move between controls and use them (ImGui keyboard navigation)"},
      {"Ctrl+Tab", "next panel"},
      {"Ctrl+1 / Ctrl+2 / Ctrl+3", "Cockpit / Explore / Experiments layout"},
      {"Ctrl+O, Ctrl+Q", "open a data set, quit"},
      {"Space, S, Esc", "training: start or pause/resume, one epoch while paused, stop"},
      {"/", "Neighbours: search a film by title (Enter selects the first match)"},
      {"J L / I K", "Projection (focused): orbit in 3D, pan in 2D"},
      {"+ / −", "Projection: zoom"},
      {"R, T", "Projection: reset the view, switch 2D / 3D"},
      {"mouse", "Projection: drag to orbit (3D) or pan, right-drag or Shift-drag to pan, wheel to zoom,"},
      {"", "click a film to select it, double-click empty space to reset"},
      {"F1", "this list"},
  };
  if (ImGui::BeginTable("##keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
    for (const Row& row : kRows) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(row.keys);
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", row.what);
    }
    ImGui::EndTable();
  }
  if (ImGui::Button("Close", ImVec2(120.0f * scale_, 0.0f)) || ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false)) {
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace ll::gui
