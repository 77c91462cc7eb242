#pragma once
// Experiment results as CSV, one row per (model, z), for spreadsheets and plotting scripts:
//   # latentlens-experiment,3,<data>,<folds>,<feedback>,<complete>,<compared_on>,<alpha>
//   model,dim,folds,implicit,mae,mae_sd,rmse,rmse_sd,mse,mse_sd,
//   precision@10%,precision@10%_sd,precision@25%,precision@25%_sd,validation,validation_sd,
//   pdc@1,pdc@1_sd,…,hr@10,hr@10_sd,ndcg@10,ndcg@10_sd,popularity_hr@10,…,params,
//   sec_per_epoch,sec_per_epoch_sd,epochs,epochs_sd,best_on_validation,
//   best,p_value,indistinguishable_from_best,
//   t_test_folds,t_test_mean_difference,t_test_sd_difference,t_test_test_train_ratio,t_test_t,t_test_df,t_test_p_value,
//   wilcoxon_users,wilcoxon_zeros,wilcoxon_ranked,wilcoxon_statistic,wilcoxon_z,wilcoxon_exact,wilcoxon_p_value,
//   rmse_bootstrap,rmse_bootstrap_low,rmse_bootstrap_high,hr@10_bootstrap,hr@10_bootstrap_low,hr@10_bootstrap_high
// The first line is the format and version. An empty cell is a metric no fold measured, or a test
// or interval not computed (experiment_significance.h, whose fields the columns are; p_value is
// the deciding test's and indistinguishable_from_best compares it with alpha, both written for
// spreadsheets and not read back). Numbers are written in their shortest exact form, so a file
// reads back to the same values. The per-fold outcomes are in the JSON only. Version 2 files
// (without the precision columns) and version 1 files (without the significance either) still
// read. (pandas: read_csv(path, comment="#").)

#include <string>
#include <string_view>

#include "core/experiment/experiment_results.h"

namespace ll {

/// The version in the CSV's first line. Separate from the JSON's: the CSV has no checksum, so the
/// JSON's move to XXH3 (its version 2) left the CSV unchanged; 2 added the significance, 3 the
/// precision of the top 10 % and 25 % (the JSON's version 4).
inline constexpr int kExperimentCsvVersion = 3;

std::string experimentCsv(const ExperimentResults& results);

/// Throws InputError naming the file, the line, what was expected and what was found: another
/// kind of file, a version other than 1 to 3, a missing or unknown column, a malformed value.
ExperimentResults parseExperimentCsv(std::string_view text, const std::string& file);

}  // namespace ll
