// The text formats of factors trained elsewhere, one input through each parser: word2vec text
// (core/exchange/word2vec_text.h), a Spark ALS part's JSON lines and its metadata line
// (core/exchange/spark_als.h). Each refuses with an InputError or gives rows × dim values.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/data/input_error.h"
#include "core/exchange/spark_als.h"
#include "core/exchange/word2vec_text.h"

namespace {

void checkTable(const ll::EmbeddingTable& table) {
  if (table.dim < 0 || table.values.size() != table.ids.size() * static_cast<size_t>(table.dim)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    checkTable(ll::parseWord2VecText(text, "fuzz.txt"));
  } catch (const ll::InputError&) {
  }
  try {
    const ll::SparkFactorPart part = ll::parseSparkFactorLines(text, "fuzz/part-00000.json");
    checkTable(part.table);
    if (!part.biases.empty() && part.biases.size() != part.table.ids.size()) std::abort();
  } catch (const ll::InputError&) {
  }
  try {
    if (ll::parseSparkMetadataRank(text, "fuzz/metadata/part-00000") < 1) std::abort();
  } catch (const ll::InputError&) {
  }
  return 0;
}
