#include "core/data/side_information.h"

#include <algorithm>
#include <stdexcept>

#include "core/data/title_words.h"
#include "core/data/user_words.h"

namespace ll {
namespace {

// The tag columns of the item features (after the genre one-hots), by how the features got them.
enum class TagColumns { None, Genome, UserTags };

TagColumns tagColumnsOf(const ItemFeatures& features) {
  if (features.count <= features.genreCount) return TagColumns::None;
  if (features.source == "genres+genome") return TagColumns::Genome;
  if (features.source == "genres+tags") return TagColumns::UserTags;
  return TagColumns::None;
}

void addTagWords(BagOfWordsBuilder& bag, const Dataset& dataset, const SideInformationParams& params) {
  const ItemFeatures& f = dataset.features;
  const TagColumns kind = tagColumnsOf(f);
  if (kind == TagColumns::None) return;
  bag.beginSource("tag");
  const int32_t items = std::min(dataset.ratings.itemCount, f.items);
  std::vector<int32_t> candidates;
  for (int32_t i = 0; i < items; ++i) {
    const float* row = f.row(i);
    candidates.clear();
    for (int32_t c = f.genreCount; c < f.count; ++c) {
      if (row[c] > 0.0f) candidates.push_back(c);
    }
    if (kind == TagColumns::Genome && candidates.size() > static_cast<size_t>(params.genomeTagsPerMovie)) {
      const auto keep = candidates.begin() + params.genomeTagsPerMovie;
      std::partial_sort(candidates.begin(), keep, candidates.end(),
                        [row](int32_t a, int32_t b) { return row[a] != row[b] ? row[a] > row[b] : a < b; });
      candidates.erase(keep, candidates.end());
    }
    for (const int32_t c : candidates) bag.add(i, f.names[static_cast<size_t>(c)], c);
  }
}

}  // namespace

BagOfWords buildUserWords(const Dataset& dataset) {
  const int32_t userCount = dataset.ratings.userCount;
  BagOfWordsBuilder bag(userCount);
  const int32_t known = std::min(userCount, static_cast<int32_t>(dataset.users.size()));
  const auto eachUser = [&dataset, known](auto&& addWords) {
    for (int32_t u = 0; u < known; ++u) addWords(u, dataset.users[static_cast<size_t>(u)]);
  };
  bag.beginSource("age");
  eachUser([&bag](int32_t u, const UserInfo& info) {
    if (const int32_t group = ageGroupIndex(info.age); group >= 0) bag.add(u, ageGroup(info.age), group);
  });
  bag.beginSource("gender");
  eachUser([&bag](int32_t u, const UserInfo& info) {
    if (info.gender == 'F' || info.gender == 'M') bag.add(u, std::string(1, info.gender));
  });
  bag.beginSource("occupation");
  eachUser([&bag](int32_t u, const UserInfo& info) {
    if (!info.occupation.empty()) bag.add(u, info.occupation);
  });
  bag.beginSource("zip");
  eachUser([&bag](int32_t u, const UserInfo& info) {
    if (const ZipWords zip = zipWords(info.zip); !zip.region.empty()) bag.add(u, zip.region);
  });
  bag.beginSource("zip3");
  eachUser([&bag](int32_t u, const UserInfo& info) {
    if (const ZipWords zip = zipWords(info.zip); !zip.area.empty()) bag.add(u, zip.area);
  });
  return bag.finish();
}

BagOfWords buildMovieWords(const Dataset& dataset, const SideInformationParams& params) {
  if (params.genomeTagsPerMovie < 0) {
    throw std::invalid_argument("side information: genomeTagsPerMovie must be 0 or more (" +
                                std::to_string(params.genomeTagsPerMovie) + ")");
  }
  const int32_t itemCount = dataset.ratings.itemCount;
  BagOfWordsBuilder bag(itemCount);
  const int32_t listed = std::min(itemCount, static_cast<int32_t>(dataset.movies.size()));
  bag.beginSource("title");
  for (int32_t i = 0; i < listed; ++i) {
    for (const std::string& word : titleWords(dataset.movies[static_cast<size_t>(i)].title)) bag.add(i, word);
  }
  bag.beginSource("year");
  for (int32_t i = 0; i < listed; ++i) {
    const int32_t year = dataset.movies[static_cast<size_t>(i)].year;
    if (year > 0) bag.add(i, std::to_string(year), year);
  }
  bag.beginSource("genre");
  const auto genres = static_cast<int32_t>(std::min<size_t>(dataset.genreNames.size(), 32));
  for (int32_t i = 0; i < listed; ++i) {
    const uint32_t bits = dataset.movies[static_cast<size_t>(i)].genres;
    for (int32_t g = 0; g < genres; ++g) {
      if ((bits >> g) & 1u) bag.add(i, dataset.genreNames[static_cast<size_t>(g)], g);
    }
  }
  addTagWords(bag, dataset, params);
  return bag.finish();
}

SideInformation buildSideInformation(const Dataset& dataset, const SideInformationParams& params) {
  SideInformation side;
  side.users = buildUserWords(dataset);
  side.movies = buildMovieWords(dataset, params);
  return side;
}

}  // namespace ll
