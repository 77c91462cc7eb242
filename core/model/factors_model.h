#pragma once
// Factors trained elsewhere as a model every analysis takes (recommend, predict, fold-in,
// clusters, the comet): a pair of user and item tables becomes a biased mf,
//   ŷ = μ + b_u + b_i + p_u·q_i,
// with μ = 0 and the biases the format saved (LightFM), else zero — so its predictions are the
// other tool's own: dot products, plus biases where it has them, never clipped to the rating scale. Rows are joined to the data set
// by raw id (factor_join.h); users and movies of the data set without a row get zero vectors and
// biases, and are counted. The model is read-only in spirit: nothing here trains it.

#include <cstdint>
#include <memory>
#include <string>

#include "core/exchange/factor_join.h"
#include "core/exchange/factor_tables.h"
#include "core/model/model.h"

namespace ll {

struct FactorsModelSummary {
  FactorJoin users, items;  ///< how each side's rows met the data set
  bool biases = false;      ///< the format had user and item biases, and they are used
  /// "dot products only" or "dot products plus the user and item biases".
  std::string predictions() const;
};

/// Throws InputError naming `file` when the tables are not a users and items pair of one width, or
/// when no row of a side matches the data set's ids.
std::unique_ptr<Model> modelFromFactors(const FactorTables& factors, std::shared_ptr<const Dataset> data, const std::string& file,
                                        FactorsModelSummary* summary = nullptr);

}  // namespace ll
