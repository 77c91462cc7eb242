// MovieLens 1M: "::"-separated ratings.dat (UserID::MovieID::Rating::Timestamp), movies.dat
// (MovieID::Title::Genres, ISO-8859-1 titles, genres "A|B"), users.dat
// (UserID::Gender::Age::Occupation::Zip-code, occupation as a code), the last two optional.

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

constexpr std::string_view kSeparator = "::";

// The occupation codes of the ML-1M README.
const std::array<const char*, 21> kOccupations = {
    "other",          "academic/educator",   "artist",          "clerical/admin", "college/grad student",
    "customer service", "doctor/health care", "executive/managerial", "farmer",     "homemaker",
    "K-12 student",   "lawyer",              "programmer",      "retired",        "sales/marketing",
    "scientist",      "self-employed",       "technician/engineer", "tradesman/craftsman", "unemployed",
    "writer"};

void readMl1mRatings(const FileSource& files, RatingsBuilder& builder) {
  const std::string file = files.displayName("ratings.dat");
  const std::string text = files.read("ratings.dat");
  builder.reserve(countLines(text));
  LineReader lines(text);
  std::string_view line;
  std::array<std::string_view, 4> fields;
  while (lines.next(line)) {
    if (isBlank(line)) continue;
    const size_t count = splitFields(line, kSeparator, fields);
    if (count != 4) {
      throw InputError(file, lines.lineNumber(), "4 ::-separated fields (UserID::MovieID::Rating::Timestamp)",
                       fieldCountFound(count, line));
    }
    const float rating = requireInRange(fields[2], 1.0f, 5.0f, file, lines.lineNumber(), "rating");
    const int64_t timestamp = requireInteger(fields[3], file, lines.lineNumber(), "timestamp");
    builder.add(requireId(fields[0], file, lines.lineNumber(), "a UserID"),
                requireId(fields[1], file, lines.lineNumber(), "a MovieID"), rating, timestamp);
  }
}

struct Ml1mMovie {
  std::string id;
  TitleYear title;
  std::vector<std::string> genres;
  int64_t line;
};

// Genre bits need the final genre order, which needs every movie: read first, then number.
Catalogue readMl1mMovies(const FileSource& files, std::vector<std::string>& genreNames) {
  Catalogue catalogue;
  if (!files.has("movies.dat")) return catalogue;
  const std::string file = files.displayName("movies.dat");
  const std::string text = files.read("movies.dat");
  std::vector<Ml1mMovie> listed;
  std::vector<std::string> used;
  LineReader lines(text);
  std::string_view line;
  std::array<std::string_view, 3> fields;
  while (lines.next(line)) {
    if (isBlank(line)) continue;
    const size_t count = splitFields(line, kSeparator, fields);
    if (count != 3) {
      throw InputError(file, lines.lineNumber(), "3 ::-separated fields (MovieID::Title::Genres)",
                       fieldCountFound(count, line));
    }
    Ml1mMovie movie{std::string(trim(fields[0])), splitTitleYear(toUtf8(fields[1])), {}, lines.lineNumber()};
    std::array<std::string_view, 32> genres;
    const size_t genreCount = splitFields(fields[2], '|', genres);
    for (size_t g = 0; g < std::min(genreCount, genres.size()); ++g) {
      const std::string name = toUtf8(trim(genres[g]));
      if (name.empty() || name == "(no genres listed)") continue;
      movie.genres.push_back(name);
      if (std::find(used.begin(), used.end(), name) == used.end()) used.push_back(name);
    }
    listed.push_back(std::move(movie));
  }
  genreNames = orderGenres(used, file);
  for (auto& movie : listed) {
    Movie entry;
    entry.title = std::move(movie.title.title);
    entry.year = movie.title.year;
    for (const auto& name : movie.genres) {
      entry.genres |= 1u << (std::find(genreNames.begin(), genreNames.end(), name) - genreNames.begin());
    }
    catalogue.add(movie.id, std::move(entry), file, movie.line);
  }
  return catalogue;
}

UserDirectory readMl1mUsers(const FileSource& files) {
  UserDirectory users;
  if (!files.has("users.dat")) return users;
  const std::string file = files.displayName("users.dat");
  const std::string text = files.read("users.dat");
  LineReader lines(text);
  std::string_view line;
  std::array<std::string_view, 5> fields;
  while (lines.next(line)) {
    if (isBlank(line)) continue;
    const size_t count = splitFields(line, kSeparator, fields);
    if (count != 5) {
      throw InputError(file, lines.lineNumber(), "5 ::-separated fields (UserID::Gender::Age::Occupation::Zip-code)",
                       fieldCountFound(count, line));
    }
    UserInfo info;
    const std::string_view gender = trim(fields[1]);
    info.gender = gender == "M" || gender == "F" ? gender[0] : '?';
    info.age = static_cast<int32_t>(requireInteger(fields[2], file, lines.lineNumber(), "age"));
    const int64_t occupation = requireInteger(fields[3], file, lines.lineNumber(), "occupation code");
    info.occupation = occupation >= 0 && occupation < static_cast<int64_t>(kOccupations.size())
                          ? kOccupations[static_cast<size_t>(occupation)]
                          : std::to_string(occupation);
    info.zip = toUtf8(trim(fields[4]));
    users.add(trim(fields[0]), std::move(info), file, lines.lineNumber());
  }
  return users;
}

}  // namespace

Dataset parseMl1m(const FileSource& files, const FeatureOptions& options) {
  Dataset dataset;
  dataset.format = "ml-1m";
  dataset.source = files.path().string();

  RatingsBuilder builder;
  readMl1mRatings(files, builder);
  finishRatings(builder, dataset, files.displayName("ratings.dat"));

  readMl1mMovies(files, dataset.genreNames).attach(dataset);
  const UserDirectory users = readMl1mUsers(files);
  if (!users.empty()) users.attach(dataset);
  dataset.features = buildItemFeatures(files, dataset, options);
  return dataset;
}

}  // namespace ll
