#pragma once
// File → Open… (Ctrl+O): a built-in folder browser, since no native file dialog is packaged.
// Left: the built-in synthetic world (with its size fields) and the recent data sets (missing
// ones greyed). Right: the current folder, up/home, a path field, and its entries with data
// sets marked (folders holding u.data, ratings.dat or ratings.csv; .zip and .gz files). Below:
// the k-core filter and Open. The dialog holds view state only; the App owns the recent list
// and does the loading.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/state/dataset_loader.h"
#include "app/gui/state/folder_listing.h"
#include "app/gui/state/frame_context.h"
#include "app/gui/state/recent_list.h"

namespace ll::gui {

/// What the user asked to load.
struct OpenRequest {
  std::string spec;      ///< a path, or a synthetic spec
  DatasetFilter filter;  ///< the k-core filter to load it with
};

class OpenDatasetDialog {
 public:
  /// Shows the dialog from the next draw(). It starts in the folder browsed last, else beside the
  /// most recent data set, else in the working directory.
  void open(const std::vector<RecentDataset>& recent);
  /// Builds the modal while it is shown; returns the request when the user confirms (the dialog
  /// has closed itself by then).
  std::optional<OpenRequest> draw(const FrameContext& frame, const std::vector<RecentDataset>& recent);

 private:
  enum class Choice { None, Path, Synthetic };

  void navigate(const std::filesystem::path& folder);
  void selectPath(const std::string& path, int row);
  void drawLocationBar(const FrameContext& frame);
  void drawPlaces(const FrameContext& frame, const std::vector<RecentDataset>& recent, std::optional<OpenRequest>& out);
  void drawSyntheticFields(const FrameContext& frame);
  void drawListing(const FrameContext& frame, float height, std::optional<OpenRequest>& out);
  void drawFooter(const FrameContext& frame, std::optional<OpenRequest>& out);
  /// The request Open would send now, or nullopt (nothing chosen, or synthetic sizes invalid).
  std::optional<OpenRequest> pendingRequest() const;
  std::string syntheticError() const;

  bool openRequested_ = false;
  bool shown_ = false;
  FolderListing listing_;
  std::string pathField_;
  std::string pathError_;
  bool showHidden_ = false;
  Choice choice_ = Choice::None;
  std::string selectedPath_;         // Choice::Path
  int selectedRow_ = -1;             // its row in listing_, when it is one
  SyntheticSize synthetic_;
  DatasetFilter filter_;
  std::vector<bool> recentPresent_;  // per recent entry, checked when the dialog opens
};

}  // namespace ll::gui
