#pragma once
// Experiment results as JSON: our own format, versioned and checksummed.
//   {"format": "latentlens-experiment", "version": 4, "checksum": "<16 hex digits>",
//    "data", "fold_kind", "feedback", "complete", "ranking_cutoff", "pdc_thresholds",
//    "significance": {"compared_on", "alpha", "bootstrap_resamples", "bootstrap_level",
//                     "bootstrap_seed", "wilcoxon_exact_up_to"},
//    "rows": [{"model", "dim", "folds", "implicit", "mae", "rmse", "mse", "precision@10%",
//              "precision@25%", "validation",
//              "pdc": {"1": M, …}, "hr@10", "ndcg@10", "popularity_hr@10", "popularity_ndcg@10",
//              "params", "sec_per_epoch", "sec_per_epoch_sd", "epochs", "best_on_validation",
//              "best", "p_value", "indistinguishable_from_best", "t_test": T, "wilcoxon": W,
//              "rmse_bootstrap": B, "hr@10_bootstrap": B}],
//    "outcomes": [{"model", "dim", "fold", "split", "implicit", "mae", "rmse", "mse",
//                  "precision@10%", "precision@25%", "validation",
//                  "pdc": {"1": value, …}, "hr@10", …, "params", "sec_per_epoch", "epochs", "stop",
//                  "training", "test_ratings", "train_ratings"}]}
// where M is {"mean", "sd", "n"} or null when no fold measured it, and the @10 keys follow
// ranking_cutoff. Against the best row (experiment_significance.h): T is {"folds",
// "mean_difference", "sd_difference", "test_train_ratio", "t", "df", "p_value"}, W is {"users",
// "zeros", "ranked", "statistic", "z", "exact", "p_value"}, B is {"estimate", "low", "high"}, each
// null when not computed; "p_value" is the deciding one (T's, else W's) and a t of ±∞ is written
// null (its sign is mean_difference's). The rows keep the shape of `cv --json`. The checksum is
// checksumOf (XXH3) of the document without its checksum key, compactly dumped.

#include <string>
#include <string_view>

#include "core/experiment/experiment_results.h"

namespace ll {

inline constexpr std::string_view kExperimentFormat = "latentlens-experiment";
/// 2: the checksum became XXH3 (the CSV form carries no checksum and kept its own version).
/// 3: the significance against the best row and the folds' rating counts; version 2 files still
/// read, without them.
/// 4: the NRP paper's precision of the top 10 % and 25 % (top_percent_precision.h); version 2 and 3
/// files still read, without it.
inline constexpr int kExperimentJsonVersion = 4;
inline constexpr int kOldestReadableExperimentJsonVersion = 2;

/// The document, indented, newline-terminated.
std::string experimentJson(const ExperimentResults& results);

/// Throws InputError (file, line where known, expected, found) when the text is not JSON, is
/// another kind of file or a version outside 2…4, fails its checksum, or lacks a key.
ExperimentResults parseExperimentJson(std::string_view text, const std::string& file);

}  // namespace ll
