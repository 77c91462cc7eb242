#include "app/gui/state/replay_state.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

namespace ll::gui {

ReplayState::ReplayState() = default;
ReplayState::~ReplayState() = default;

void ReplayState::record(const std::string& run, int32_t epoch, std::shared_ptr<const std::vector<float>> values, int32_t rows,
                         int32_t dimension) {
  if (!history_ || run != run_ || history_->rows() != rows || history_->dimension() != dimension) {
    reset();
    run_ = run;
    history_ = std::make_unique<EmbeddingHistory>(rows, dimension);
  }
  if (epoch <= lastEpoch_ || !values || values->size() != static_cast<size_t>(rows) * dimension) return;
  lastEpoch_ = epoch;
  history_->add(epoch, std::move(values));
}

void ReplayState::reset() {
  job_.reset();
  history_.reset();
  run_.clear();
  lastEpoch_ = -1;
  frames_.clear();
  epochs_.clear();
  active = playing = false;
  frame = 0;
}

void ReplayState::prepare(const PcaResult& axes) {
  if (!history_ || history_->frameCount() == 0 || axes.dimension != history_->dimension()) return;
  job_.reset();
  job_ = std::make_unique<BackgroundJob<ReplayLayout>>(
      [frames = history_->frames(), axes](const JobProgress& progress) { return alignedProjection(*frames, axes, {}, progress); });
}

int32_t ReplayState::epochOf(int32_t f) const { return f >= 0 && f < static_cast<int32_t>(epochs_.size()) ? epochs_[static_cast<size_t>(f)] : 0; }

const LayoutFrame* ReplayState::current() const {
  if (!active || frames_.empty()) return nullptr;
  return frames_[static_cast<size_t>(std::clamp(frame, 0, frames() - 1))].get();
}

std::vector<Vec3> ReplayState::pathOf(int32_t item) const {
  std::vector<Vec3> path;
  for (int32_t f = 0; f <= std::min(frame, frames() - 1); ++f) {
    const LayoutFrame& at = *frames_[static_cast<size_t>(f)];
    if (item < 0 || item >= at.rows) return {};
    const size_t k = static_cast<size_t>(item) * static_cast<size_t>(at.components);
    path.push_back({at.coordinates[k] * at.scale, at.coordinates[k + 1] * at.scale, 0.0f});
  }
  return path;
}

void ReplayState::startExport() {
  const std::string& folder = exportFolder;
  if (frames_.empty()) {
    exportStatus_ = "nothing to export yet";
    return;
  }
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) {
    exportStatus_ = "cannot create " + folder + ": " + error.message();
    return;
  }
  exportNext_ = 0;
  playing = false;
  exportStatus_ = "exporting…";
}

std::string ReplayState::exportPath() const {
  char name[32];
  std::snprintf(name, sizeof name, "epoch-%04d.png", epochOf(exportNext_));
  return (std::filesystem::path(exportFolder) / name).string();
}

void ReplayState::exported() {
  if (exportNext_ < 0) return;
  if (++exportNext_ >= frames()) {
    exportStatus_ = std::to_string(frames()) + " frames → " + exportFolder;
    exportNext_ = -1;
  }
}

void ReplayState::poll(double now) {
  if (job_ && job_->state() != JobState::Running) {
    if (const auto layout = job_->result(); layout && !layout->coordinates.empty()) {
      // One scale for every frame, the last one's (the live view's), so the comet's growth shows.
      const std::vector<float>& last = layout->coordinates.back();
      std::vector<float> extent(static_cast<size_t>(layout->rows));
      for (size_t r = 0; r < extent.size(); ++r) {
        extent[r] = std::max(std::fabs(last[2 * r]), std::fabs(last[2 * r + 1]));
      }
      float reach = 1.0f;
      if (!extent.empty()) {
        const auto at = extent.begin() + static_cast<std::ptrdiff_t>(extent.size() * 99 / 100);
        std::nth_element(extent.begin(), at, extent.end());
        reach = *at > 0.0f ? *at : 1.0f;
      }
      frames_.clear();
      epochs_ = layout->epochs;
      for (size_t f = 0; f < layout->coordinates.size(); ++f) {
        auto built = std::make_shared<LayoutFrame>();
        built->rows = layout->rows;
        built->components = layout->components;
        built->coordinates = layout->coordinates[f];
        built->epoch = layout->epochs[f];
        built->epochs = layout->epochs.back();
        built->finished = true;
        built->scale = 1.0f / reach;
        built->axisName = "PC";
        frames_.push_back(std::move(built));
      }
      frame = std::clamp(frame, 0, frames() - 1);
    }
    job_.reset();
  }
  if (playing && !frames_.empty() && now - lastStep_ >= 1.0 / std::max(framesPerSecond, 0.5f)) {
    lastStep_ = now;
    if (frame + 1 < frames()) {
      ++frame;
    } else {
      playing = false;
    }
  }
}

}  // namespace ll::gui
