#include "app/gui/state/selection_state.h"

#include <algorithm>
#include <cstdio>

#include "app/gui/widgets/movie_text.h"
#include "core/io/atomic_file.h"
#include "core/io/csv_field.h"

namespace ll::gui {

bool SelectionState::contains(int32_t item) const { return std::binary_search(items_.begin(), items_.end(), item); }

void SelectionState::changed() { ++version_; }

void SelectionState::replace(std::vector<int32_t> items) {
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  if (items == items_) return;
  items_ = std::move(items);
  changed();
}

void SelectionState::add(std::span<const int32_t> items) {
  std::vector<int32_t> merged = items_;
  merged.insert(merged.end(), items.begin(), items.end());
  replace(std::move(merged));
}

void SelectionState::toggle(int32_t item) {
  const auto at = std::lower_bound(items_.begin(), items_.end(), item);
  if (at != items_.end() && *at == item) {
    items_.erase(at);
  } else {
    items_.insert(at, item);
  }
  changed();
}

void SelectionState::clear() {
  if (items_.empty()) return;
  items_.clear();
  changed();
}

void SelectionState::refresh(const std::shared_ptr<const Dataset>& data) {
  if (data != data_) {
    data_ = data;
    job_.reset();
    summary_.reset();
    clear();
  }
  if (job_ && job_->state() != JobState::Running) {
    if (auto result = job_->result()) {
      summary_ = std::move(result);
      summaryVersion_ = jobVersion_;
    }
    job_.reset();
  }
  const bool stale = !summary_ || summaryVersion_ != version_;
  if (data_ && !items_.empty() && stale && (!job_ || jobVersion_ != version_)) {
    job_.reset();  // an older selection's summary: cancelled and joined (it checks no progress, but is short)
    jobVersion_ = version_;
    job_ = std::make_unique<BackgroundJob<FilmSelectionSummary>>(
        [data = data_, items = items_](const JobProgress&) { return summariseFilms(*data, items); });
  }
}

std::string SelectionState::exportCsv(const std::filesystem::path& path) const {
  if (!data_ || items_.empty()) return "select films first";
  std::vector<int32_t> order = items_;
  std::stable_sort(order.begin(), order.end(),
                   [&](int32_t a, int32_t b) { return data_->ratings.itemRatingCount(a) > data_->ratings.itemRatingCount(b); });
  std::string csv = "id,title,year,genres,ratings,mean_rating\n";
  for (const int32_t item : order) {
    const auto i = static_cast<size_t>(item);
    const Movie movie = i < data_->movies.size() ? data_->movies[i] : Movie{};
    double sum = 0.0;
    const auto ratings = data_->ratings.ofItem(item);
    for (const uint32_t k : ratings) sum += data_->ratings.value[k];
    char numbers[64];
    std::snprintf(numbers, sizeof numbers, ",%zu,%.3f\n", ratings.size(), ratings.empty() ? 0.0 : sum / static_cast<double>(ratings.size()));
    csv += csvField(data_->itemIds[i]) + "," + csvField(movie.title) + "," + (movie.year > 0 ? std::to_string(movie.year) : "") + "," +
           csvField(genreNames(*data_, movie.genres)) + numbers;
  }
  try {
    writeFileAtomically(path, csv);
  } catch (const std::exception& error) {
    return error.what();
  }
  return {};
}

}  // namespace ll::gui
