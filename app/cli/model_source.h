#pragma once
// Where an analysis command gets its material: a checkpoint — the trained model, on
// --data when given, else on the data set the checkpoint records — or factors in any format
// core/exchange/factor_tables.h reads, beside --data: a users and movies pair becomes a model like a
// checkpoint's, a single table EmbeddingRows, so neighbours, clusters and project treat them alike.
// Also the small lookups those commands share: raw ids, titles, comma-separated lists.

#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/cli/cli_context.h"
#include "core/data/dataset.h"
#include "core/model/model.h"
#include "core/train/checkpoint.h"

namespace ll::cli {

enum class EmbeddingEntity { Users, Movies };

/// Embedding rows matched to a data set: row r is dense user or item dense[r].
struct EmbeddingRows {
  std::vector<int32_t> dense;  ///< rows
  std::vector<float> values;   ///< rows × dim, row-major
  int32_t dim = 0;

  int32_t rows() const { return static_cast<int32_t>(dense.size()); }
};

struct ModelSourceOptions {
  DataOptions data;
  std::string checkpoint;
  std::string embeddings;
  std::string ids;  ///< --ids: comma-separated ids files of an --embeddings .npy or .npz

  /// Adds --checkpoint, the --data options and, when embeddingsHelp is set, --embeddings and --ids.
  void addTo(CLI::App& command, const char* embeddingsHelp = nullptr);
  /// For manifests: data is the data set used (the checkpoint's own when --data was not given).
  nlohmann::json toJson(const Dataset& data) const;
};

struct ModelSource {
  std::shared_ptr<const Dataset> data;
  std::unique_ptr<Model> model;        ///< with --checkpoint, or --embeddings of a users and movies pair
  std::optional<CheckpointInfo> info;  ///< with --checkpoint
  std::optional<EmbeddingRows> rows;   ///< with --embeddings of one table: the file's rows of `entity`
};

/// Resolves the options of `command` (count() tells whether --data was given). With --embeddings,
/// a users and movies pair becomes a model (core/model/factors_model.h; a note on stderr says
/// how many ids matched); a single table gives the rows of `entity`, joined to the data set by raw
/// id: rows of unknown ids are left out and counted on stderr with up to 3 examples; none known is
/// an InputError. needsModel: a single table is an InputError too (recommend, predict, fold-in).
/// Throws InputError on bad input: neither or both of --checkpoint and --embeddings, a missing or
/// damaged checkpoint, other data.
ModelSource resolveModelSource(const ModelSourceOptions& options, const CLI::App& command, const GlobalOptions& global,
                               EmbeddingEntity entity, bool needsModel = false);

/// The model's user or movie embeddings as rows over every dense user or item. Throws InputError
/// when the model has no movie embeddings (user-bias, linear).
EmbeddingRows modelRows(const Model& model, EmbeddingEntity entity, const std::string& checkpoint);

/// The source's rows of entity: the file's when --embeddings, else the model's.
EmbeddingRows sourceRows(const ModelSource& source, EmbeddingEntity entity, const std::string& checkpoint);

/// "Title (1995)"; "movie <id>" when the catalogue has no title.
std::string movieTitle(const Dataset& data, int32_t item);
/// Dense user of a raw id; throws InputError naming `option` when the data set has no such user.
int32_t findUser(const Dataset& data, const std::string& raw, const std::string& option);
/// "1,2,4" → {1, 2, 4}; each at least `minimum`; throws InputError naming `option`.
std::vector<int32_t> parseIntList(const std::string& text, const std::string& option, int32_t minimum);
/// Floats for JSON: NaN and infinities become null.
nlohmann::json finiteOrNull(double value);

}  // namespace ll::cli
