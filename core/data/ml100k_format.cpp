// MovieLens 100K: u.data (tab: user item rating timestamp), u.item ('|', ISO-8859-1: id, title,
// release date, video date, URL, one 0/1 flag per genre), u.genre (name|index), u.user
// (id|age|gender|occupation|zip), and the official folds u1..u5, ua, ub (.base/.test).
//
// Sections: ratings · genres · catalogue · users · official folds · parseMl100k.

#include <algorithm>
#include <array>

#include "core/data/catalogue.h"
#include "core/data/dataset_assembly.h"
#include "core/data/formats.h"
#include "core/data/input_error.h"
#include "core/data/item_features.h"
#include "core/data/ratings_builder.h"
#include "core/data/text/encoding.h"
#include "core/data/text/fields.h"
#include "core/data/text/line_reader.h"
#include "core/data/text/numbers.h"

namespace ll {
namespace {

const std::vector<std::string> kMl100kGenres = {
    "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime",
    "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery",
    "Romance", "Sci-Fi", "Thriller", "War", "Western"};

constexpr size_t kFixedItemFields = 5;  // id, title, release date, video date, URL

// ---- ratings: u.data and the .test files share the layout -------------------------------------

struct RatingLine {
  std::string_view user, item;
  float value;
  int64_t timestamp;
};

RatingLine parseRatingLine(std::string_view line, const std::string& file, int64_t lineNumber) {
  std::array<std::string_view, 4> fields;
  const size_t count = splitFields(line, '\t', fields);
  if (count != 4) {
    throw InputError(file, lineNumber, "4 tab-separated fields (user item rating timestamp)",
                     fieldCountFound(count, line));
  }
  return {requireId(fields[0], file, lineNumber, "a user id"), requireId(fields[1], file, lineNumber, "an item id"),
          requireInRange(fields[2], 1.0f, 5.0f, file, lineNumber, "rating"),
          requireInteger(fields[3], file, lineNumber, "timestamp")};
}

void readRatings(const FileSource& files, RatingsBuilder& builder) {
  const std::string file = files.displayName("u.data");
  const std::string text = files.read("u.data");
  builder.reserve(countLines(text));
  LineReader lines(text);
  std::string_view line;
  while (lines.next(line)) {
    if (isBlank(line)) continue;
    const RatingLine r = parseRatingLine(line, file, lines.lineNumber());
    builder.add(r.user, r.item, r.value, r.timestamp);
  }
}

// ---- genres -------------------------------------------------------------------------------------

std::vector<std::string> readGenres(const FileSource& files) {
  if (!files.has("u.genre")) return kMl100kGenres;
  const std::string file = files.displayName("u.genre");
  const std::string text = files.read("u.genre");
  LineReader lines(text);
  std::string_view line;
  std::vector<std::string> names;
  while (lines.next(line)) {
    if (isBlank(line)) continue;
    std::array<std::string_view, 2> fields;
    const size_t count = splitFields(line, '|', fields);
    if (count != 2) throw InputError(file, lines.lineNumber(), "2 |-separated fields (name|index)", fieldCountFound(count, line));
    const int64_t index = requireInteger(fields[1], file, lines.lineNumber(), "genre index");
    if (index != static_cast<int64_t>(names.size())) {
      throw InputError(file, lines.lineNumber(), "genre index " + std::to_string(names.size()), quoteInput(fields[1]));
    }
    names.push_back(toUtf8(trim(fields[0])));
  }
  if (names.empty()) throw InputError(file, 0, "at least one genre", "none");
  if (names.size() > 32) throw InputError(file, 0, "at most 32 genres", std::to_string(names.size()) + " genres");
  return names;
}

// ---- catalogue ----------------------------------------------------------------------------------

Catalogue readItems(const FileSource& files, size_t genreCount) {
  Catalogue catalogue;
  if (!files.has("u.item")) return catalogue;
  const std::string file = files.displayName("u.item");
  const std::string text = files.read("u.item");
  const size_t expectedCount = kFixedItemFields + genreCount;
  const std::string expected = std::to_string(expectedCount) + " |-separated fields (id|title|release date|video date|URL|" +
                               std::to_string(genreCount) + " genre flags)";
  std::vector<std::string_view> fields(expectedCount);
  LineReader lines(text);
  std::string_view line;
  while (lines.next(line)) {
    if (isBlank(line)) continue;
    const size_t count = splitFields(line, '|', fields);
    if (count != expectedCount) throw InputError(file, lines.lineNumber(), expected, fieldCountFound(count, line));
    const TitleYear split = splitTitleYear(toUtf8(fields[1]));  // ISO-8859-1 in the real files
    Movie movie;
    movie.title = split.title;
    movie.year = split.year != 0 ? split.year : yearFromReleaseDate(fields[2]);
    for (size_t g = 0; g < genreCount; ++g) {
      const std::string_view flag = trim(fields[kFixedItemFields + g]);
      if (flag != "0" && flag != "1") {
        throw InputError(file, lines.lineNumber(), "a genre flag 0 or 1 in field " + std::to_string(kFixedItemFields + g + 1),
                         quoteInput(flag));
      }
      if (flag == "1") movie.genres |= 1u << g;
    }
    catalogue.add(trim(fields[0]), std::move(movie), file, lines.lineNumber());
  }
  return catalogue;
}

// ---- users --------------------------------------------------------------------------------------

UserDirectory readUsers(const FileSource& files) {
  UserDirectory users;
  if (!files.has("u.user")) return users;
  const std::string file = files.displayName("u.user");
  const std::string text = files.read("u.user");
  LineReader lines(text);
  std::string_view line;
  while (lines.next(line)) {
    if (isBlank(line)) continue;
    std::array<std::string_view, 5> fields;
    const size_t count = splitFields(line, '|', fields);
    if (count != 5) {
      throw InputError(file, lines.lineNumber(), "5 |-separated fields (id|age|gender|occupation|zip)",
                       fieldCountFound(count, line));
    }
    UserInfo info;
    info.age = static_cast<int32_t>(requireInteger(fields[1], file, lines.lineNumber(), "age"));
    const std::string_view gender = trim(fields[2]);
    info.gender = gender == "M" || gender == "F" ? gender[0] : '?';
    info.occupation = toUtf8(trim(fields[3]));
    info.zip = toUtf8(trim(fields[4]));
    users.add(trim(fields[0]), std::move(info), file, lines.lineNumber());
  }
  return users;
}

// ---- official folds -----------------------------------------------------------------------------

// Indices (ascending) of the u.data ratings a .test file lists. Pairs are found through the
// user-major index (ordered by item); when u.data repeats a pair, each test line takes an unused
// copy, preferring one with the same rating and timestamp.
std::vector<uint32_t> readTestFold(const FileSource& files, const std::string& name, const Dataset& dataset,
                                   const DenseIndex& users, const DenseIndex& items) {
  const std::string file = files.displayName(name);
  const std::string text = files.read(name);
  const Ratings& ratings = dataset.ratings;
  std::vector<uint8_t> taken(ratings.size(), 0);
  std::vector<uint32_t> fold;
  LineReader lines(text);
  std::string_view line;
  while (lines.next(line)) {
    if (isBlank(line)) continue;
    const RatingLine r = parseRatingLine(line, file, lines.lineNumber());
    const int32_t u = users.find(r.user);
    const int32_t i = items.find(r.item);
    std::span<const uint32_t> candidates;
    if (u >= 0 && i >= 0) {
      const auto ofUser = ratings.ofUser(u);
      const auto begin = std::lower_bound(ofUser.begin(), ofUser.end(), i,
                                          [&ratings](uint32_t k, int32_t item) { return ratings.item[k] < item; });
      const auto end = std::upper_bound(begin, ofUser.end(), i,
                                        [&ratings](int32_t item, uint32_t k) { return item < ratings.item[k]; });
      candidates = std::span<const uint32_t>(begin, end);
    }
    if (candidates.empty()) {
      throw InputError(file, lines.lineNumber(), "a (user, item) pair rated in u.data",
                       "user " + quoteInput(r.user) + ", item " + quoteInput(r.item));
    }
    uint32_t chosen = candidates.front();
    bool found = false;
    for (const uint32_t k : candidates) {
      const bool same = ratings.value[k] == r.value && (!ratings.hasTimestamps() || ratings.timestamp[k] == r.timestamp);
      if (!taken[k] && same) {
        chosen = k;
        found = true;
        break;
      }
    }
    if (!found) {
      for (const uint32_t k : candidates) {
        if (!taken[k]) {
          chosen = k;
          break;
        }
      }
    }
    taken[chosen] = 1;
    fold.push_back(chosen);
  }
  std::sort(fold.begin(), fold.end());
  fold.erase(std::unique(fold.begin(), fold.end()), fold.end());
  return fold;
}

}  // namespace

Dataset parseMl100k(const FileSource& files, const FeatureOptions& options) {
  Dataset dataset;
  dataset.format = "ml-100k";
  dataset.source = files.path().string();
  dataset.genreNames = readGenres(files);

  RatingsBuilder builder;
  readRatings(files, builder);
  finishRatings(builder, dataset, files.displayName("u.data"));

  readItems(files, dataset.genreNames.size()).attach(dataset);
  const UserDirectory users = readUsers(files);
  if (!users.empty()) users.attach(dataset);
  dataset.features = buildItemFeatures(files, dataset, options);

  const DenseIndex userIndex(dataset.userIds);
  const DenseIndex itemIndex(dataset.itemIds);
  for (const char* fold : {"u1", "u2", "u3", "u4", "u5", "ua", "ub"}) {
    const std::string testFile = std::string(fold) + ".test";
    if (files.has(testFile)) {
      dataset.officialTestSets[fold] = readTestFold(files, testFile, dataset, userIndex, itemIndex);
    }
  }
  return dataset;
}

}  // namespace ll
