// Sections: the line grammar · the sequential reader · the parallel reader (chunking, the fast
// line parser, dense ids from lookup tables).

#include "core/data/ml_latest_ratings.h"

#include <fast_float/fast_float.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstring>
#include <exception>
#include <optional>

#include "core/data/dataset_assembly.h"
#include "core/data/input_error.h"
#include "core/data/text/fields.h"
#include "core/data/text/line_reader.h"
#include "core/data/text/numbers.h"
#include "core/util/thread_pool.h"

namespace ll {

// ---- the line grammar ---------------------------------------------------------------------------

bool isMlLatestRatingsHeader(std::string_view line) {
  std::array<std::string_view, 4> fields;
  const size_t count = splitFields(line, ',', fields);
  float probe = 0.0f;
  return count >= 3 && !parseFloat(fields[2], probe);  // "userId,movieId,rating,timestamp"
}

MlLatestRatingLine parseMlLatestRatingLine(std::string_view line, const std::string& file, int64_t lineNumber) {
  std::array<std::string_view, 4> fields;
  const size_t count = splitFields(line, ',', fields);
  if (count != 4) {
    throw InputError(file, lineNumber, "4 comma-separated fields (userId,movieId,rating,timestamp)",
                     fieldCountFound(count, line));
  }
  MlLatestRatingLine parsed;
  parsed.rating = requireInRange(fields[2], 0.5f, 5.0f, file, lineNumber, "rating");
  parsed.timestamp = requireInteger(fields[3], file, lineNumber, "timestamp");
  parsed.user = requireId(fields[0], file, lineNumber, "a userId");
  parsed.item = requireId(fields[1], file, lineNumber, "a movieId");
  return parsed;
}

// ---- the sequential reader ----------------------------------------------------------------------

void readMlLatestRatings(std::string_view text, const std::string& file, RatingsBuilder& builder) {
  builder.reserve(countLines(text));
  LineReader lines(text);
  std::string_view line;
  bool first = true;
  while (lines.next(line)) {
    if (isBlank(line)) continue;
    if (first) {
      first = false;
      if (isMlLatestRatingsHeader(line)) continue;
    }
    const MlLatestRatingLine parsed = parseMlLatestRatingLine(line, file, lines.lineNumber());
    builder.add(parsed.user, parsed.item, parsed.rating, parsed.timestamp);
  }
}

// ---- the parallel reader ------------------------------------------------------------------------

namespace {

constexpr size_t kChunkBytes = size_t{1} << 20;  // ~40k lines: small enough to balance two busy cores
constexpr int64_t kIdTableLimit = int64_t{1} << 24;  // larger ids would need a table over 64 MiB

// The rating columns, filled by chunks at their own offsets. Ids are raw until made dense.
struct Columns {
  std::vector<int32_t> user, item;
  std::vector<float> value;
  std::vector<int64_t> timestamp;

