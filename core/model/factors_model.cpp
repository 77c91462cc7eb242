#include "core/model/factors_model.h"

#include <algorithm>

#include "core/data/input_error.h"

namespace ll {
namespace {

/// Copies the joined rows of table into block (dense rows), and their biases into biasBlock.
void fill(ParameterBlock& block, ParameterBlock& biasBlock, const EmbeddingTable& table, const FactorJoin& join,
          const std::vector<float>& biases) {
  std::fill(block.value.begin(), block.value.end(), 0.0f);
  std::fill(biasBlock.value.begin(), biasBlock.value.end(), 0.0f);
  for (size_t k = 0; k < join.rows.size(); ++k) {
    const auto row = static_cast<size_t>(join.rows[k]);
    const auto dense = join.dense[k];
    std::copy_n(table.values.begin() + static_cast<std::ptrdiff_t>(row * table.dim), table.dim, block.row(dense));
    if (!biases.empty()) biasBlock.value[static_cast<size_t>(dense)] = biases[row];
  }
}

}  // namespace

std::string FactorsModelSummary::predictions() const {
  return biases ? "dot products plus the user and item biases" : "dot products only";
}

std::unique_ptr<Model> modelFromFactors(const FactorTables& factors, std::shared_ptr<const Dataset> data, const std::string& file,
                                        FactorsModelSummary* summary) {
  if (!factors.users || !factors.items) {
    throw InputError(file, 0, "user and movie factors together (a Spark ALS folder, an implicit or LightFM .npz)",
                     "one table (" + std::string(factorsFormatName(factors.format)) + ")");
  }
  const EmbeddingTable& users = *factors.users;
  const EmbeddingTable& items = *factors.items;
  if (users.dim != items.dim) {
    throw InputError(file, 0, "user and movie factors of one width", std::to_string(users.dim) + " and " + std::to_string(items.dim));
  }
  FactorsModelSummary local;
  FactorsModelSummary& s = summary ? *summary : local;
  s.users = joinFactors(users, data->userIds, data->itemIds);
  s.items = joinFactors(items, data->itemIds, data->userIds);
  if (s.users.rows.empty() || s.items.rows.empty()) {
    throw InputError(file, 0, "user and movie ids of " + data->source + " (" + factors.ids + ")",
                     "none among the " + std::string(s.users.rows.empty() ? "user" : "movie") + " rows");
  }
  s.biases = !factors.userBiases.empty() && !factors.itemBiases.empty();

  ModelConfig config;
  config.kind = ModelKind::MF;
  config.dim = users.dim;
  config.clipPredictions = false;  // the other tool's scores need not be ratings (implicit's are not)
  std::unique_ptr<Model> model = makeModel(config, data, 0.0f);
  model->initialise();
  Parameters& p = model->parameters();
  const std::vector<float> none;
  fill(p[p.find("user_factors")], p[p.find("user_bias")], users, s.users, s.biases ? factors.userBiases : none);
  fill(p[p.find("item_factors")], p[p.find("item_bias")], items, s.items, s.biases ? factors.itemBiases : none);
  p[p.find("global_bias")].value[0] = 0.0f;
  return model;
}

}  // namespace ll
