#include "core/analysis/embedding_history.h"

#include <Eigen/Core>
#include <algorithm>
#include <limits>
#include <string>

#include "core/data/input_error.h"

namespace ll {
namespace {

using HistoryRowsF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
constexpr Eigen::Index kHistoryBlock = 4096;

size_t frameBytesOf(int32_t rows, int32_t dimension) {
  return static_cast<size_t>(std::max(0, rows)) * static_cast<size_t>(std::max(0, dimension)) * sizeof(float);
}

int32_t capacityOf(size_t frameBytes, size_t budgetBytes) {
  if (frameBytes == 0) return std::numeric_limits<int32_t>::max();
  const size_t frames = budgetBytes / frameBytes;
  return frames < 2 ? 1 : static_cast<int32_t>(std::min<size_t>(frames, std::numeric_limits<int32_t>::max()));
}

// (x − mean) · axisᵀ for the first `components` axes: rows × components, row-major.
std::vector<float> projectFrame(std::span<const float> values, int32_t rows, const PcaResult& axes, int32_t components) {
  const int32_t d = axes.dimension;
  const Eigen::Map<const HistoryRowsF> x(values.data(), rows, d);
  const Eigen::Map<const HistoryRowsF> directions(axes.axes.data(), components, d);
  const Eigen::Map<const Eigen::RowVectorXf> mean(axes.mean.data(), d);
  std::vector<float> out(static_cast<size_t>(rows) * components);
  Eigen::Map<HistoryRowsF> coordinates(out.data(), rows, components);
  for (Eigen::Index begin = 0; begin < rows; begin += kHistoryBlock) {
    const Eigen::Index count = std::min<Eigen::Index>(kHistoryBlock, rows - begin);
    coordinates.middleRows(begin, count).noalias() = (x.middleRows(begin, count).rowwise() - mean) * directions.transpose();
  }
  return out;
}

}  // namespace

EmbeddingHistory::EmbeddingHistory(int32_t rows, int32_t dimension, size_t budgetBytes)
    : rows_(rows),
      dimension_(dimension),
      budgetBytes_(budgetBytes),
      capacity_(capacityOf(frameBytesOf(rows, dimension), budgetBytes)),
      frames_(std::make_shared<const EmbeddingFrames>()) {
  if (rows < 0 || dimension < 0) {
    throw InputError("embedding history", 0, "a non-negative number of rows and columns",
                     std::to_string(rows) + " × " + std::to_string(dimension));
  }
}

void EmbeddingHistory::add(int32_t epoch, std::span<const float> values) {
  // The copy is made before the lock: readers never wait for it.
  add(epoch, std::make_shared<const std::vector<float>>(values.begin(), values.end()));
}

void EmbeddingHistory::add(int32_t epoch, std::shared_ptr<const std::vector<float>> values) {
  const size_t expected = static_cast<size_t>(rows_) * static_cast<size_t>(dimension_);
  if (!values || values->size() != expected) {
    throw InputError("embedding history", 0, std::to_string(expected) + " values per frame",
                     std::to_string(values ? values->size() : 0) + " values");
  }
  std::lock_guard lock(mutex_);
  if (!frames_->empty() && epoch <= frames_->back().epoch) {
    throw InputError("epoch", 0, "an epoch after " + std::to_string(frames_->back().epoch), std::to_string(epoch));
  }
  // A fresh list each time (a few hundred pointers at most): readers holding the old one keep it.
  auto next = std::make_shared<EmbeddingFrames>(*frames_);
  // The previous latest stays only if the stride keeps it on its own merits.
  if (!next->empty() && next->back().sequence % stride_ != 0) next->pop_back();
  next->push_back(EmbeddingFrame{epoch, added_++, std::move(values)});
  if (capacity_ < 2) {
    next->erase(next->begin(), next->end() - 1);
  } else {
    while (next->size() > static_cast<size_t>(capacity_)) {
      stride_ *= 2;
      const int64_t latest = next->back().sequence;
      std::erase_if(*next, [&](const EmbeddingFrame& f) { return f.sequence % stride_ != 0 && f.sequence != latest; });
    }
  }
  frames_ = std::move(next);
}

void EmbeddingHistory::clear() {
  std::lock_guard lock(mutex_);
  frames_ = std::make_shared<const EmbeddingFrames>();
  added_ = 0;
  stride_ = 1;
}

std::shared_ptr<const EmbeddingFrames> EmbeddingHistory::frames() const {
  std::lock_guard lock(mutex_);
  return frames_;
}

EmbeddingFrame EmbeddingHistory::frame(int32_t i) const {
  const auto list = frames();
  if (i < 0 || static_cast<size_t>(i) >= list->size()) {
    throw InputError("frame", 0, "a frame in [0, " + std::to_string(list->size()) + ")", std::to_string(i));
  }
  return (*list)[static_cast<size_t>(i)];
}

int32_t EmbeddingHistory::frameCount() const { return static_cast<int32_t>(frames()->size()); }

std::vector<int32_t> EmbeddingHistory::epochs() const {
  const auto list = frames();
  std::vector<int32_t> out;
  out.reserve(list->size());
  for (const EmbeddingFrame& f : *list) out.push_back(f.epoch);
  return out;
}

size_t EmbeddingHistory::bytes() const { return frames()->size() * frameBytesOf(rows_, dimension_); }

int32_t EmbeddingHistory::stride() const {
  std::lock_guard lock(mutex_);
  return stride_;
}

// --- Replay ------------------------------------------------------------------------------------

ReplayLayout alignedProjection(const EmbeddingFrames& frames, const PcaResult& axes, const ReplayParams& params,
                               const AnalysisProgress& progress) {
  const int32_t k = params.components;
  if (k < 1 || k > axes.components) {
    throw InputError("components", 0, "1 to " + std::to_string(axes.components) + " components of the axes", std::to_string(k));
  }
  ReplayLayout layout;
  layout.components = k;
  if (frames.empty()) return layout;
  const int32_t d = axes.dimension;
  const size_t size = frames.front().values ? frames.front().values->size() : 0;
  if (d <= 0 || size % static_cast<size_t>(d) != 0) {
    throw InputError("frame", 0, "whole rows of the axes' " + std::to_string(d) + " columns", std::to_string(size) + " values");
  }
  for (const EmbeddingFrame& f : frames) {
    if (!f.values || f.values->size() != size) {
      throw InputError("frame", 0, std::to_string(size) + " values like the first frame",
                       "epoch " + std::to_string(f.epoch) + " with " + std::to_string(f.values ? f.values->size() : 0));
    }
  }
  const auto rows = static_cast<int32_t>(size / static_cast<size_t>(d));
  layout.rows = rows;
  const auto count = static_cast<int32_t>(frames.size());
  layout.coordinates.resize(frames.size());
  layout.residuals.assign(frames.size(), 0.0);
  for (const EmbeddingFrame& f : frames) layout.epochs.push_back(f.epoch);

  std::vector<float> neighbourEmbedding;  // the previously handled frame, aligned (alignEmbeddings only)
  for (int32_t step = 0; step < count; ++step) {
    const int32_t i = params.anchorLatest ? count - 1 - step : step;
    const int32_t neighbour = params.anchorLatest ? i + 1 : i - 1;
    std::span<const float> values = *frames[static_cast<size_t>(i)].values;
    std::vector<float> aligned;
    if (params.alignEmbeddings) {
      aligned.assign(values.begin(), values.end());
      if (step > 0) alignTo(aligned, neighbourEmbedding, rows, d, params.alignment);
      values = aligned;
    }
    std::vector<float> coordinates = projectFrame(values, rows, axes, k);
    if (step > 0) {
      layout.residuals[static_cast<size_t>(i)] =
          alignTo(coordinates, layout.coordinates[static_cast<size_t>(neighbour)], rows, k, params.alignment).residual;
    }
    layout.coordinates[static_cast<size_t>(i)] = std::move(coordinates);
    if (params.alignEmbeddings) neighbourEmbedding = std::move(aligned);
    if (!reportProgress(progress, static_cast<double>(step + 1) / count)) {
      ReplayLayout cancelled;
      cancelled.rows = rows;
      cancelled.components = k;
      cancelled.cancelled = true;
      return cancelled;
    }
  }
  return layout;
}

}  // namespace ll
