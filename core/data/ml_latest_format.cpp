// MovieLens latest / 20M / 25M / 32M: CSV files with a header row. ratings.csv
// (userId,movieId,rating,timestamp; half stars 0.5–5) has 25M+ lines and no quoting, so it is
// parsed on all cores straight from the mapped file (ml_latest_ratings.h); movies.csv
// (movieId,title,genres) has RFC-4180 quoted titles and goes through the CSV reader. tags.csv and
// the genome feed the item features; links.csv is not needed.

#include <algorithm>

#include "core/data/catalogue.h"
#include "core/data/dataset_assembly.h"
#include "core/data/formats.h"
#include "core/data/input_error.h"
#include "core/data/item_features.h"
#include "core/data/ml_latest_ratings.h"
#include "core/data/ratings_builder.h"
#include "core/data/text/csv.h"
#include "core/data/text/encoding.h"
#include "core/data/text/fields.h"
#include "core/data/text/numbers.h"
#include "core/util/thread_pool.h"
#include "core/util/thread_budget.h"

namespace ll {
namespace {

struct MlLatestMovie {
  std::string id;
  TitleYear title;
  uint32_t genreMask;  // bits over `used` (first-seen order), renumbered once the order is final
  int64_t line;
};

Catalogue readMlLatestMovies(const FileSource& files, std::vector<std::string>& genreNames) {
  Catalogue catalogue;
  if (!files.has("movies.csv")) return catalogue;
  const std::string file = files.displayName("movies.csv");
  const std::string text = files.read("movies.csv");
  CsvReader csv(text, file);
  std::vector<MlLatestMovie> listed;
  std::vector<std::string> used;
  bool first = true;
  while (csv.next()) {
    if (first) {
      first = false;
      int64_t probe = 0;
      if (csv.size() >= 1 && !parseInteger(csv[0], probe)) continue;  // "movieId,title,genres"
    }
    if (csv.size() != 3) {
      throw InputError(file, csv.line(), "3 comma-separated fields (movieId,title,genres; quote titles with commas)",
                       fieldCountFound(csv.size(), csv.rawRecord()));
    }
    MlLatestMovie movie{std::string(trim(csv[0])), splitTitleYear(toUtf8(csv[1])), 0, csv.line()};
    std::string_view genres = csv[2];
    while (!genres.empty()) {
      const size_t bar = genres.find('|');
      const std::string name = toUtf8(trim(genres.substr(0, bar)));
      genres = bar == std::string_view::npos ? std::string_view{} : genres.substr(bar + 1);
      if (name.empty() || name == "(no genres listed)") continue;
      auto it = std::find(used.begin(), used.end(), name);
      if (it == used.end()) {
        if (used.size() == 32) {
          throw InputError(file, csv.line(), "at most 32 distinct genres", "a 33rd genre " + quoteInput(name));
        }
        used.push_back(name);
        it = used.end() - 1;
      }
      movie.genreMask |= 1u << (it - used.begin());
    }
    listed.push_back(std::move(movie));
  }
  genreNames = orderGenres(used, file);
  std::vector<uint32_t> bitOfUsed(used.size());
  for (size_t u = 0; u < used.size(); ++u) {
    bitOfUsed[u] = 1u << (std::find(genreNames.begin(), genreNames.end(), used[u]) - genreNames.begin());
  }
  for (auto& movie : listed) {
    Movie entry;
    entry.title = std::move(movie.title.title);
    entry.year = movie.title.year;
    for (size_t u = 0; u < used.size(); ++u) {
      if ((movie.genreMask >> u) & 1u) entry.genres |= bitOfUsed[u];
    }
    catalogue.add(movie.id, std::move(entry), file, movie.line);
  }
  return catalogue;
}

}  // namespace

Dataset parseMlLatest(const FileSource& files, const FeatureOptions& options) {
  Dataset dataset;
  dataset.format = "ml-latest";
  dataset.source = files.path().string();

  const std::string ratingsFile = files.displayName("ratings.csv");
  const FileText ratings = files.text("ratings.csv");
  if (!readMlLatestRatingsInParallel(ratings.view(), ratingsFile, dataset, threadBudget())) {
    RatingsBuilder builder;
    readMlLatestRatings(ratings.view(), ratingsFile, builder);
    finishRatings(builder, dataset, ratingsFile);
  }

  readMlLatestMovies(files, dataset.genreNames).attach(dataset);
  dataset.features = buildItemFeatures(files, dataset, options);
  return dataset;
}

}  // namespace ll
