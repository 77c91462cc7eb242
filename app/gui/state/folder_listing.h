#pragma once
// One folder's entries for the Open dialog, read from the file system when the user navigates
// (never per frame). Sub-folders are peeked into for the ratings files that make them data sets
// (a few names each, not a walk), so large folders list quickly.

#include <filesystem>
#include <string>
#include <vector>

#include "app/gui/state/dataset_browsing.h"

namespace ll::gui {

struct FolderListing {
  std::filesystem::path folder;        ///< absolute, lexically normal
  std::vector<BrowserEntry> entries;   ///< sorted by sortEntries()
  std::string error;                   ///< why the folder could not be read (entries then empty)
  bool folderIsDataset = false;        ///< the folder itself holds a data set
  std::string folderFormat;            ///< its format when it does
};

/// Reads folder. Unreadable entries are skipped; an unreadable folder gives error.
FolderListing listFolder(const std::filesystem::path& folder, bool showHidden);

/// $HOME, else "/".
std::filesystem::path homeFolder();

}  // namespace ll::gui
