// MovieLens latest / 20M / 25M / 32M: CSV files with a header row. ratings.csv
// (userId,movieId,rating,timestamp; half stars 0.5–5) has 25M+ lines and no quoting, so it is
// split line by line straight from memory; movies.csv (movieId,title,genres) has RFC-4180 quoted
// titles and goes through the CSV reader. tags.csv and the genome feed the item features;
// links.csv is not needed.

#include <algorithm>
#include <array>

#include "core/data/catalogue.h"
#include "core/data/dataset_assembly.h"
#include "core/data/formats.h"
#include "core/data/input_error.h"
#include "core/data/item_features.h"
#include "core/data/ratings_builder.h"
#include "core/data/text/csv.h"
#include "core/data/text/encoding.h"
#include "core/data/text/fields.h"
#include "core/data/text/line_reader.h"
#include "core/data/text/numbers.h"

namespace ll {
namespace {

std::string fieldCountFound(size_t count, std::string_view line) {
  return std::to_string(count) + " field" + (count == 1 ? "" : "s") + " in " + quoteInput(line);
}

void readRatings(const FileSource& files, RatingsBuilder& builder) {
  const std::string file = files.displayName("ratings.csv");
  const std::string text = files.read("ratings.csv");
  builder.reserve(countLines(text));
  LineReader lines(text);
  std::string_view line;
  std::array<std::string_view, 4> fields;
  bool first = true;
  while (lines.next(line)) {
    if (isBlank(line)) continue;
    const size_t count = splitFields(line, ',', fields);
    if (first) {
      first = false;
      float probe = 0.0f;
      if (count >= 3 && !parseFloat(fields[2], probe)) continue;  // "userId,movieId,rating,timestamp"
    }
    if (count != 4) {
      throw InputError(file, lines.lineNumber(), "4 comma-separated fields (userId,movieId,rating,timestamp)",
                       fieldCountFound(count, line));
    }
    const float rating = requireInRange(fields[2], 0.5f, 5.0f, file, lines.lineNumber(), "rating");
    const int64_t timestamp = requireInteger(fields[3], file, lines.lineNumber(), "timestamp");
    builder.add(requireId(fields[0], file, lines.lineNumber(), "a userId"),
                requireId(fields[1], file, lines.lineNumber(), "a movieId"), rating, timestamp);
  }
}

struct ListedMovie {
  std::string id;
  TitleYear title;
  uint32_t genreMask;  // bits over `used` (first-seen order), renumbered once the order is final
  int64_t line;
};

Catalogue readMovies(const FileSource& files, std::vector<std::string>& genreNames) {
  Catalogue catalogue;
  if (!files.has("movies.csv")) return catalogue;
  const std::string file = files.displayName("movies.csv");
  const std::string text = files.read("movies.csv");
  CsvReader csv(text, file);
  std::vector<ListedMovie> listed;
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
    ListedMovie movie{std::string(trim(csv[0])), splitTitleYear(toUtf8(csv[1])), 0, csv.line()};
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

  RatingsBuilder builder;
  readRatings(files, builder);
  finishRatings(builder, dataset, files.displayName("ratings.csv"));

  readMovies(files, dataset.genreNames).attach(dataset);
  dataset.features = buildItemFeatures(files, dataset, options);
  return dataset;
}

}  // namespace ll
