#include "core/exchange/factor_join.h"

#include <algorithm>

#include "core/data/catalogue.h"

namespace ll {

FactorJoin joinFactors(const EmbeddingTable& table, const std::vector<std::string>& ids, const std::vector<std::string>& otherIds,
                       int32_t maxExamples) {
  const DenseIndex index(ids);
  const DenseIndex other(otherIds);
  FactorJoin join;
  join.entities = static_cast<int64_t>(ids.size());
  join.rows.reserve(table.ids.size());
  join.dense.reserve(table.ids.size());
  for (size_t r = 0; r < table.ids.size(); ++r) {
    const int32_t dense = index.find(table.ids[r]);
    if (dense >= 0) {
      join.rows.push_back(static_cast<int32_t>(r));
      join.dense.push_back(dense);
      continue;
    }
    ++join.unknown;
    if (other.find(table.ids[r]) >= 0) ++join.ofOtherSide;
    if (static_cast<int32_t>(join.unknownExamples.size()) < maxExamples) join.unknownExamples.push_back(table.ids[r]);
  }
  return join;
}

std::vector<float> joinedValues(const EmbeddingTable& table, const FactorJoin& join) {
  const auto dim = static_cast<size_t>(table.dim);
  std::vector<float> values(join.rows.size() * dim);
  for (size_t k = 0; k < join.rows.size(); ++k) {
    std::copy_n(table.values.begin() + static_cast<std::ptrdiff_t>(static_cast<size_t>(join.rows[k]) * dim), dim,
                values.begin() + static_cast<std::ptrdiff_t>(k * dim));
  }
  return values;
}

}  // namespace ll
