#pragma once
// The recent data sets, kept in $XDG_DATA_HOME/latentlens/recent.json (see recent_list.h for the
// rules and the format). The App owns one, records every path that loads, and the Open dialog
// lists it. Written atomically after each change; several windows may share it (each addition is
// made to the list on disk, under a lock: io/shared_file.h).

#include <filesystem>
#include <string>
#include <vector>

#include "app/gui/state/recent_list.h"

namespace ll::gui {

class RecentDatasets {
 public:
  /// file empty: nothing is read or written (scripted runs and tests).
  explicit RecentDatasets(std::filesystem::path file);

  /// Reads the file. Missing: an empty list. Damaged or newer: moved aside to recent.json.bad
  /// (never overwritten silently) and the reason returned for the status bar.
  std::string load();
  /// Records a data set that just loaded (synthetic specs are not recorded: the dialog has them
  /// built in) and saves, taking in what other windows added. Returns an empty string or why
  /// saving failed (the entry is then listed here only).
  std::string add(const std::string& spec, int32_t minUserRatings, int32_t minItemRatings);

  const std::vector<RecentDataset>& entries() const { return entries_; }

 private:
  std::filesystem::path file_;
  std::vector<RecentDataset> entries_;
};

}  // namespace ll::gui
