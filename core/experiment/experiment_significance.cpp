#include "core/experiment/experiment_significance.h"

#include <cmath>
#include <map>

namespace ll {
namespace {

enum class Basis { None, Rmse, HitRate };

Basis chooseBasis(const std::vector<ResultRow>& rows) {
  bool allRate = !rows.empty(), allRank = !rows.empty(), anyRate = false, anyRank = false;
  for (const ResultRow& r : rows) {
    allRate = allRate && r.rmse.defined();
    allRank = allRank && r.hitRate.defined();
    anyRate = anyRate || r.rmse.defined();
    anyRank = anyRank || r.hitRate.defined();
  }
  if (allRate) return Basis::Rmse;
  if (allRank) return Basis::HitRate;
  if (anyRate) return Basis::Rmse;
  return anyRank ? Basis::HitRate : Basis::None;
}

const MeanSd& rowMetric(const ResultRow& row, Basis basis) { return basis == Basis::Rmse ? row.rmse : row.hitRate; }
const std::optional<double>& foldMetric(const FoldOutcome& outcome, Basis basis) {
  return basis == Basis::Rmse ? outcome.rmse : outcome.hitRate;
}

/// The row's outcomes by fold.
std::map<int32_t, const FoldOutcome*> foldsOf(const std::vector<FoldOutcome>& outcomes, const ResultRow& row) {
  std::map<int32_t, const FoldOutcome*> folds;
  for (const FoldOutcome& o : outcomes) {
    if (o.model == row.model && o.dim == row.dim) folds[o.fold] = &o;
  }
  return folds;
}

std::optional<CorrectedTTest> foldTest(const std::map<int32_t, const FoldOutcome*>& row,
                                       const std::map<int32_t, const FoldOutcome*>& best, Basis basis) {
  std::vector<double> differences;
  double ratios = 0.0;
  for (const auto& [fold, outcome] : row) {
    const auto other = best.find(fold);
    if (other == best.end()) continue;
    const std::optional<double>& a = foldMetric(*outcome, basis);
    const std::optional<double>& b = foldMetric(*other->second, basis);
    if (!a || !b) continue;
    if (outcome->trainRatings <= 0) return std::nullopt;  // counts unknown: no variance correction to apply
    differences.push_back(*a - *b);
    ratios += static_cast<double>(outcome->testRatings) / static_cast<double>(outcome->trainRatings);
  }
  if (differences.empty()) return std::nullopt;
  return correctedPairedTTest(differences, ratios / static_cast<double>(differences.size()));
}

/// The per-user sums and counts of the basis.
std::pair<const std::vector<double>*, const std::vector<int32_t>*> userData(const UserTestErrors& users, Basis basis) {
  if (basis == Basis::Rmse) return {&users.squaredError, &users.ratings};
  return {&users.hits, &users.heldOut};
}

std::optional<SignedRankTest> userTest(const UserTestErrors& row, const UserTestErrors& best, Basis basis,
                                       const WilcoxonParams& params) {
  const auto [rowSums, rowCounts] = userData(row, basis);
  const auto [bestSums, bestCounts] = userData(best, basis);
  if (rowSums->empty() || rowSums->size() != bestSums->size()) return std::nullopt;
  std::vector<double> differences;
  for (size_t u = 0; u < rowSums->size(); ++u) {
    const int32_t n = (*rowCounts)[u], m = (*bestCounts)[u];
    if (n > 0 && m > 0) differences.push_back((*rowSums)[u] / n - (*bestSums)[u] / m);
  }
  if (differences.empty()) return std::nullopt;
  return wilcoxonSignedRank(differences, params);
}

std::optional<BootstrapInterval> userInterval(const std::vector<double>& sums, const std::vector<int32_t>& counts,
                                              const BootstrapParams& params, bool squareRoot) {
  if (sums.empty()) return std::nullopt;
  const std::vector<double> denominators(counts.begin(), counts.end());
  std::optional<BootstrapInterval> interval = bootstrapRatioInterval(sums, denominators, params);
  if (interval && squareRoot) {  // order statistics: the root of the MSE interval is the RMSE interval
    interval->estimate = std::sqrt(interval->estimate);
    interval->low = std::sqrt(interval->low);
    interval->high = std::sqrt(interval->high);
  }
  return interval;
}

}  // namespace

void compareWithBest(ExperimentResults& results, const SignificanceParams& params) {
  results.significance = params;
  results.comparedOn.clear();
  for (ResultRow& row : results.rows) row.significance = {};
  const bool haveUsers = results.users.size() == results.rows.size();
  if (haveUsers) {
    for (size_t k = 0; k < results.rows.size(); ++k) {
      const UserTestErrors& users = results.users[k];
      RowSignificance& s = results.rows[k].significance;
      s.rmse = userInterval(users.squaredError, users.ratings, params.bootstrap, true);
      s.hitRate = userInterval(users.hits, users.heldOut, params.bootstrap, false);
    }
  }
  const Basis basis = chooseBasis(results.rows);
  if (basis == Basis::None) return;
  results.comparedOn = basis == Basis::Rmse ? "rmse" : "hr@" + std::to_string(results.rankingCutoff);

  std::optional<size_t> best;
  for (size_t k = 0; k < results.rows.size(); ++k) {
    const MeanSd& value = rowMetric(results.rows[k], basis);
    if (!value.defined()) continue;
    const double bestValue = best ? rowMetric(results.rows[*best], basis).mean : 0.0;
    if (!best || (basis == Basis::Rmse ? value.mean < bestValue : value.mean > bestValue)) best = k;
  }
  const ResultRow& bestRow = results.rows[*best];
  results.rows[*best].significance.best = true;
  const auto bestFolds = foldsOf(results.outcomes, bestRow);
  for (size_t k = 0; k < results.rows.size(); ++k) {
    ResultRow& row = results.rows[k];
    if (k == *best || !rowMetric(row, basis).defined()) continue;
    row.significance.tTest = foldTest(foldsOf(results.outcomes, row), bestFolds, basis);
    // Per-user errors pair only when both rows pooled the same test ratings: the same folds.
    if (haveUsers && row.folds == bestRow.folds) {
      row.significance.wilcoxon = userTest(results.users[k], results.users[*best], basis, params.wilcoxon);
    }
  }
}

}  // namespace ll
