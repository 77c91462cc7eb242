#pragma once
// The Explore view's selection of films: made by a box or lasso on the projection, a shift-click,
// the picked film's neighbours, a title search or a colour category; summarised in the background
// (core/analysis/film_selection.h) for the Selection panel; shown on the cloud by rings, or with
// "isolate" by greying every other point (never hiding it); exported as CSV; handed to Fold-in as
// a new user's liked films. UI thread only; the summary job holds its own copy of the films.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/analysis/film_selection.h"
#include "core/data/dataset.h"
#include "core/util/background_job.h"

namespace ll::gui {

class SelectionState {
 public:
  /// Dense item indices, ascending, each once.
  const std::vector<int32_t>& items() const { return items_; }
  bool empty() const { return items_.empty(); }
  bool contains(int32_t item) const;
  /// Bumps with every change of the films (not of isolate).
  uint64_t version() const { return version_; }

  void replace(std::vector<int32_t> items);
  void add(std::span<const int32_t> items);
  /// Shift-click: in if it was out, out if it was in.
  void toggle(int32_t item);
  void clear();

  bool isolate = false;  ///< grey every film outside the selection
  /// A lasso asked for by a script (--demo select), its vertices as fractions of the projection's
  /// width and height; the projection panel draws it and applies it as if drawn by hand.
  std::vector<std::pair<float, float>> scriptedLasso;

  /// Once per frame: a new data set clears the selection; a changed selection restarts the summary.
  void refresh(const std::shared_ptr<const Dataset>& data);
  /// The summary of the current films, null while it is computed (or for an empty selection).
  const FilmSelectionSummary* summary() const { return summary_ && summaryVersion_ == version_ ? summary_.get() : nullptr; }
  bool summaryRunning() const { return job_ != nullptr; }

  /// id,title,year,genres,ratings,mean_rating — one row per film, most-rated first; written
  /// atomically. Returns an empty string or the error.
  std::string exportCsv(const std::filesystem::path& path) const;

 private:
  void changed();

  std::vector<int32_t> items_;
  uint64_t version_ = 0;
  std::shared_ptr<const Dataset> data_;
  std::shared_ptr<const FilmSelectionSummary> summary_;
  uint64_t summaryVersion_ = 0;
  std::unique_ptr<BackgroundJob<FilmSelectionSummary>> job_;
  uint64_t jobVersion_ = 0;
};

}  // namespace ll::gui
