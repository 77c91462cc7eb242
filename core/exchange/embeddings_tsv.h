#pragma once
// Embedding files: TSV without a header, one row per entity: its raw id, then the vector.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace ll {

struct EmbeddingTable {
  std::vector<std::string> ids;  ///< raw ids, one per row
  std::vector<float> values;     ///< rows × dim, row-major
  int32_t dim = 0;
};

/// Written atomically; values with 7 significant digits (float round trip within 1e-6 relative).
void writeEmbeddingsTsv(const std::filesystem::path& path, const EmbeddingTable& table);
/// Throws InputError (file, line, expected, found) on a malformed row, a row of another width, an
/// id seen before, or binary content (refused on its first chunk; a .gz file is inflated).
EmbeddingTable readEmbeddingsTsv(const std::filesystem::path& path);
/// The same from the file's text; file names it in errors.
EmbeddingTable parseEmbeddingsTsv(std::string_view text, const std::string& file);

}  // namespace ll
