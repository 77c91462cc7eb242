#include "app/gui/state/recent_datasets.h"

#include <system_error>

#include "app/gui/state/dataset_browsing.h"
#include "app/gui/state/local_time.h"
#include "core/load/load.h"
#include "core/io/atomic_file.h"
#include "core/io/shared_file.h"

namespace ll::gui {

RecentDatasets::RecentDatasets(std::filesystem::path file) : file_(std::move(file)) {}

std::string RecentDatasets::load() {
  entries_.clear();
  std::error_code error;
  if (file_.empty() || !std::filesystem::exists(file_, error)) return {};
  try {
    entries_ = recentFromJson(nlohmann::json::parse(readWholeFile(file_)));
    return {};
  } catch (const std::exception& problem) {
    std::filesystem::path aside = file_;
    aside += ".bad";
    std::filesystem::rename(file_, aside, error);
    return "recent.json set aside (" + std::string(problem.what()) + ")";
  }
}

std::string RecentDatasets::add(const std::string& spec, int32_t minUserRatings, int32_t minItemRatings) {
  if (isSyntheticSpec(spec)) return {};
  // Absolute, so the list still works when the app is started from another folder.
  std::error_code error;
  std::filesystem::path absolute = std::filesystem::absolute(spec, error);
  const RecentDataset entry{error ? spec : absolute.string(), minUserRatings, minItemRatings, localTimeNow()};
  bool added = false;
  std::string problem;
  if (!file_.empty()) {
    try {
      // Added to the list as it is on disk now: another window may have opened data sets meanwhile.
      updateSharedFile(file_, [&](const std::optional<std::string>& current) {
        if (current) {
          try {
            entries_ = recentFromJson(nlohmann::json::parse(*current));
          } catch (const std::exception&) {
            // unreadable: replaced by this window's list, as when one window alone saves
          }
        }
        addRecent(entries_, entry);
        added = true;
        return recentToJson(entries_).dump(2) + "\n";
      });
    } catch (const std::exception& e) {
      problem = e.what();
    }
  }
  if (!added) addRecent(entries_, entry);  // listed in this window even when the file could not be read
  return problem;
}

}  // namespace ll::gui
