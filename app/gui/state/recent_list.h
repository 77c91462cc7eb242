#pragma once
// The recent data sets list as plain values: its update rule and its JSON form. Header-only and
// free of ImGui so the unit tests check exactly what the app runs; the file lives in
// recent_datasets.{h,cpp}.
//   recent.json: {"format_version": 1, "datasets": [{"spec", "min_user_ratings",
//                 "min_item_ratings", "opened"}, ...]}, most recent first, at most 10.

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace ll::gui {

inline constexpr size_t kMaxRecentDatasets = 10;
inline constexpr int kRecentFormatVersion = 1;

struct RecentDataset {
  std::string spec;            ///< absolute, lexically normal path
  int32_t minUserRatings = 0;  ///< k-core filter it was opened with (default: 0, off)
  int32_t minItemRatings = 0;
  std::string opened;          ///< local time, "2024-05-01 14:03"
};

/// How paths are compared and stored: "/a/b/", "/a/./b" and "/a/b" are one data set.
inline std::string normalisedDatasetPath(const std::string& spec) {
  std::string text = std::filesystem::path(spec).lexically_normal().string();
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

/// The update rule: the entry goes first; an older entry for the same path is dropped (its
/// filter and time are replaced); beyond kMaxRecentDatasets the oldest fall off.
inline void addRecent(std::vector<RecentDataset>& list, RecentDataset entry) {
  entry.spec = normalisedDatasetPath(entry.spec);
  std::erase_if(list, [&](const RecentDataset& old) { return normalisedDatasetPath(old.spec) == entry.spec; });
  list.insert(list.begin(), std::move(entry));
  if (list.size() > kMaxRecentDatasets) list.resize(kMaxRecentDatasets);
}

inline nlohmann::json recentToJson(const std::vector<RecentDataset>& list) {
  nlohmann::json datasets = nlohmann::json::array();
  for (const RecentDataset& r : list) {
    datasets.push_back({{"spec", r.spec},
                        {"min_user_ratings", r.minUserRatings},
                        {"min_item_ratings", r.minItemRatings},
                        {"opened", r.opened}});
  }
  return {{"format_version", kRecentFormatVersion}, {"datasets", std::move(datasets)}};
}

/// Entries without a usable spec are skipped and negative filters reset, so a hand-edited file
/// costs at most its bad entries. Throws std::runtime_error when the file is not ours or newer.
inline std::vector<RecentDataset> recentFromJson(const nlohmann::json& json) {
  if (!json.is_object() || !json.contains("format_version") || !json["format_version"].is_number_integer()) {
    throw std::runtime_error("not a recent data sets file");
  }
  if (json["format_version"].get<int>() > kRecentFormatVersion) {
    throw std::runtime_error("written by a newer LatentLens (format " + json["format_version"].dump() + ")");
  }
  std::vector<RecentDataset> list;
  const auto datasets = json.find("datasets");
  if (datasets == json.end() || !datasets->is_array()) return list;
  for (const nlohmann::json& item : *datasets) {
    if (!item.is_object() || !item.contains("spec") || !item["spec"].is_string()) continue;
    RecentDataset r;
    r.spec = item["spec"].get<std::string>();
    if (r.spec.empty()) continue;
    const auto count = [&](const char* key) {
      const auto it = item.find(key);
      return it != item.end() && it->is_number_integer() ? std::max<int32_t>(0, it->get<int32_t>()) : 0;
    };
    r.minUserRatings = count("min_user_ratings");
    r.minItemRatings = count("min_item_ratings");
    if (const auto opened = item.find("opened"); opened != item.end() && opened->is_string()) {
      r.opened = opened->get<std::string>();
    }
    // Re-applying the rule keeps the file's order, drops duplicates and caps the length.
    list.push_back(std::move(r));
  }
  std::vector<RecentDataset> ordered;
  for (auto it = list.rbegin(); it != list.rend(); ++it) addRecent(ordered, *it);
  return ordered;
}

}  // namespace ll::gui
