#include "app/gui/state/layout_state.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <span>

#include "core/util/thread_pool.h"
#include "core/util/thread_priority.h"

namespace ll::gui {

// What the UMAP job publishes and the UI thread takes: the newest epoch only.
struct LayoutState::Live {
  std::mutex mutex;
  std::shared_ptr<const LayoutFrame> latest;
};

LayoutState::LayoutState() : live_(std::make_shared<Live>()) {}
LayoutState::~LayoutState() = default;

namespace {

// A UMAP or t-SNE computing beside the interface runs at nice +5 (CFS weight 335 against the
// UI's and the rasteriser's 1024): the frames while a 60k UMAP forms went from p99 32.7–34.0 to
// 26.9–31.3 ms; in a scripted run, whose frames never wait, the layout then takes ~1.5× as long.
constexpr int kLayoutNice = 5;

// What a layout job publishes from its callback: a copy of the coordinates at this epoch.
std::shared_ptr<LayoutFrame> publishedFrame(LayoutMethod method, uint64_t version, int32_t rows, int32_t components,
                                                  std::span<const float> coordinates, int32_t epoch, int32_t epochs) {
  auto frame = std::make_shared<LayoutFrame>();
  frame->method = method;
  frame->axisName = method == LayoutMethod::Tsne ? "t-SNE" : "UMAP";
  frame->embeddingVersion = version;
  frame->rows = rows;
  frame->components = components;
  frame->coordinates.assign(coordinates.begin(), coordinates.end());
  frame->epoch = epoch;
  frame->epochs = epochs;
  frame->finished = epoch == epochs;
  return frame;
}

std::string finishedUmap(const UmapResult& r) {
  char text[160];
  std::snprintf(text, sizeof text, "UMAP: %d epochs in %.1f s (%s, %s start)", r.epochsDone, r.seconds, r.exactNeighbours ? "exact kNN" : "HNSW kNN",
                r.initUsed == UmapInit::Spectral ? "spectral" : r.initUsed == UmapInit::Pca ? "PCA" : "random");
  return text;
}

std::string finishedTsne(const TsneResult& r) {
  char text[160];
  std::snprintf(text, sizeof text, "t-SNE: %d iterations in %.1f s (perplexity %.0f, KL %.3f%s)", r.iterationsDone, r.seconds,
                r.params.perplexity, r.klDivergence, r.klExact ? "" : " estimated");
  return text;
}

}  // namespace

void LayoutState::run(LayoutMethod method, std::shared_ptr<const std::vector<float>> vectors, int32_t rows, int32_t dimension,
                      uint64_t version) {
  if (method == LayoutMethod::Pca) return;
  job_.reset();  // cancelled and joined: its last frame is never taken
  live_ = std::make_shared<Live>();
  status_ = method == LayoutMethod::Tsne ? "t-SNE: finding neighbours…" : "UMAP: finding neighbours…";
  job_ = std::make_unique<BackgroundJob<std::string>>([method, vectors = std::move(vectors), rows, dimension, version, umapParams = umap,
                                                       tsneParams = tsne, live = live_](const JobProgress& progress) {
    // One core for the layout, at lowered priority: the UI keeps the other and goes first on
    // both (core/util/thread_priority.h).
    lowerThisThreadPriority(kLayoutNice);
    ThreadPool pool(1);
    const auto publish = [&](std::shared_ptr<const LayoutFrame> frame) {
      const double done = frame->epochs > 0 ? static_cast<double>(frame->epoch) / frame->epochs : 0.0;
      {
        std::lock_guard lock(live->mutex);
        live->latest = std::move(frame);
      }
      return progress(0.3 + 0.7 * done);
    };
    if (method == LayoutMethod::Tsne) {
      const TsneIterationCallback onIteration = [&](const TsneIterationView& view) {
        return publish(publishedFrame(method, version, view.rows, view.components, view.coordinates, view.iteration, view.iterations));
      };
      return finishedTsne(ll::tsne(*vectors, rows, dimension, tsneParams, &pool, onIteration, progress));
    }
    const UmapEpochCallback onEpoch = [&](const UmapEpochView& view) {
      return publish(publishedFrame(method, version, view.rows, view.components, view.coordinates, view.epoch, view.epochs));
    };
    return finishedUmap(ll::umap(*vectors, rows, dimension, umapParams, &pool, onEpoch, progress));
  });
}

void LayoutState::runAxes(std::shared_ptr<const std::vector<float>> vectors, int32_t rows, int32_t dimension, uint64_t version,
                          AxisGroups first, std::optional<AxisGroups> second, std::vector<std::string> labels) {
  job_.reset();
  live_ = std::make_shared<Live>();
  status_ = "axes: computing…";
  job_ = std::make_unique<BackgroundJob<std::string>>([vectors = std::move(vectors), rows, dimension, version, first = std::move(first),
                                                       second = std::move(second), labels = std::move(labels),
                                                       live = live_](const JobProgress& progress) {
    const CustomAxesResult axes = customAxes(*vectors, rows, dimension, first, second, {}, progress);
    auto frame = publishedFrame(LayoutMethod::Axes, version, rows, 2, axes.coordinates, 1, 1);
    frame->axisName = "axes";
    frame->axisLabels = labels;
    {
      std::lock_guard lock(live->mutex);
      live->latest = std::move(frame);
    }
    char text[160];
    std::snprintf(text, sizeof text, "axes: %s; the second axis was %.0f° from the first before it was made orthogonal", labels[0].c_str(),
                  std::acos(std::clamp(axes.cosineBeforeOrthogonalising, -1.0, 1.0)) * 180.0 / 3.14159265358979);
    return std::string(text);
  });
}

void LayoutState::runWithoutCovariate(std::shared_ptr<const std::vector<float>> vectors, int32_t rows, int32_t dimension, uint64_t version,
                                      std::vector<double> covariate) {
  job_.reset();
  live_ = std::make_shared<Live>();
  status_ = "PCA without popularity: computing…";
  job_ = std::make_unique<BackgroundJob<std::string>>([vectors = std::move(vectors), rows, dimension, version, covariate = std::move(covariate),
                                                       live = live_](const JobProgress& progress) {
    CovariateRemovalParams params;
    params.pca.components = 3;
    const CovariateRemovalResult removed = projectOutCovariate(*vectors, rows, dimension, covariate, params, progress);
    auto frame = publishedFrame(LayoutMethod::PcaWithoutPopularity, version, rows, removed.pca.components, removed.pca.coordinates, 1, 1);
    frame->axisName = "PC";
    {
      std::lock_guard lock(live->mutex);
      live->latest = std::move(frame);
    }
    char text[200];
    std::snprintf(text, sizeof text,
                  "without popularity: the removed direction correlated %.2f with log rating count (%.1f %% of the variance); "
                  "what is left predicts it to %.2f",
                  removed.correlation, 100.0 * removed.varianceShare, removed.remainingCorrelation);
    return std::string(text);
  });
}

void LayoutState::restore(std::shared_ptr<const LayoutFrame> frame, const std::string& status) {
  job_.reset();
  live_ = std::make_shared<Live>();
  frame_ = std::move(frame);
  status_ = status;
}

void LayoutState::cancel() {
  if (job_) job_->cancel();
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
    status_ = frame_->axisName + ": " + (frame_->method == LayoutMethod::Tsne ? "iteration " : "epoch ") + std::to_string(frame_->epoch) +
              " of " + std::to_string(frame_->epochs);
  }
  if (job_ && job_->state() != JobState::Running) {
    if (const auto finished = job_->result()) {
      status_ = *finished;
    } else {
      status_ = job_->state() == JobState::Cancelled ? "layout: cancelled" : "layout failed: " + job_->error();
    }
    job_.reset();
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
  job_.reset();
  trustJob_.reset();
  live_ = std::make_shared<Live>();
  frame_.reset();
  trust_.reset();
  trustMeans_.clear();
  status_.clear();
}

}  // namespace ll::gui
