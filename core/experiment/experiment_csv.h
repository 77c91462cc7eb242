#pragma once
// Experiment results as CSV, one row per (model, z), for spreadsheets and plotting scripts:
//   # latentlens-experiment,1,<data>,<folds>,<feedback>,<complete>     (format and version line)
//   model,dim,folds,implicit,mae,mae_sd,rmse,rmse_sd,mse,mse_sd,validation,validation_sd,
//   pdc@1,pdc@1_sd,…,hr@10,hr@10_sd,ndcg@10,ndcg@10_sd,popularity_hr@10,…,params,
//   sec_per_epoch,sec_per_epoch_sd,epochs,epochs_sd,best_on_validation
// An empty cell is a metric no fold measured. Numbers are written in their shortest exact form,
// so a file reads back to the same values. The per-fold outcomes are in the JSON only.
// (pandas: read_csv(path, comment="#").)

#include <string>
#include <string_view>

#include "core/experiment/experiment_results.h"

namespace ll {

/// The version in the CSV's first line. Separate from the JSON's: the CSV has no checksum, so the
/// JSON's move to XXH3 (its version 2) left the CSV unchanged.
inline constexpr int kExperimentCsvVersion = 1;

std::string experimentCsv(const ExperimentResults& results);

/// Throws InputError naming the file, the line, what was expected and what was found: another
/// kind of file, another version, a missing or unknown column, a malformed value.
ExperimentResults parseExperimentCsv(std::string_view text, const std::string& file);

}  // namespace ll
