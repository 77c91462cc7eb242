#include "core/exchange/embeddings_tsv.h"

#include <charconv>
#include <cstdio>
#include <string_view>
#include <unordered_map>

#include "core/data/file_source.h"
#include "core/data/input_error.h"
#include "core/data/text/fields.h"
#include "core/io/atomic_file.h"

namespace ll {

void writeEmbeddingsTsv(const std::filesystem::path& path, const EmbeddingTable& table) {
  std::string text;
  text.reserve(table.ids.size() * (8 + 12 * static_cast<size_t>(table.dim)));
  char number[32];
  for (size_t r = 0; r < table.ids.size(); ++r) {
    text += table.ids[r];
    for (int32_t c = 0; c < table.dim; ++c) {
      const int n = std::snprintf(number, sizeof(number), "\t%.9g", static_cast<double>(table.values[r * table.dim + c]));
      text.append(number, static_cast<size_t>(n));
    }
    text += '\n';
  }
  writeFileAtomically(path, text);
}

EmbeddingTable readEmbeddingsTsv(const std::filesystem::path& path) {
  const std::string expected = "an embeddings file (TSV: id, then the vector)";
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    throw InputError(path.string(), 0, expected, std::filesystem::exists(path, error) ? "a folder or special file" : "no such file");
  }
  // As data files are read: binary content refused on its first chunk, .gz inflated.
  const FileSource source = FileSource::open(path);
  if (!source.isSingleFile()) throw InputError(path.string(), 0, expected, "an archive");
  return parseEmbeddingsTsv(source.read(source.names().front()), path.string());
}

EmbeddingTable parseEmbeddingsTsv(std::string_view text, const std::string& file) {
  EmbeddingTable table;
  std::unordered_map<std::string_view, int64_t> lineOfId;
  table.dim = -1;
  std::string_view rest = text;
  int64_t line = 0;
  while (!rest.empty()) {
    ++line;
    const size_t end = rest.find('\n');
    std::string_view row = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
    if (row.empty()) continue;
    size_t tab = row.find('\t');
    if (tab == std::string_view::npos || tab == 0) {
      throw InputError(file, line, "an id, a tab, then tab-separated numbers", quoteInput(row));
    }
    const std::string_view id = row.substr(0, tab);
    if (const auto [first, added] = lineOfId.emplace(id, line); !added) {
      throw InputError(file, line, "each id once", quoteInput(id) + " again (first on line " + std::to_string(first->second) + ")");
    }
    table.ids.emplace_back(id);
    int32_t width = 0;
    while (tab != std::string_view::npos) {
      const size_t next = row.find('\t', tab + 1);
      const std::string_view field = row.substr(tab + 1, next == std::string_view::npos ? std::string_view::npos : next - tab - 1);
      float value = 0.0f;
      const auto [ptr, error] = std::from_chars(field.data(), field.data() + field.size(), value);
      if (error != std::errc() || ptr != field.data() + field.size()) {
        throw InputError(file, line, "a number in column " + std::to_string(width + 2), quoteInput(field));
      }
      table.values.push_back(value);
      ++width;
      tab = next;
    }
    if (table.dim < 0) table.dim = width;
    if (width != table.dim) {
      throw InputError(file, line, std::to_string(table.dim) + " numbers after the id (as on the first row)",
                       std::to_string(width));
    }
  }
  if (table.ids.empty()) throw InputError(file, 0, "at least one embedding row", "an empty file");
  return table;
}

}  // namespace ll
