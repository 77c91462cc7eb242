#pragma once
// Experiment results as JSON: our own format, versioned and checksummed.
//   {"format": "latentlens-experiment", "version": 2, "checksum": "<16 hex digits>",
//    "data", "fold_kind", "feedback", "complete", "ranking_cutoff", "pdc_thresholds",
//    "rows": [{"model", "dim", "folds", "implicit", "mae", "rmse", "mse", "validation",
//              "pdc": {"1": M, …}, "hr@10", "ndcg@10", "popularity_hr@10", "popularity_ndcg@10",
//              "params", "sec_per_epoch", "sec_per_epoch_sd", "epochs", "best_on_validation"}],
//    "outcomes": [{"model", "dim", "fold", "split", "implicit", "mae", "rmse", "mse", "validation",
//                  "pdc": {"1": value, …}, "hr@10", …, "params", "sec_per_epoch", "epochs", "stop"}]}
// where M is {"mean", "sd", "n"} or null when no fold measured it, and the @10 keys follow
// ranking_cutoff. The rows keep the shape of `cv --json`. The checksum is checksumOf (XXH3) of
// the document without its checksum key, compactly dumped.

#include <string>
#include <string_view>

#include "core/experiment/experiment_results.h"

namespace ll {

inline constexpr std::string_view kExperimentFormat = "latentlens-experiment";
/// 2: the checksum became XXH3. (The CSV form carries no checksum and keeps its own version.)
inline constexpr int kExperimentJsonVersion = 2;

/// The document, indented, newline-terminated.
std::string experimentJson(const ExperimentResults& results);

/// Throws InputError (file, line where known, expected, found) when the text is not JSON, is
/// another kind of file or version, fails its checksum, or lacks a key.
ExperimentResults parseExperimentJson(std::string_view text, const std::string& file);

}  // namespace ll
