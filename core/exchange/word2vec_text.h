#pragma once
// word2vec's text format (as word2vec -binary 0 and gensim's save_word2vec_format(binary=False)
// write it): a header line "N D", then N lines "token v1 … vD" separated by single spaces (a
// trailing space, as the original tool leaves, is allowed). Tokens are our raw ids. The binary
// variant is refused as binary content.

#include <filesystem>
#include <string>
#include <string_view>

#include "core/exchange/embeddings_tsv.h"

namespace ll {

/// Throws InputError (file, line, expected, found) on a bad header, a row of another width than
/// D, a token seen before, or a row count other than N.
EmbeddingTable parseWord2VecText(std::string_view text, const std::string& file);
/// Reads path as data files are read (a .gz is inflated, binary content refused) and parses it.
EmbeddingTable readWord2VecText(const std::filesystem::path& path);
/// True when the first line of text is a word2vec header: two positive integers and a space.
bool looksLikeWord2VecHeader(std::string_view firstLine);

/// Written atomically; ids must hold no whitespace (InputError otherwise, naming the id).
void writeWord2VecText(const std::filesystem::path& path, const EmbeddingTable& table);

}  // namespace ll
