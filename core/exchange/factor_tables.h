#pragma once
// Factors trained elsewhere, whatever the tool: one entry point that detects the format from the
// path and gives the tables it holds.
//   spark-als  a folder with userFactors/ and itemFactors/ (spark_als.h)       users + items (+ biases, ours)
//   implicit   .npz with user_factors, item_factors (implicit's model.save)    users + items
//   lightfm    .npz with user_embeddings, item_embeddings, user_biases,        users + items + biases
//              item_biases (numpy.savez of a LightFM model's attributes)
//   npy        .npy, one matrix                                                one table
//   word2vec   text whose first line is "N D"                                  one table
//   tsv        our embeddings TSV (embeddings_tsv.h)                           one table
// .npy and .npz rows carry no ids: row r takes the r-th line of an ids file (one id per line) when
// one is given or lies beside the file ("X.ids.txt" for X.npy; "X.user_ids.txt" and
// "X.item_ids.txt" for X.npz), else the id "r" (the row number, as implicit's matrices are
// indexed when built straight from integer ids).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/exchange/embeddings_tsv.h"

namespace ll {

enum class FactorsFormat { SparkAls, ImplicitNpz, LightFmNpz, Npy, Word2Vec, EmbeddingsTsv };
enum class FactorSide { Users, Items };

/// "spark-als", "implicit", "lightfm", "npy", "word2vec", "tsv".
std::string_view factorsFormatName(FactorsFormat format);

struct FactorTables {
  FactorsFormat format = FactorsFormat::EmbeddingsTsv;
  std::optional<EmbeddingTable> users;   ///< formats of a pair
  std::optional<EmbeddingTable> items;   ///< formats of a pair
  std::optional<EmbeddingTable> single;  ///< one-table formats: whose rows they are is the caller's to say
  std::vector<float> userBiases;         ///< one per users row; empty when the format has none
  std::vector<float> itemBiases;         ///< one per items row; empty when the format has none
  std::string ids;                       ///< where the ids came from: "in the file", an ids file, "row numbers"

  /// The table of side: users or items for a pair, else the single table; null when absent.
  const EmbeddingTable* table(FactorSide side) const;
  /// The biases of side's rows, or empty.
  const std::vector<float>& biases(FactorSide side) const;
};

struct FactorsReadOptions {
  /// Ids files for the rows of .npy (one file) or .npz (users, then items); empty: look beside
  /// the file, else row numbers. (default: none)
  std::vector<std::filesystem::path> idFiles;
};

/// The format of path, from what is there: a folder with userFactors/ or itemFactors/ (or a
/// metadata/ folder) is Spark, then .npz and .npy by name or magic, a word2vec header, else TSV.
/// The two .npz flavours are told apart by their keys: ImplicitNpz stands for both here.
FactorsFormat detectFactorsFormat(const std::filesystem::path& path);

/// Reads the factors at path; throws InputError (file, line, expected, found) on anything
/// malformed: a damaged row, a width other than the rest, an ids file of another length.
FactorTables readFactors(const std::filesystem::path& path, const FactorsReadOptions& options = {});

/// The user rows as a model's user embedding: the factors, then the user bias as one more
/// coordinate where the format has biases — mf's [p_u; b_u] (model/factors_model.h makes that
/// model) — so PDC of imported users is the PDC of the model they came from. A one-table format's
/// rows as they are. Throws InputError naming file when there are no user rows.
EmbeddingTable userEmbeddingTable(const FactorTables& factors, const std::string& file);

/// One id per line (blank lines at the end ignored); throws InputError when there are not
/// `rows` ids or an id repeats.
std::vector<std::string> readIdsFile(const std::filesystem::path& path, int64_t rows);
/// Row numbers as ids: "0", "1", …
std::vector<std::string> rowNumberIds(int64_t rows);

}  // namespace ll