  void resize(size_t n) {
    user.resize(n);
    item.resize(n);
    value.resize(n);
    timestamp.resize(n);
  }
};

struct Chunk {
  size_t begin = 0, end = 0;  // byte range of whole lines
  int64_t lines = 0;          // lines in the range (blank ones included)
  int64_t firstLine = 0;      // 1-based number of its first line
  size_t firstSlot = 0;       // where its ratings go: chunks before it have that many lines
  size_t written = 0;         // ratings it stored (fewer than lines when some are blank)
  int32_t maxUser = -1, maxItem = -1;
  bool unsupportedId = false;          // an id the parallel reader cannot take
  std::optional<InputError> error;     // its first bad line, numbered within the file
};

// An id the lookup tables can take: a canonical decimal below 10^9 ("0", "17"; not "007", "-1").
bool parseTableId(const char*& p, const char* end, int32_t& id) {
  const char* start = p;
  uint32_t value = 0;
  while (p < end && static_cast<unsigned>(*p - '0') < 10u) {
    value = value * 10u + static_cast<uint32_t>(*p - '0');
    ++p;
  }
  const auto digits = p - start;
  if (digits == 0 || digits > 9 || (*start == '0' && digits > 1)) return false;
  id = static_cast<int32_t>(value);
  return true;
}

bool parseTimestamp(const char*& p, const char* end, int64_t& value) {
  const bool negative = p < end && *p == '-';
  if (negative) ++p;
  const char* start = p;
  uint64_t v = 0;  // unsigned: a run of more than 18 digits wraps harmlessly before it is refused
  while (p < end && static_cast<unsigned>(*p - '0') < 10u) {
    v = v * 10u + static_cast<uint64_t>(*p - '0');
    ++p;
  }
  const auto digits = p - start;
  if (digits == 0 || digits > 18) return false;
  const auto magnitude = static_cast<int64_t>(v);
  value = negative ? -magnitude : magnitude;
  return true;
}

// The common line "123,4567,3.5,1112486027" without blanks, quotes or oddities, parsed in place.
// Returns the start of the next line, or nullptr when the line needs the full grammar.
const char* parseFastLine(const char* p, const char* end, int32_t& user, int32_t& item, float& rating, int64_t& timestamp) {
  if (!parseTableId(p, end, user) || p == end || *p++ != ',') return nullptr;
  if (!parseTableId(p, end, item) || p == end || *p++ != ',') return nullptr;
  const auto parsed = fast_float::from_chars(p, end, rating);
  if (parsed.ec != std::errc() || parsed.ptr == p || !(rating >= 0.5f && rating <= 5.0f)) return nullptr;
  p = parsed.ptr;
  if (p == end || *p++ != ',') return nullptr;
  if (!parseTimestamp(p, end, timestamp)) return nullptr;
  if (p == end) return p;
  if (*p == '\n') return p + 1;
  if (*p == '\r' && (p + 1 == end || p[1] == '\n')) return p + 1 == end ? end : p + 2;
  return nullptr;
}

// A line the fast parser refused: the full grammar (which throws for a bad line), then the ids
// must still suit the tables. Returns false for a blank line.
bool parseFullLine(std::string_view line, const std::string& file, int64_t lineNumber, Chunk& chunk, int32_t& user,
                   int32_t& item, float& rating, int64_t& timestamp) {
  if (isBlank(line)) return false;
  const MlLatestRatingLine parsed = parseMlLatestRatingLine(line, file, lineNumber);
  int64_t userId = 0, itemId = 0;
  if (!parseCanonicalId(parsed.user, userId) || !parseCanonicalId(parsed.item, itemId) || userId < 0 ||
      itemId < 0 || userId >= kIdTableLimit || itemId >= kIdTableLimit) {
    chunk.unsupportedId = true;
    return false;
  }
  user = static_cast<int32_t>(userId);
  item = static_cast<int32_t>(itemId);
  rating = parsed.rating;
  timestamp = parsed.timestamp;
  return true;
}

void parseChunk(std::string_view text, const std::string& file, Chunk& chunk, Columns& columns) {
  const char* p = text.data() + chunk.begin;
  const char* const end = text.data() + chunk.end;
  size_t slot = chunk.firstSlot;
  int64_t lineNumber = chunk.firstLine;
  int32_t maxUser = -1, maxItem = -1;
  try {
    for (; p < end; ++lineNumber) {
      int32_t user = 0, item = 0;
      float rating = 0.0f;
      int64_t timestamp = 0;
      const char* next = parseFastLine(p, end, user, item, rating, timestamp);
      bool stored = next != nullptr;
      if (!next) {
        const auto* newline = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
        next = newline ? newline + 1 : end;
        std::string_view line(p, static_cast<size_t>((newline ? newline : end) - p));
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        stored = parseFullLine(line, file, lineNumber, chunk, user, item, rating, timestamp);
        if (chunk.unsupportedId) return;
      }
      p = next;
      if (!stored) continue;
      if (user > maxUser) maxUser = user;
      if (item > maxItem) maxItem = item;
      columns.user[slot] = user;
      columns.item[slot] = item;
      columns.value[slot] = rating;
      columns.timestamp[slot] = timestamp;
      ++slot;
    }
  } catch (const InputError& error) {
    chunk.error = error;
  }
  chunk.written = slot - chunk.firstSlot;
  chunk.maxUser = maxUser;
  chunk.maxItem = maxItem;
}

// Where the data lines start: after a byte order mark, leading blank lines and a header row.
size_t skipPreamble(std::string_view text, int64_t& linesSkipped) {
  LineReader lines(text);
  std::string_view line;
  size_t position = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  linesSkipped = 0;
  while (lines.next(line)) {
    const size_t lineStart = position;
    position = static_cast<size_t>(line.data() - text.data()) + line.size();
    while (position < text.size() && text[position] != '\n') ++position;  // the '\r' LineReader dropped
    if (position < text.size()) ++position;
    if (isBlank(line)) {
      ++linesSkipped;
      continue;
    }
    if (isMlLatestRatingsHeader(line)) {
      ++linesSkipped;
      return position;
    }
    return lineStart;
  }
  return position;
}

std::vector<Chunk> splitIntoChunks(std::string_view text, size_t begin) {
  std::vector<Chunk> chunks;
  while (begin < text.size()) {
    size_t end = std::min(text.size(), begin + kChunkBytes);
    if (end < text.size()) {
      const auto* newline = static_cast<const char*>(std::memchr(text.data() + end, '\n', text.size() - end));
      end = newline ? static_cast<size_t>(newline - text.data()) + 1 : text.size();
    }
    Chunk chunk;
    chunk.begin = begin;
    chunk.end = end;
    chunks.push_back(chunk);
    begin = end;
  }
  return chunks;
}

// Runs body(chunk) for every chunk, each claimed by whichever thread is free, so a thread slowed
// by other work on the machine does not hold the rest back.
template <class Body>
void forEachChunk(ThreadPool& pool, size_t chunkCount, const Body& body) {
  std::atomic<size_t> next{0};
  pool.parallelFor(static_cast<size_t>(pool.threads()), [&](int32_t, size_t, size_t) {
    for (size_t c = next.fetch_add(1, std::memory_order_relaxed); c < chunkCount;
         c = next.fetch_add(1, std::memory_order_relaxed)) {
      body(c);
    }
  });
}

// Dense index per raw id in [0, maxId] (−1 for ids never seen), in numeric order — the order
// IdInterner gives numeric ids — and the raw ids as text in dense order.
std::vector<int32_t> denseIds(const std::vector<int32_t>& raw, int32_t maxId, ThreadPool& pool,
                              std::vector<std::string>& rawInDenseOrder) {
  const auto tableSize = static_cast<size_t>(maxId) + 1;
  const auto parts = static_cast<size_t>(pool.threads());
  std::vector<std::vector<uint8_t>> seen(parts);
  pool.parallelFor(parts, [&](int32_t part, size_t, size_t) {
    std::vector<uint8_t>& mine = seen[static_cast<size_t>(part)];
    mine.assign(tableSize, 0);
    const size_t begin = raw.size() * static_cast<size_t>(part) / parts;
    const size_t end = raw.size() * static_cast<size_t>(part + 1) / parts;
    for (size_t k = begin; k < end; ++k) mine[static_cast<size_t>(raw[k])] = 1;
  });
  std::vector<int32_t> dense(tableSize, -1);
  rawInDenseOrder.clear();
  for (size_t id = 0; id < tableSize; ++id) {
    bool any = false;
    for (const auto& mine : seen) any = any || mine[id] != 0;
    if (!any) continue;
    dense[id] = static_cast<int32_t>(rawInDenseOrder.size());
    rawInDenseOrder.push_back(std::to_string(id));
  }
  return dense;
}

void renumber(std::vector<int32_t>& ids, const std::vector<int32_t>& dense, ThreadPool& pool) {
  pool.parallelFor(ids.size(), [&](int32_t, size_t begin, size_t end) {
    for (size_t k = begin; k < end; ++k) ids[k] = dense[static_cast<size_t>(ids[k])];
  });
}

// Closes the gaps blank lines left between the chunks' ratings.
size_t compact(std::vector<Chunk>& chunks, Columns& columns) {
  size_t to = 0;
  for (const Chunk& chunk : chunks) {
    if (to != chunk.firstSlot) {
      const auto from = static_cast<std::ptrdiff_t>(chunk.firstSlot);
      const auto count = static_cast<std::ptrdiff_t>(chunk.written);
      const auto at = static_cast<std::ptrdiff_t>(to);
      std::copy(columns.user.begin() + from, columns.user.begin() + from + count, columns.user.begin() + at);
      std::copy(columns.item.begin() + from, columns.item.begin() + from + count, columns.item.begin() + at);
      std::copy(columns.value.begin() + from, columns.value.begin() + from + count, columns.value.begin() + at);
      std::copy(columns.timestamp.begin() + from, columns.timestamp.begin() + from + count, columns.timestamp.begin() + at);
    }
    to += chunk.written;
  }
  return to;
}

}  // namespace

bool readMlLatestRatingsInParallel(std::string_view text, const std::string& file, Dataset& dataset, int32_t threads) {
  ThreadPool pool(threads);
  int64_t preambleLines = 0;
  const size_t bodyStart = skipPreamble(text, preambleLines);
  std::vector<Chunk> chunks = splitIntoChunks(text, bodyStart);

  // Pass 1: lines per chunk, so each knows its first line number and where its ratings go.
  forEachChunk(pool, chunks.size(), [&](size_t c) {
    chunks[c].lines = static_cast<int64_t>(countLines(text.substr(chunks[c].begin, chunks[c].end - chunks[c].begin)));
  });
  int64_t line = preambleLines + 1;
  size_t slots = 0;
  for (Chunk& chunk : chunks) {
    chunk.firstLine = line;
    chunk.firstSlot = slots;
    line += chunk.lines;
    slots += static_cast<size_t>(chunk.lines);
  }

  // Pass 2: parse into the columns. The first chunk (in file order) with an unsupported id sends
  // the whole file to the sequential reader; otherwise the first bad line is the error.
  Columns columns;
  columns.resize(slots);
  forEachChunk(pool, chunks.size(), [&](size_t c) { parseChunk(text, file, chunks[c], columns); });
  int32_t maxUser = -1, maxItem = -1;
  for (const Chunk& chunk : chunks) {
    if (chunk.unsupportedId) return false;
    if (chunk.error) throw *chunk.error;
    maxUser = std::max(maxUser, chunk.maxUser);
    maxItem = std::max(maxItem, chunk.maxItem);
  }
  const size_t count = compact(chunks, columns);
  columns.user.resize(count);
  columns.item.resize(count);
  columns.value.resize(count);
  columns.timestamp.resize(count);

  std::vector<std::string> userIds, itemIds;
  renumber(columns.user, denseIds(columns.user, maxUser, pool, userIds), pool);
  renumber(columns.item, denseIds(columns.item, maxItem, pool, itemIds), pool);
  Ratings& ratings = dataset.ratings;
  ratings = Ratings{};
  ratings.user = std::move(columns.user);
  ratings.item = std::move(columns.item);
  ratings.value = std::move(columns.value);
  ratings.timestamp = std::move(columns.timestamp);
  ratings.userCount = static_cast<int32_t>(userIds.size());
  ratings.itemCount = static_cast<int32_t>(itemIds.size());
  dataset.userIds = std::move(userIds);
  dataset.itemIds = std::move(itemIds);
  observeRatingScale(dataset, file);
  return true;
}

}  // namespace ll
