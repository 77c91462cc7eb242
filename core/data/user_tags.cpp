// User tags as features when there is no tag genome: tags.csv lines are (user, movie, free text),
// the text full of commas, quotes and non-ASCII characters, so it is read with the CSV reader.

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/data/input_error.h"
#include "core/data/item_features.h"
#include "core/data/text/csv.h"
#include "core/data/text/encoding.h"
#include "core/data/text/fields.h"
#include "core/data/text/numbers.h"

namespace ll {
namespace {

struct TagStats {
  std::string key;                          // trimmed, ASCII case folded
  std::map<std::string, int64_t> spellings;  // trimmed text as written → uses
  int32_t distinctMovies = 0;
};

std::string mostCommonSpelling(const TagStats& tag) {
  // std::map iterates in text order, so ties go to the smallest spelling.
  const auto best = std::max_element(tag.spellings.begin(), tag.spellings.end(),
                                     [](const auto& a, const auto& b) { return a.second < b.second; });
  return best->first;
}

}  // namespace

FeatureBlock readUserTags(const FileSource& files, const DenseIndex& items, int32_t itemCount, int32_t maxTags) {
  const std::string file = files.displayName("tags.csv");
  const std::string text = files.read("tags.csv");
  CsvReader csv(text, file);

  std::vector<TagStats> tags;
  std::unordered_map<std::string, int32_t> tagByKey;
  // (item << 32 | tag) → times the tag was applied to the item.
  std::unordered_map<uint64_t, int32_t> applications;
  bool first = true;
  while (csv.next()) {
    if (first) {
      first = false;
      int64_t probe = 0;
      if (csv.size() >= 2 && !parseInteger(csv[1], probe)) continue;  // "userId,movieId,tag,timestamp"
    }
    if (csv.size() != 4) {
      throw InputError(file, csv.line(), "4 comma-separated fields (userId,movieId,tag,timestamp)",
                       std::to_string(csv.size()) + " fields in " + quoteInput(csv.rawRecord()));
    }
    const int32_t item = items.find(trim(csv[1]));
    if (item < 0) continue;  // tags of movies nobody rated are not features of anything
    const std::string spelling = toUtf8(trim(csv[2]));
    if (spelling.empty()) continue;
    std::string key = asciiLower(spelling);
    auto [found, inserted] = tagByKey.try_emplace(key, static_cast<int32_t>(tags.size()));
    if (inserted) tags.push_back({std::move(key), {}, 0});
    TagStats& tag = tags[static_cast<size_t>(found->second)];
    ++tag.spellings[spelling];
    const uint64_t pair = (static_cast<uint64_t>(item) << 32) | static_cast<uint32_t>(found->second);
    if (++applications[pair] == 1) ++tag.distinctMovies;
  }

  std::vector<int32_t> order(tags.size());
  for (size_t t = 0; t < order.size(); ++t) order[t] = static_cast<int32_t>(t);
  std::sort(order.begin(), order.end(), [&tags](int32_t a, int32_t b) {
    const TagStats& x = tags[static_cast<size_t>(a)];
    const TagStats& y = tags[static_cast<size_t>(b)];
    return x.distinctMovies != y.distinctMovies ? x.distinctMovies > y.distinctMovies : x.key < y.key;
  });
  if (order.size() > static_cast<size_t>(maxTags)) order.resize(static_cast<size_t>(maxTags));

  FeatureBlock block;
  std::vector<int32_t> columnOfTag(tags.size(), -1);
  for (size_t c = 0; c < order.size(); ++c) {
    columnOfTag[static_cast<size_t>(order[c])] = static_cast<int32_t>(c);
    block.names.push_back(mostCommonSpelling(tags[static_cast<size_t>(order[c])]));
  }
  const size_t columns = order.size();
  block.values.assign(static_cast<size_t>(itemCount) * columns, 0.0f);

  // Normalise by the movie's most applied tag, selected or not, so a value says how central the
  // tag is to that movie.
  std::vector<int32_t> largest(static_cast<size_t>(itemCount), 0);
  for (const auto& [pair, count] : applications) {
    int32_t& m = largest[static_cast<size_t>(pair >> 32)];
    m = std::max(m, count);
  }
  std::vector<uint8_t> covered(static_cast<size_t>(itemCount), 0);
  for (const auto& [pair, count] : applications) {
    const auto item = static_cast<size_t>(pair >> 32);
    const int32_t column = columnOfTag[static_cast<size_t>(pair & 0xffffffffu)];
    if (column < 0) continue;
    block.values[item * columns + static_cast<size_t>(column)] = static_cast<float>(count) / largest[item];
    covered[item] = 1;
  }
  block.coveredItems = static_cast<int32_t>(std::count(covered.begin(), covered.end(), uint8_t{1}));
  return block;
}

}  // namespace ll
