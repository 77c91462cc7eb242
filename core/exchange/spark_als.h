#pragma once
// Spark MLlib's ALS model folder (ALSModel.save / ALSModelWriter):
//   metadata/part-00000      one JSON line: class, uid, paramMap, …, and "rank" at the top level
//   userFactors/ itemFactors/ DataFrames of (id: int, features: array<float>); Spark writes them as
//                            Parquet, which has no C++ reader here: saved with .write.json they are
//                            JSON lines {"id": 1, "features": [0.1, …]} over part-*.json files
//                            (also .json.gz), beside _SUCCESS and hidden .crc files.
// A Parquet folder is refused with one line saying how to write JSON instead (README, "Factors
// trained elsewhere"). metadata/ is optional; when present its rank must match every row.
// Our extension: a row may carry "bias": number — on every row of a side or on none. Spark never
// writes it and ignores it when reading (select("id", "features")); we write it for models with
// biases so that their factors come back here whole (predictions and user embeddings included).

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/exchange/embeddings_tsv.h"

namespace ll {

struct SparkAlsModel {
  EmbeddingTable users;
  EmbeddingTable items;
  std::vector<float> userBiases;  ///< one per users row when the rows carry "bias", else empty
  std::vector<float> itemBiases;  ///< one per items row when the rows carry "bias", else empty
  std::optional<int32_t> rank;    ///< metadata's, when the folder has metadata/ (the writer: users.dim)
};

/// The rows of one part file.
struct SparkFactorPart {
  EmbeddingTable table;
  std::vector<float> biases;  ///< one per row when the rows carry "bias", else empty
};

/// The JSON lines of one part file; file names it in errors. Throws InputError (file, line, …)
/// on a line that is not {"id": integer or string, "features": [numbers]} (with or without a
/// numeric "bias", but alike on every line) or whose width differs from the first line's. An empty
/// part gives an empty table (dim 0).
SparkFactorPart parseSparkFactorLines(std::string_view text, const std::string& file);
/// The rank in a metadata/part-00000 line; throws InputError when it is not JSON with a positive "rank".
int32_t parseSparkMetadataRank(std::string_view text, const std::string& file);
/// Reads the folder (see above); throws InputError on a missing side, Parquet parts, a damaged
/// line, a width other than the rank or another part's, or an id twice.
SparkAlsModel readSparkAlsModel(const std::filesystem::path& folder);
/// True when folder looks like an ALS model folder: userFactors/ and itemFactors/ inside.
bool isSparkAlsFolder(const std::filesystem::path& folder);

/// Writes model's users and items (of one dimension), with "bias" on the rows of a side whose
/// biases are given, as a folder Spark reads back with spark.read.json(folder + "/userFactors") —
/// and, with metadata/, the layout above. Each file is written atomically; each side's _SUCCESS
/// last. Ids that are integers are written as numbers (ALS needs int ids), others as strings.
void writeSparkAlsModel(const std::filesystem::path& folder, const SparkAlsModel& model);

}  // namespace ll
