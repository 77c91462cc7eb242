#pragma once
// Successive halving (Jamieson & Talwalkar 2016; the rule ASHA, Li et al. 2020, applies
// asynchronously): a bracket of n configurations trains each for r epochs (rung 0); the best 1/η by
// validation score go on to r·η epochs (rung 1), the best 1/η of those to r·η², and so on up to R,
// the longest run. We run it synchronously — one process, the rungs of a bracket in order — which
// on a machine of a few cores wastes nothing ASHA would save, and makes the result a function of
// the seed alone. Brackets repeat with fresh proposals until the budget is spent.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace ll {

struct HalvingParams {
  int32_t maxEpochs = 100;   ///< R: the last rung's epochs (default: 100)
  int32_t reduction = 3;     ///< η: 1/η of a rung goes on to the next, which trains η× longer (default: 3)
  int32_t bracketSize = 27;  ///< n: configurations per bracket; the rungs are 1 + ⌊log_η n⌋ (default: 27)
  int32_t minEpochs = 0;     ///< r: rung 0's epochs; 0 = R / η^(rungs − 1), rounded, at least 1 (default: 0)
};

/// Throws InputError naming the field when a value is out of range (R, r, n ≥ 1; η ≥ 2; r ≤ R).
void checkHalvingParams(const HalvingParams& params);

/// The epochs of each rung, increasing, the last = R: r, r·η, r·η², … below R, then R.
std::vector<int32_t> rungEpochs(const HalvingParams& params);

/// How many configurations reach each rung of a bracket of n (n, then ⌊n/η⌋ at least 1, …).
std::vector<int32_t> rungSizes(int32_t configurations, int32_t reduction, int32_t rungs);

/// Which of a rung's configurations go on: the indices of the best max(1, ⌊n/η⌋) scores, lowest
/// first (lower is better; ties go to the lower index; a configuration without a score — it
/// diverged before its first epoch ended — ranks after every one with a score).
std::vector<size_t> promoted(std::span<const std::optional<double>> scores, int32_t reduction);

}  // namespace ll
