#pragma once
// Factor rows joined to a data set's entities by raw id. Ids the data set does not have are
// counted, with a few examples, not refused: a model trained on more data than the copy at hand
// still opens. The front ends say how many were left out.

#include <cstdint>
#include <string>
#include <vector>

#include "core/exchange/embeddings_tsv.h"

namespace ll {

struct FactorJoin {
  std::vector<int32_t> rows;                 ///< table rows whose id is known, in table order
  std::vector<int32_t> dense;                ///< the dense index of each, row for row
  int64_t unknown = 0;                       ///< rows whose id the data set does not have
  std::vector<std::string> unknownExamples;  ///< the first few of those ids (at most maxExamples)
  int64_t ofOtherSide = 0;                   ///< unknown ids that are ids of the other side (users for movies…)
  int64_t entities = 0;                      ///< how many entities the data set has on this side
};

/// ids: the data set's raw ids of the table's side (dense order); otherIds: the other side's.
FactorJoin joinFactors(const EmbeddingTable& table, const std::vector<std::string>& ids, const std::vector<std::string>& otherIds,
                       int32_t maxExamples = 3);

/// The joined rows' values, rows × dim, row-major in join order.
std::vector<float> joinedValues(const EmbeddingTable& table, const FactorJoin& join);

}  // namespace ll
