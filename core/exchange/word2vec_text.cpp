#include "core/exchange/word2vec_text.h"

#include <charconv>
#include <cstdio>
#include <unordered_map>

#include "core/data/file_source.h"
#include "core/data/input_error.h"
#include "core/data/text/fields.h"
#include "core/io/atomic_file.h"

namespace ll {
namespace {

bool parseCount(std::string_view field, int64_t& value) {
  const auto [ptr, error] = std::from_chars(field.data(), field.data() + field.size(), value);
  return error == std::errc() && ptr == field.data() + field.size() && value > 0;
}

bool isWord2VecSpace(char c) { return c == ' ' || c == '\t'; }

}  // namespace

bool looksLikeWord2VecHeader(std::string_view firstLine) {
  if (!firstLine.empty() && firstLine.back() == '\r') firstLine.remove_suffix(1);
  while (!firstLine.empty() && firstLine.back() == ' ') firstLine.remove_suffix(1);
  const size_t space = firstLine.find(' ');
  if (space == std::string_view::npos) return false;
  int64_t rows = 0, dim = 0;
  return parseCount(firstLine.substr(0, space), rows) && parseCount(firstLine.substr(space + 1), dim);
}

EmbeddingTable parseWord2VecText(std::string_view text, const std::string& file) {
  const std::string expectedHeader = "a word2vec header \"N D\" (rows, dimension)";
  size_t end = text.find('\n');
  std::string_view header = text.substr(0, end);
  if (!header.empty() && header.back() == '\r') header.remove_suffix(1);
  if (!looksLikeWord2VecHeader(header)) throw InputError(file, 1, expectedHeader, quoteInput(header));
  while (header.back() == ' ') header.remove_suffix(1);
  int64_t rows = 0, dim = 0;
  const size_t space = header.find(' ');
  parseCount(header.substr(0, space), rows);
  parseCount(header.substr(space + 1), dim);
  if (dim > (int64_t{1} << 20)) throw InputError(file, 1, "a dimension of at most 1048576", std::to_string(dim));

  EmbeddingTable table;
  table.dim = static_cast<int32_t>(dim);
  std::unordered_map<std::string_view, int64_t> lineOfId;
  std::string_view rest = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
  int64_t line = 1;
  while (!rest.empty()) {
    ++line;
    end = rest.find('\n');
    std::string_view row = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
    while (!row.empty() && isWord2VecSpace(row.back())) row.remove_suffix(1);
    if (row.empty()) continue;
    if (static_cast<int64_t>(table.ids.size()) == rows) {
      throw InputError(file, line, std::to_string(rows) + " rows (as the header says)", "another row: " + quoteInput(row));
    }
    size_t at = row.find(' ');
    if (at == 0 || at == std::string_view::npos) throw InputError(file, line, "a token, then " + std::to_string(dim) + " numbers", quoteInput(row));
    const std::string_view id = row.substr(0, at);
    if (const auto [first, added] = lineOfId.emplace(id, line); !added) {
      throw InputError(file, line, "each token once", quoteInput(id) + " again (first on line " + std::to_string(first->second) + ")");
    }
    table.ids.emplace_back(id);
    int64_t width = 0;
    while (at != std::string_view::npos) {
      const size_t next = row.find(' ', at + 1);
      const std::string_view field = row.substr(at + 1, next == std::string_view::npos ? std::string_view::npos : next - at - 1);
      at = next;
      float value = 0.0f;
      const auto [ptr, error] = std::from_chars(field.data(), field.data() + field.size(), value);
      if (error != std::errc() || ptr != field.data() + field.size()) {
        throw InputError(file, line, "a number in column " + std::to_string(width + 2), quoteInput(field));
      }
      if (++width > dim) break;
      table.values.push_back(value);
    }
    if (width != dim) {
      throw InputError(file, line, std::to_string(dim) + " numbers after the token (the header's dimension)",
                       width > dim ? "more" : std::to_string(width));
    }
  }
  if (static_cast<int64_t>(table.ids.size()) != rows) {
    throw InputError(file, line, std::to_string(rows) + " rows (as the header says)", std::to_string(table.ids.size()));
  }
  return table;
}

EmbeddingTable readWord2VecText(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) throw InputError(path.string(), 0, "a word2vec text file", "no such file");
  const FileSource source = FileSource::open(path);
  return parseWord2VecText(source.read(source.names().front()), path.string());
}

void writeWord2VecText(const std::filesystem::path& path, const EmbeddingTable& table) {
  std::string text = std::to_string(table.ids.size()) + " " + std::to_string(table.dim) + "\n";
  text.reserve(table.ids.size() * (8 + 12 * static_cast<size_t>(table.dim)));
  char number[32];
  for (size_t r = 0; r < table.ids.size(); ++r) {
    const std::string& id = table.ids[r];
    if (id.empty() || id.find_first_of(" \t\r\n") != std::string::npos) {
      throw InputError(path.string(), static_cast<int64_t>(r) + 2, "ids without whitespace (word2vec tokens)", quoteInput(id));
    }
    text += id;
    for (int32_t c = 0; c < table.dim; ++c) {
      const int n = std::snprintf(number, sizeof(number), " %.9g", static_cast<double>(table.values[r * static_cast<size_t>(table.dim) + c]));
      text.append(number, static_cast<size_t>(n));
    }
    text += '\n';
  }
  writeFileAtomically(path, text);
}

}  // namespace ll
