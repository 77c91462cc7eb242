#pragma once
// The dot-product-learning experiment's results on disk (dot_product_learning.h):
//   results.json  {"format": "latentlens-dot-product-learning", "version": 1, "checksum",
//                  "complete", "seconds", "params": {"dims", "users", "width_factors", "repeats",
//                  "label_sd", "trivial_rmse", "pairs_per_user", "test_fraction", "epochs",
//                  "batch_size", "learning_rate", "threads", "seed"},
//                  "points": [{"d", "h", "users", "items", "train", "test", "fresh", "params",
//                              "repeats", "seconds", "mlp_test_rmse", "dot_test_rmse",
//                              "mlp_fresh_rmse", "dot_fresh_rmse", "trivial_test_rmse",
//                              "test_error", "fresh_error"}]}
//                 where each RMSE or error is {"mean", "sd", "n"} (null when nothing measured it);
//                 the checksum is json_checksum.h's.
//   results.csv   one line per point, the errors' mean and sd and the RMSEs' means.
// Both written atomically (io/atomic_file.h).

#include <filesystem>
#include <string>
#include <string_view>

#include "core/experiment/dot_product_learning.h"

namespace ll {

inline constexpr std::string_view kDotProductLearningFormat = "latentlens-dot-product-learning";
inline constexpr int kDotProductLearningVersion = 1;

std::string dotProductLearningJson(const DotProductLearningResults& results);
std::string dotProductLearningCsv(const DotProductLearningResults& results);

/// Throws InputError (file, line, expected, found) for text that is not JSON, another format or
/// version, a failed checksum or a missing key.
DotProductLearningResults parseDotProductLearningJson(std::string_view text, const std::string& file);

/// Writes results.json and results.csv into dir (created when missing). Throws std::runtime_error
/// naming a path that cannot be written.
void saveDotProductLearning(const DotProductLearningResults& results, const std::filesystem::path& dir);

/// Whether a results.json's text is of this experiment (not a grid's), by its format key.
bool isDotProductLearningJson(std::string_view text);

}  // namespace ll
