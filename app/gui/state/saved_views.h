#pragma once
// Saved views of the Explore projection: the layout method and its parameters, the camera, the
// colouring, the selection and the picked film, kept by name with the data set and the run they
// were made on — and the layout's coordinates themselves, so a UMAP or t-SNE comes back exactly
// as it was, not recomputed. One versioned JSON file per view in a folder
// ($XDG_DATA_HOME/latentlens/views), each written atomically; with no folder (scripted runs) the
// views live in memory only. Films are kept by raw id, so a view survives a reload of its data set.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "app/gui/render/projection_camera.h"
#include "app/gui/state/explore_results.h"

namespace ll::gui {

/// Where the camera stood.
struct CameraPose {
  bool threeD = false;
  float zoom = 1.0f, yaw = 0.6f, pitch = 0.35f;
  Vec3 target{};
};

struct SavedView {
  std::string name;
  std::string dataset;  ///< the data set's source (Dataset::source)
  std::string run;      ///< the run or model the embeddings came from
  ProjectionOptions options;
  float pointSize = 1.0f;
  CameraPose camera;
  std::vector<std::string> selection;  ///< selected films' raw ids
  std::string picked;                  ///< the picked film's raw id, or empty
  // The layout shown (options.method other than PCA): its coordinates, as drawn.
  int32_t layoutRows = 0, layoutComponents = 0;
  std::vector<float> layoutCoordinates;
  std::string layoutAxisName;
  std::vector<std::string> layoutAxisLabels;
};

/// The view as JSON ("version": 1).
std::string savedViewJson(const SavedView& view);
/// Throws InputError (file, expected, found) for anything malformed or a newer version.
SavedView parseSavedView(const std::string& text, const std::string& file);

class SavedViews {
 public:
  /// folder empty: views are kept in memory only.
  explicit SavedViews(std::filesystem::path folder = {});

  /// Saves (replacing a view of the same name); returns an empty string or why it failed.
  std::string save(const SavedView& view);
  /// The views of this data set, by name (files that do not parse are skipped and counted).
  std::vector<SavedView> list(const std::string& dataset) const;
  /// Removes the view; returns an empty string or why it failed.
  std::string remove(const std::string& name);
  /// Views in the folder that could not be read at the last list().
  int32_t unreadable() const { return unreadable_; }

 private:
  std::filesystem::path fileOf(const std::string& name) const;

  std::filesystem::path folder_;
  std::map<std::string, SavedView> memory_;
  mutable int32_t unreadable_ = 0;
};

}  // namespace ll::gui
