#include "app/gui/state/folder_listing.h"

#include <cstdlib>
#include <system_error>

namespace ll::gui {
namespace {

namespace fs = std::filesystem;

/// Names of the ratings files present in folder (plain or .gz): enough for the format hint.
std::vector<std::string> ratingsFilesIn(const fs::path& folder) {
  std::vector<std::string> present;
  std::error_code error;
  for (std::string_view name : kRatingsFileNames) {
    for (const std::string& candidate : {std::string(name), std::string(name) + ".gz"}) {
      if (fs::is_regular_file(folder / candidate, error)) present.push_back(candidate);
    }
  }
  return present;
}

std::string fileKind(const std::string& name) {
  if (endsWith(name, ".zip") || endsWith(name, ".ZIP")) return "zip archive";
  if (endsWith(name, ".gz")) return "gzip file";
  return "file";
}

}  // namespace

fs::path homeFolder() {
  const char* home = std::getenv("HOME");
  return home != nullptr && *home == '/' ? fs::path(home) : fs::path("/");
}

FolderListing listFolder(const fs::path& folder, bool showHidden) {
  FolderListing listing;
  std::error_code error;
  fs::path absolute = fs::absolute(folder, error);
  listing.folder = (error ? folder : absolute).lexically_normal();
  if (listing.folder.has_filename() == false && listing.folder != listing.folder.root_path()) {
    listing.folder = listing.folder.parent_path();  // "/a/b/" → "/a/b"
  }
  fs::directory_iterator it(listing.folder, fs::directory_options::skip_permission_denied, error);
  if (error) {
    listing.error = error.message();
    return listing;
  }
  std::vector<std::string> fileNames;
  for (; it != fs::directory_iterator(); it.increment(error)) {
    if (error) break;
    BrowserEntry entry;
    entry.name = it->path().filename().string();
    if (!showHidden && isHiddenName(entry.name)) continue;
    std::error_code statError;
    entry.isFolder = it->is_directory(statError);  // follows symlinks, as users expect
    if (statError) continue;
    if (entry.isFolder) {
      entry.kind = folderDatasetFormat(ratingsFilesIn(it->path()));
      entry.looksLikeDataset = !entry.kind.empty();
      if (entry.kind.empty()) entry.kind = "folder";
    } else {
      fileNames.push_back(entry.name);
      entry.looksLikeDataset = fileLooksLikeDataset(entry.name);
      entry.kind = fileKind(entry.name);
      entry.bytes = it->file_size(statError);
      if (statError) entry.bytes = 0;
    }
    listing.entries.push_back(std::move(entry));
  }
  sortEntries(listing.entries);
  listing.folderFormat = folderDatasetFormat(fileNames);
  listing.folderIsDataset = !listing.folderFormat.empty();
  return listing;
}

}  // namespace ll::gui
