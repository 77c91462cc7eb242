#include "app/gui/state/layout_state.h"

#include <algorithm>
#include <cstdio>

#include "core/util/thread_pool.h"

namespace ll::gui {

// What the UMAP job publishes and the UI thread takes: the newest epoch only.
struct LayoutState::Live {
  std::mutex mutex;
  std::shared_ptr<const LayoutFrame> latest;
};

LayoutState::LayoutState() : live_(std::make_shared<Live>()) {}
LayoutState::~LayoutState() = default;

void LayoutState::runUmap(std::shared_ptr<const std::vector<float>> vectors, int32_t rows, int32_t dimension, uint64_t version) {
  umapJob_.reset();  // cancelled and joined: its last frame is never taken
  live_ = std::make_shared<Live>();
  status_ = "UMAP: finding neighbours…";
  umapJob_ = std::make_unique<BackgroundJob<UmapResult>>(
      [vectors = std::move(vectors), rows, dimension, version, params = umap, live = live_](const JobProgress& progress) {
        // One core for the layout: the UI keeps the other, and a run may be training.
        ThreadPool pool(1);
        const UmapEpochCallback publish = [&](const UmapEpochView& view) {
          auto frame = std::make_shared<LayoutFrame>();
          frame->embeddingVersion = version;
          frame->rows = view.rows;
          frame->components = view.components;
          frame->coordinates.assign(view.coordinates.begin(), view.coordinates.end());
          frame->epoch = view.epoch;
          frame->epochs = view.epochs;
          frame->finished = view.epoch == view.epochs;
          std::lock_guard lock(live->mutex);
          live->latest = std::move(frame);
          return progress(0.3 + 0.7 * view.epoch / std::max(view.epochs, 1));
        };
        return ll::umap(*vectors, rows, dimension, params, &pool, publish, progress);
      });
}

void LayoutState::cancelUmap() {
  if (umapJob_) umapJob_->cancel();
}

void LayoutState::requestTrust(const std::string& name, uint64_t key, std::shared_ptr<const std::vector<float>> vectors, int32_t dimension,
                               std::vector<float> coordinates, int32_t rows, int32_t components) {
  if ((trust_ && trust_->key == key) || (trustJob_ && trustJobKey_ == key)) return;
  trustJob_.reset();
  trustJobKey_ = key;
  trustJob_ = std::make_unique<BackgroundJob<LayoutTrust>>(
      [name, key, vectors = std::move(vectors), dimension, coordinates = std::move(coordinates), rows, components,
       k = trustNeighbours](const JobProgress&) {
        LayoutTrust trust{name, key, {}};
        NeighbourGraphParams params;
        params.neighbours = k;
        ThreadPool pool(1);
        trust.agreement = knnAgreement(*vectors, rows, dimension, coordinates, components, params, &pool);
        return trust;
      });
}

std::string LayoutState::trustSummary() const {
  std::string text;
  char part[64];
  for (const auto& [name, mean] : trustMeans_) {
    std::snprintf(part, sizeof part, "%s%s %.2f", text.empty() ? "" : " · ", name.c_str(), mean);
    text += part;
  }
  return text.empty() ? text : "trust@" + std::to_string(trustNeighbours) + ": " + text;
}

bool LayoutState::poll() {
  bool changed = false;
  std::shared_ptr<const LayoutFrame> latest;
  {
    std::lock_guard lock(live_->mutex);
    latest = live_->latest;
  }
  if (latest && latest != frame_) {
    frame_ = std::move(latest);
    changed = true;
    status_ = "UMAP: epoch " + std::to_string(frame_->epoch) + " of " + std::to_string(frame_->epochs);
  }
  if (umapJob_ && umapJob_->state() != JobState::Running) {
    if (const auto result = umapJob_->result()) {
      char text[160];
      std::snprintf(text, sizeof text, "UMAP: %d epochs in %.1f s (%s, %s start)", result->epochsDone, result->seconds,
                    result->exactNeighbours ? "exact kNN" : "HNSW kNN",
                    result->initUsed == UmapInit::Spectral ? "spectral" : result->initUsed == UmapInit::Pca ? "PCA" : "random");
      status_ = text;
    } else {
      status_ = umapJob_->state() == JobState::Cancelled ? "UMAP: cancelled" : "UMAP failed: " + umapJob_->error();
    }
    umapJob_.reset();
  }
  if (trustJob_ && trustJob_->state() != JobState::Running) {
    if (auto result = trustJob_->result()) {
      trust_ = std::move(result);
      trustMeans_[trust_->layout] = trust_->agreement.mean;
      changed = true;
    }
    trustJob_.reset();
  }
  return changed;
}

void LayoutState::embeddingsChanged(uint64_t version) {
  if (version == trustVersion_) return;
  trustVersion_ = version;
  trustMeans_.clear();
}

void LayoutState::reset() {
  umapJob_.reset();
  trustJob_.reset();
  live_ = std::make_shared<Live>();
  frame_.reset();
  trust_.reset();
  trustMeans_.clear();
  status_.clear();
}

}  // namespace ll::gui
