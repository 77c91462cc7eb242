// The tag genome: genome-tags.csv names the tags, genome-scores.csv gives a relevance in [0, 1]
// for (movie, tag) pairs. In ML-25M that is 15M score lines, so scores are read line by line from
// the text in memory, with the tag column found by binary search and the movie cached per run of
// lines (the file is grouped by movie).

#include <algorithm>

#include "core/data/input_error.h"
#include "core/data/item_features.h"
#include "core/data/text/csv.h"
#include "core/data/text/encoding.h"
#include "core/data/text/fields.h"
#include "core/data/text/line_reader.h"
#include "core/data/text/numbers.h"

namespace ll {
namespace {

struct GenomeTag {
  int64_t id;
  std::string name;
  int64_t line;
};

std::vector<GenomeTag> readGenomeTags(const FileSource& files) {
  const std::string file = files.displayName("genome-tags.csv");
  const std::string text = files.read("genome-tags.csv");
  CsvReader csv(text, file);
  std::vector<GenomeTag> tags;
  bool first = true;
  while (csv.next()) {
    int64_t id = 0;
    if (first && (csv.size() < 1 || !parseInteger(csv[0], id))) {
      first = false;
      continue;  // the header "tagId,tag"
    }
    first = false;
    if (csv.size() != 2) {
      throw InputError(file, csv.line(), "2 comma-separated fields (tagId,tag)",
                       std::to_string(csv.size()) + " fields in " + quoteInput(csv.rawRecord()));
    }
    id = requireInteger(csv[0], file, csv.line(), "tagId");
    tags.push_back({id, toUtf8(trim(csv[1])), csv.line()});
  }
  std::stable_sort(tags.begin(), tags.end(), [](const GenomeTag& a, const GenomeTag& b) { return a.id < b.id; });
  for (size_t k = 1; k < tags.size(); ++k) {
    if (tags[k].id == tags[k - 1].id) {
      throw InputError(file, tags[k].line, "each tagId listed once",
                       "tagId " + std::to_string(tags[k].id) + " again (also on line " +
                           std::to_string(tags[k - 1].line) + ")");
    }
  }
  if (tags.empty()) throw InputError(file, 0, "at least one genome tag", "none");
  return tags;
}

}  // namespace

FeatureBlock readTagGenome(const FileSource& files, const DenseIndex& items, int32_t itemCount) {
  const std::vector<GenomeTag> tags = readGenomeTags(files);
  std::vector<int64_t> tagIds;
  FeatureBlock block;
  for (const auto& tag : tags) {
    tagIds.push_back(tag.id);
    block.names.push_back(tag.name);
  }
  const size_t columns = tags.size();
  block.values.assign(static_cast<size_t>(itemCount) * columns, 0.0f);
  std::vector<uint8_t> covered(static_cast<size_t>(itemCount), 0);

  const std::string file = files.displayName("genome-scores.csv");
  const std::string text = files.read("genome-scores.csv");
  LineReader lines(text);
  std::string_view line;
  std::string_view fields[3];
  std::string_view lastMovie;
  int32_t lastItem = -1;
  bool first = true;
  while (lines.next(line)) {
    if (isBlank(line)) continue;
    const size_t count = splitFields(line, ',', fields);
    if (first) {
      first = false;
      float probe = 0.0f;
      if (count == 3 && !parseFloat(fields[2], probe)) continue;  // the header "movieId,tagId,relevance"
    }
    if (count != 3) {
      throw InputError(file, lines.lineNumber(), "3 comma-separated fields (movieId,tagId,relevance)",
                       std::to_string(count) + " fields in " + quoteInput(line));
    }
    const int64_t tagId = requireInteger(fields[1], file, lines.lineNumber(), "tagId");
    const float relevance = requireInRange(fields[2], 0.0f, 1.0f, file, lines.lineNumber(), "relevance");
    const auto it = std::lower_bound(tagIds.begin(), tagIds.end(), tagId);
    if (it == tagIds.end() || *it != tagId) {
      throw InputError(file, lines.lineNumber(), "a tagId listed in genome-tags.csv", quoteInput(fields[1]));
    }
    if (fields[0] != lastMovie) {
      lastMovie = fields[0];
      lastItem = items.find(trim(fields[0]));
    }
    if (lastItem < 0) continue;  // a movie nobody rated
    const auto column = static_cast<size_t>(it - tagIds.begin());
    block.values[static_cast<size_t>(lastItem) * columns + column] = relevance;
    covered[static_cast<size_t>(lastItem)] = 1;
  }
  block.coveredItems = static_cast<int32_t>(std::count(covered.begin(), covered.end(), uint8_t{1}));
  return block;
}

}  // namespace ll
