#pragma once
// Each row of an experiment against its best row, with the procedures of core/eval/significance.h:
//   - best: the lowest mean test RMSE when every row rates (explicit feedback); otherwise the
//     highest mean HR@K when every row ranks (implicit runs, leave-last-out); otherwise RMSE among
//     the rows that rate. The best is picked on test ratings after the fact, so its tests are a
//     description of these results, not a model selection (bestOnValidation is that);
//   - the corrected resampled t-test (Nadeau & Bengio 2003) on the fold metrics, paired by fold,
//     with n_test/n_train from the folds' counts — with k-fold, 1/(k−1);
//   - the Wilcoxon signed-rank test on the users' pooled errors, paired by user: per-user test
//     MSE (all of the user's test ratings over the folds), or per-user HR@K for ranking runs;
//   - bootstrap intervals over users of every row's pooled test RMSE and HR@K. The same seed and
//     users draw the same resamples for every row.
// A row's deciding p-value is the t-test's when there are folds, else the Wilcoxon's.

#include "core/experiment/experiment_results.h"

namespace ll {

/// Sets results.comparedOn, results.significance and every row's significance from
/// results.outcomes (fold metrics and counts) and results.users (one per row; rows without get no
/// Wilcoxon test and no intervals). Call after summariseOutcomes. Pure arithmetic: no training.
void compareWithBest(ExperimentResults& results, const SignificanceParams& params = {});

}  // namespace ll
