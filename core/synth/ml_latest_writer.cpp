// writeMlLatestFolder: the synthetic world as an ml-latest folder (UTF-8 CSVs with headers and
// RFC-4180 quoting): ratings, movies, a few thousand free-text user tags, links, and the genome.
#include <algorithm>
#include <cstdio>
#include <set>
#include <tuple>

#include "core/synth/synthetic_stages.h"
#include "core/synth/synthetic_writers.h"
#include "core/io/csv_field.h"
#include "core/synth/text_file_writer.h"

namespace ll {
namespace {

std::string genreList(const Dataset& d, uint32_t genres) {
  std::string list;
  for (size_t g = 1; g < d.genreNames.size(); ++g) {  // "unknown" is written as no genres
    if (!((genres >> g) & 1u)) continue;
    if (!list.empty()) list.push_back('|');
    list += d.genreNames[g];
  }
  return list.empty() ? "(no genres listed)" : list;
}

// User tags: mostly tags of the themes a movie has (so tags.csv agrees with the genome), the rest
// free text with commas, quotes and accents; people spell them in varying case.
void writeTags(const SyntheticWorld& world, const std::filesystem::path& dir) {
  const Dataset& d = world.dataset;
  const Ratings& r = d.ratings;
  const SyntheticVocabulary vocabulary = parseVocabulary(embeddedVocabulary());
  Random random = syntheticStream(world.params.seed, SyntheticStream::TagsFile);
  const size_t themes = world.themes.size();
  const auto count = static_cast<size_t>(std::clamp<int64_t>(static_cast<int64_t>(r.size()) / 30, 50, 20000));

  std::set<std::tuple<int32_t, int32_t, std::string>> seen;
  TextFileWriter out(dir, "tags.csv");
  out << "userId,movieId,tag,timestamp\n";
  for (size_t n = 0, attempts = 0; n < count && attempts < 20 * count; ++attempts) {
    const auto k = static_cast<size_t>(random.below(r.size()));
    const int32_t movie = r.item[k];
    std::string tag;
    if (vocabulary.userTags.empty() || random.bernoulli(0.7)) {
      // A theme of this movie, in proportion to its weight, then one of its tags.
      const float* weight = world.themeWeight.data() + static_cast<size_t>(movie) * themes;
      double total = 0;
      for (size_t t = 0; t < themes; ++t) total += weight[t];
      double x = random.uniform() * total;
      size_t theme = world.primaryTheme[movie];
      for (size_t t = 0; t < themes; ++t) {
        if (weight[t] > 0 && x < weight[t]) {
          theme = t;
          break;
        }
        x -= weight[t];
      }
      const auto& tags = world.themes[theme].tags;
      tag = world.tagNames[tags[random.below(tags.size())]];
      if (random.bernoulli(0.15) && tag[0] >= 'a' && tag[0] <= 'z') tag[0] = static_cast<char>(tag[0] - 'a' + 'A');
    } else {
      tag = vocabulary.userTags[random.below(vocabulary.userTags.size())];
    }
    if (!seen.emplace(r.user[k], movie, tag).second) continue;
    out << d.userIds[r.user[k]] << ',' << d.itemIds[movie] << ',' << csvField(tag) << ','
        << (r.timestamp[k] + 1 + static_cast<int64_t>(random.below(600))) << '\n';
    ++n;
  }
  out.commit();
}

void writeLinks(const SyntheticWorld& world, const std::filesystem::path& dir) {
  Random random = syntheticStream(world.params.seed, SyntheticStream::Links);
  TextFileWriter out(dir, "links.csv");
  out << "movieId,imdbId,tmdbId\n";
  for (size_t i = 0; i < world.dataset.itemIds.size(); ++i) {
    // imdbId is a zero-padded 7-digit number in ml-latest; tmdbId is sometimes missing.
    char imdb[16];
    std::snprintf(imdb, sizeof imdb, "%07d", static_cast<int>(100000 + 53 * i + random.below(53)));
    out << world.dataset.itemIds[i] << ',' << std::string_view(imdb) << ',';
    if (!random.bernoulli(0.01)) out << static_cast<int64_t>(1000 + 11 * i + random.below(11));
    out << '\n';
  }
  out.commit();
}

}  // namespace

void writeMlLatestFolder(const SyntheticWorld& world, const std::filesystem::path& dir) {
  const Dataset& d = world.dataset;
  const Ratings& r = d.ratings;
  TextFileWriter ratings(dir, "ratings.csv");
  ratings << "userId,movieId,rating,timestamp\n";
  for (size_t k = 0; k < r.size(); ++k) {
    ratings << d.userIds[r.user[k]] << ',' << d.itemIds[r.item[k]] << ',';
    ratings.fixed(r.value[k], 1) << ',' << r.timestamp[k] << '\n';
  }
  ratings.commit();

  TextFileWriter movies(dir, "movies.csv");
  movies << "movieId,title,genres\n";
  for (size_t i = 0; i < d.movies.size(); ++i) {
    movies << d.itemIds[i] << ',' << csvField(titleWithYear(d.movies[i])) << ',' << genreList(d, d.movies[i].genres) << '\n';
  }
  movies.commit();

  writeTags(world, dir);
  writeLinks(world, dir);
  writeGenomeFiles(world, dir);
}

}  // namespace ll
