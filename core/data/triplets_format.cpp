// Plain rating triplets: `user item rating [timestamp]` per line, separated by commas (CSV,
// quoting allowed), tabs, or runs of blanks (LIBMF's text format). Ids are any strings; the
// first line is a header when its rating field is not a number. The first data line fixes the
// field count (3 or 4) for the whole file.

#include <algorithm>
#include <array>

#include "core/data/dataset_assembly.h"
#include "core/data/formats.h"
#include "core/data/input_error.h"
#include "core/data/ratings_builder.h"
#include "core/data/text/csv.h"
#include "core/data/text/fields.h"
#include "core/data/text/line_reader.h"
#include "core/data/text/numbers.h"
#include "core/data/triplets_format.h"

namespace ll {
namespace {

enum class Separator { Comma, Tab, Blanks };

const char* separatorWord(Separator separator) {
  switch (separator) {
    case Separator::Comma: return "comma-separated";
    case Separator::Tab: return "tab-separated";
    case Separator::Blanks: return "space-separated";
  }
  return "";
}

Separator detectSeparator(std::string_view text) {
  LineReader lines(text);
  std::string_view line;
  while (lines.next(line)) {
    if (isBlank(line)) continue;
    if (line.find('\t') != std::string_view::npos) return Separator::Tab;
    if (line.find(',') != std::string_view::npos) return Separator::Comma;
    return Separator::Blanks;
  }
  return Separator::Blanks;
}

bool isDocumentation(const std::string& name) {
  const std::string lower = asciiLower(name);
  for (const char* prefix : {"readme", "license", "licence", "checksums"}) {
    if (lower.rfind(prefix, 0) == 0) return true;
  }
  for (const char* suffix : {".md", ".html", ".htm", ".pdf", ".json", ".py", ".sh"}) {
    const std::string_view s = suffix;
    if (lower.size() >= s.size() && lower.compare(lower.size() - s.size(), s.size(), s) == 0) return true;
  }
  return false;
}

// Applies one record (fields already split) to the builder; handles the header and field count.
class TripletSink {
 public:
  TripletSink(RatingsBuilder& builder, std::string file, Separator separator)
      : builder_(builder), file_(std::move(file)), separator_(separator) {}

  void add(std::span<const std::string_view> fields, size_t count, int64_t line, std::string_view raw) {
    if (!headerChecked_) {
      headerChecked_ = true;
      float probe = 0.0f;
      if (count >= 3 && !parseFloat(fields[2], probe)) return;  // a header such as "user,item,rating"
    }
    if (fieldCount_ == 0) {
      if (count != 3 && count != 4) {
        throw InputError(file_, line, std::string("3 or 4 ") + separatorWord(separator_) + " fields (user item rating [timestamp])",
                         fieldCountFound(count, raw));
      }
      fieldCount_ = count;
    }
    if (count != fieldCount_) {
      throw InputError(file_, line,
                       std::to_string(fieldCount_) + " " + separatorWord(separator_) + " fields like the first data line",
                       fieldCountFound(count, raw));
    }
    const std::string_view user = requireId(fields[0], file_, line, "a user id");
    const std::string_view item = requireId(fields[1], file_, line, "an item id");
    const float rating = requireFloat(fields[2], file_, line, "rating");
    if (fieldCount_ == 4) {
      builder_.add(user, item, rating, requireInteger(fields[3], file_, line, "timestamp"));
    } else {
      builder_.add(user, item, rating);
    }
  }

 private:
  RatingsBuilder& builder_;
  std::string file_;
  Separator separator_;
  bool headerChecked_ = false;
  size_t fieldCount_ = 0;  // fixed by the first data line
};

std::string dataFileName(const FileSource& files) {
  const std::vector<std::string> candidates = tripletsCandidates(files);
  if (candidates.size() == 1) return candidates.front();
  throw InputError(files.path().string(), 0, "exactly one ratings file (user item rating [timestamp])",
                   describeFiles(candidates));
}

// The text is read through once, so what lies behind the reader is dropped every kReleaseStep
// bytes: a mapped 20M-rating file (320 MB) never sits whole in the process beside the columns.
constexpr size_t kReleaseStep = size_t{16} << 20;

class ReleaseBehind {
 public:
  explicit ReleaseBehind(FileText& text) : text_(text) {}
  void passed(const char* at) {
    const auto offset = static_cast<size_t>(at - text_.view().data());
    if (offset < next_) return;
    text_.releaseBefore(offset);
    next_ = offset + kReleaseStep;
  }

 private:
  FileText& text_;
  size_t next_ = kReleaseStep;
};

// countLines over the text a step at a time, dropping each step once counted.
size_t countLinesReleasing(FileText& text) {
  const std::string_view whole = text.view();
  ReleaseBehind release(text);
  size_t newlines = 0;
  for (size_t begin = 0; begin < whole.size(); begin += kReleaseStep) {
    const std::string_view step = whole.substr(begin, kReleaseStep);
    newlines += countLines(step) - (step.back() != '\n' ? 1 : 0);
    release.passed(step.data() + step.size());
  }
  return newlines + (!whole.empty() && whole.back() != '\n' ? 1 : 0);
}

// Fills the builder from the file's text; separate so the text is gone before the ratings are
// finished (the two together would set the load's peak memory).
void addTriplets(FileText& source, const std::string& file, RatingsBuilder& builder) {
  builder.reserve(countLinesReleasing(source));
  const std::string_view text = source.view();
  const Separator separator = detectSeparator(text);
  TripletSink sink(builder, file, separator);
  ReleaseBehind release(source);
  std::array<std::string_view, 5> fields;
  if (separator == Separator::Comma) {
    CsvReader csv(text, file);
    while (csv.next()) {
      sink.add(csv.fields(), csv.size(), csv.line(), csv.rawRecord());
      release.passed(csv.rawRecord().data());
    }
  } else {
    LineReader lines(text);
    std::string_view line;
    while (lines.next(line)) {
      release.passed(line.data());
      if (isBlank(line)) continue;
      const size_t count = separator == Separator::Tab ? splitFields(line, '\t', fields) : splitOnBlanks(line, fields);
      sink.add(std::span<const std::string_view>(fields.data(), std::min(count, fields.size())), count,
               lines.lineNumber(), line);
    }
  }
}

}  // namespace

std::vector<std::string> tripletsCandidates(const FileSource& files) {
  std::vector<std::string> candidates;
  for (const auto& name : files.names()) {
    if (files.isSingleFile() || !isDocumentation(name)) candidates.push_back(name);
  }
  return candidates;
}

std::string describeFiles(const std::vector<std::string>& names) {
  if (names.empty()) return "no files";
  std::string out = std::to_string(names.size()) + (names.size() == 1 ? " file" : " files");
  for (size_t k = 0; k < names.size() && k < 5; ++k) out += (k == 0 ? ": " : ", ") + names[k];
  if (names.size() > 5) out += ", ...";
  return out;
}

Dataset parseTriplets(const FileSource& files) {
  const std::string name = dataFileName(files);
  const std::string file = files.displayName(name);

  Dataset dataset;
  dataset.format = "triplets";
  dataset.source = files.path().string();

  RatingsBuilder builder;
  {
    FileText text = files.text(name, MappedFile::Access::Streamed);
    addTriplets(text, file, builder);
  }
  finishRatings(builder, dataset, file);

  dataset.movies.assign(dataset.itemIds.size(), Movie{});
  dataset.features.items = static_cast<int32_t>(dataset.itemIds.size());
  return dataset;
}

}  // namespace ll
