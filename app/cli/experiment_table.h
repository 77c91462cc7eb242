#pragma once
// The results table `cv` and `sweep` print on stdout: mean ± sd per (model, z), a * on the z each
// model's validation score chose, each row against the best (bootstrap interval, the corrected
// t-test's and the Wilcoxon test's p-values, ≈ on rows not told apart from it), and under a
// ranking run the popularity baseline.

#include "core/experiment/experiment_results.h"

namespace ll::cli {

void printExperimentTable(const ExperimentResults& results);

}  // namespace ll::cli
