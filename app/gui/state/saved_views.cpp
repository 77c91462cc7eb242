#include "app/gui/state/saved_views.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "core/data/input_error.h"
#include "core/io/atomic_file.h"

namespace ll::gui {
namespace {

constexpr int kSavedViewVersion = 1;

// A file name from a view name: letters, digits, '-' and '_' kept, everything else as _XX.
std::string viewFileName(const std::string& name) {
  std::string file;
  for (const unsigned char c : name) {
    if (std::isalnum(c) || c == '-' || c == '_') {
      file += static_cast<char>(c);
    } else {
      char escaped[4];
      std::snprintf(escaped, sizeof escaped, "_%02X", c);
      file += escaped;
    }
  }
  return file + ".json";
}

}  // namespace

std::string savedViewJson(const SavedView& v) {
  const ProjectionOptions& o = v.options;
  const nlohmann::json json = {
      {"version", kSavedViewVersion},
      {"name", v.name},
      {"dataset", v.dataset},
      {"run", v.run},
      {"points", static_cast<int>(o.points)},
      {"colour", static_cast<int>(o.colour)},
      {"feature", o.feature},
      {"method", static_cast<int>(o.method)},
      {"axes", {o.axes[0], o.axes[1], o.axes[2]}},
      {"three_d", o.threeD},
      {"point_size", v.pointSize},
      {"camera",
       {{"three_d", v.camera.threeD}, {"zoom", v.camera.zoom}, {"yaw", v.camera.yaw}, {"pitch", v.camera.pitch},
        {"target", {v.camera.target.x, v.camera.target.y, v.camera.target.z}}}},
      {"selection", v.selection},
      {"picked", v.picked},
      {"layout",
       {{"rows", v.layoutRows}, {"components", v.layoutComponents}, {"coordinates", v.layoutCoordinates},
        {"axis_name", v.layoutAxisName}, {"axis_labels", v.layoutAxisLabels}}}};
  return json.dump() + "\n";
}

SavedView parseSavedView(const std::string& text, const std::string& file) {
  const nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) throw InputError(file, 0, "a saved view (JSON)", "text that is not JSON");
  const int version = json.value("version", 0);
  if (version != kSavedViewVersion) {
    throw InputError(file, 0, "a saved view of version " + std::to_string(kSavedViewVersion), "version " + std::to_string(version));
  }
  SavedView v;
  try {
    v.name = json.at("name").get<std::string>();
    v.dataset = json.at("dataset").get<std::string>();
    v.run = json.at("run").get<std::string>();
    ProjectionOptions& o = v.options;
    o.points = static_cast<PointSet>(std::clamp(json.at("points").get<int>(), 0, 1));
    o.colour = static_cast<ColourMode>(std::clamp(json.at("colour").get<int>(), 0, static_cast<int>(ColourMode::Trust)));
    o.feature = json.at("feature").get<int32_t>();
    o.method = static_cast<LayoutMethod>(std::clamp(json.at("method").get<int>(), 0, static_cast<int>(LayoutMethod::PcaWithoutPopularity)));
    const auto axes = json.at("axes").get<std::vector<int32_t>>();
    if (axes.size() != 3) throw InputError(file, 0, "three axes", std::to_string(axes.size()));
    for (int a = 0; a < 3; ++a) o.axes[a] = std::clamp(axes[static_cast<size_t>(a)], 0, 2);
    o.threeD = json.at("three_d").get<bool>();
    v.pointSize = json.at("point_size").get<float>();
    const nlohmann::json& camera = json.at("camera");
    v.camera.threeD = camera.at("three_d").get<bool>();
    v.camera.zoom = camera.at("zoom").get<float>();
    v.camera.yaw = camera.at("yaw").get<float>();
    v.camera.pitch = camera.at("pitch").get<float>();
    const auto target = camera.at("target").get<std::vector<float>>();
    if (target.size() != 3) throw InputError(file, 0, "a camera target of three numbers", std::to_string(target.size()));
    v.camera.target = {target[0], target[1], target[2]};
    v.selection = json.at("selection").get<std::vector<std::string>>();
    v.picked = json.at("picked").get<std::string>();
    const nlohmann::json& layout = json.at("layout");
    v.layoutRows = layout.at("rows").get<int32_t>();
    v.layoutComponents = layout.at("components").get<int32_t>();
    v.layoutCoordinates = layout.at("coordinates").get<std::vector<float>>();
    v.layoutAxisName = layout.at("axis_name").get<std::string>();
    v.layoutAxisLabels = layout.at("axis_labels").get<std::vector<std::string>>();
  } catch (const nlohmann::json::exception& error) {
    throw InputError(file, 0, "a saved view's fields", error.what());
  }
  if (v.layoutRows < 0 || v.layoutComponents < 0 ||
      v.layoutCoordinates.size() != static_cast<size_t>(v.layoutRows) * static_cast<size_t>(v.layoutComponents)) {
    throw InputError(file, 0, "layout coordinates of rows × components", std::to_string(v.layoutCoordinates.size()) + " numbers");
  }
  return v;
}

SavedViews::SavedViews(std::filesystem::path folder) : folder_(std::move(folder)) {}

std::filesystem::path SavedViews::fileOf(const std::string& name) const { return folder_ / viewFileName(name); }

std::string SavedViews::save(const SavedView& view) {
  if (folder_.empty()) {
    memory_[view.name] = view;
    return {};
  }
  try {
    std::filesystem::create_directories(folder_);
    writeFileAtomically(fileOf(view.name), savedViewJson(view));
  } catch (const std::exception& error) {
    return error.what();
  }
  return {};
}

std::vector<SavedView> SavedViews::list(const std::string& dataset) const {
  std::vector<SavedView> views;
  unreadable_ = 0;
  if (folder_.empty()) {
    for (const auto& [name, view] : memory_) {
      if (view.dataset == dataset) views.push_back(view);
    }
    return views;
  }
  std::error_code error;
  std::map<std::string, SavedView> byName;
  for (const auto& entry : std::filesystem::directory_iterator(folder_, error)) {
    if (entry.path().extension() != ".json") continue;
    try {
      SavedView view = parseSavedView(readWholeFile(entry.path()), entry.path().string());
      if (view.dataset == dataset) byName.emplace(view.name, std::move(view));
    } catch (const std::exception&) {
      ++unreadable_;
    }
  }
  for (auto& [name, view] : byName) views.push_back(std::move(view));
  return views;
}

std::string SavedViews::remove(const std::string& name) {
  if (folder_.empty()) {
    memory_.erase(name);
    return {};
  }
  std::error_code error;
  std::filesystem::remove(fileOf(name), error);
  return error ? error.message() : std::string();
}

}  // namespace ll::gui
