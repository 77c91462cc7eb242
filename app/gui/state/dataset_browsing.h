#pragma once
// The pure rules behind the Open dialog, free of ImGui, GLFW and the file system so the unit
// tests (tests/unit/gui_data_test.cpp) can check them on plain name lists:
//   - which folders and files look like data sets (to mark them in the listing),
//   - the synthetic size fields → a "synthetic:..." spec,
//   - how a folder listing is ordered.
// Opening is never refused on these grounds: any folder or file may be tried, the loader decides.

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ll::gui {

/// The ratings files whose presence makes a folder a MovieLens data set.
inline constexpr std::array<std::string_view, 3> kRatingsFileNames = {"u.data", "ratings.dat", "ratings.csv"};

inline bool endsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

/// The name a loader offers a file under: "x.gz" is read as "x" (core/data/file_source.h).
inline std::string_view offeredName(std::string_view fileName) {
  return endsWith(fileName, ".gz") ? fileName.substr(0, fileName.size() - 3) : fileName;
}

/// Which MovieLens format a folder with these top-level file names loads as ("ml-100k",
/// "ml-1m", "ml-latest"), in the loader's order of preference; empty when none.
inline std::string folderDatasetFormat(const std::vector<std::string>& fileNames) {
  constexpr std::array<std::string_view, 3> kFormats = {"ml-100k", "ml-1m", "ml-latest"};
  for (size_t k = 0; k < kRatingsFileNames.size(); ++k) {
    for (const std::string& name : fileNames) {
      if (offeredName(name) == kRatingsFileNames[k]) return std::string(kFormats[k]);
    }
  }
  return {};
}

/// True when a folder with these top-level file names loads as ml-100k, ml-1m or ml-latest.
inline bool folderLooksLikeDataset(const std::vector<std::string>& fileNames) {
  return !folderDatasetFormat(fileNames).empty();
}

/// True for archives the loader opens whole (.zip of a data set folder, .gz of a ratings file).
/// Plain .csv / .tsv files also load (as triplets) but are too common to mark.
inline bool fileLooksLikeDataset(std::string_view fileName) {
  std::string lower(fileName);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return endsWith(lower, ".zip") || endsWith(lower, ".gz");
}

/// One row of the dialog's listing.
struct BrowserEntry {
  std::string name;               ///< file or folder name, no path
  bool isFolder = false;
  bool looksLikeDataset = false;  ///< marked in the listing
  std::string kind;               ///< "ml-100k", "zip archive", "gzip file", … for the Type column
  uintmax_t bytes = 0;            ///< files only
};

/// Case-insensitive "less", so "ml-1m" sorts beside "ML-25M" as a user expects.
inline bool lessIgnoringCase(std::string_view a, std::string_view b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](unsigned char x, unsigned char y) {
    return std::tolower(x) < std::tolower(y);
  });
}

/// Folders first, then files; each group by name, ignoring case.
inline void sortEntries(std::vector<BrowserEntry>& entries) {
  std::sort(entries.begin(), entries.end(), [](const BrowserEntry& a, const BrowserEntry& b) {
    if (a.isFolder != b.isFolder) return a.isFolder;
    if (lessIgnoringCase(a.name, b.name)) return true;
    if (lessIgnoringCase(b.name, a.name)) return false;
    return a.name < b.name;  // a stable order for names that differ only in case
  });
}

/// Hidden entries ("." prefix) are listed only on request: a home folder is mostly dotfiles.
inline bool isHiddenName(std::string_view name) { return !name.empty() && name.front() == '.'; }

/// The synthetic world's size fields as the dialog edits them. 0 for users or movies means
/// "scale from ratings", as the core does for unset sizes (core/synth/synthetic_world.h).
struct SyntheticSize {
  int64_t users = 0;         ///< (default: 0, scaled from ratings: 943 at 100,000)
  int64_t movies = 0;        ///< (default: 0, scaled from ratings: 1682 at 100,000)
  int64_t ratings = 100000;  ///< (default: 100,000, the ML-100K size)
  uint64_t seed = 1;         ///< (default: 1)
};

/// "synthetic" for the defaults, else "synthetic:seed=S,users=U,movies=M,ratings=R" with the
/// unset (0) sizes left out. The core validates the result (parseSyntheticSpec).
inline std::string syntheticSpec(const SyntheticSize& size) {
  const SyntheticSize defaults;
  if (size.users == defaults.users && size.movies == defaults.movies && size.ratings == defaults.ratings &&
      size.seed == defaults.seed) {
    return "synthetic";
  }
  std::string spec = "synthetic:seed=" + std::to_string(size.seed);
  if (size.users > 0) spec += ",users=" + std::to_string(size.users);
  if (size.movies > 0) spec += ",movies=" + std::to_string(size.movies);
  spec += ",ratings=" + std::to_string(size.ratings);
  return spec;
}

}  // namespace ll::gui
