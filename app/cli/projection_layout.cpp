#include "app/cli/projection_layout.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "core/analysis/custom_axes.h"
#include "core/analysis/pca.h"
#include "core/data/input_error.h"

namespace ll::cli {
namespace {

// The films a group names, as rows of the embeddings (films without a row are left out).
std::vector<int32_t> groupRows(const Dataset& data, const EmbeddingRows& rows, const std::string& group) {
  const size_t colon = group.find(':');
  const std::string kind = group.substr(0, colon), value = colon == std::string::npos ? "" : group.substr(colon + 1);
  std::vector<int32_t> items;
  if (kind == "genre" && !value.empty()) {
    const std::vector<std::string> genre = {value};
    try {
      items = itemsWithGenres(data, genre);
    } catch (const InputError& error) {
      throw InputError("--axes", 0, error.expected() + " (in " + group + ")", error.found());
    }
  } else if (kind == "film" && !value.empty()) {
    std::vector<std::string> ids;
    for (size_t start = 0; start <= value.size();) {
      const size_t comma = std::min(value.find(',', start), value.size());
      ids.push_back(value.substr(start, comma - start));
      start = comma + 1;
    }
    items = itemsWithIds(data, ids);
  } else {
    throw InputError("--axes", 0, "groups genre:NAME or film:ID[,ID…]", "\"" + group + "\"");
  }
  std::unordered_map<int32_t, int32_t> rowOf;
  for (int32_t r = 0; r < rows.rows(); ++r) rowOf.emplace(rows.dense[static_cast<size_t>(r)], r);
  std::vector<int32_t> found;
  for (const int32_t item : items) {
    if (const auto at = rowOf.find(item); at != rowOf.end()) found.push_back(at->second);
  }
  if (found.empty()) throw InputError("--axes", 0, "films with embeddings in group " + group, "none");
  return found;
}

AxisGroups parseAxis(const Dataset& data, const EmbeddingRows& rows, const std::string& axis) {
  const size_t dots = axis.find("..");
  if (dots == std::string::npos) throw InputError("--axes", 0, "an axis FROM..TO", "\"" + axis + "\"");
  return {groupRows(data, rows, axis.substr(0, dots)), groupRows(data, rows, axis.substr(dots + 2))};
}

AnalysisProgress stage(ProgressLine& progress, const std::string& name) {
  return [&progress, name](double f) {
    progress.update(f, name);
    return true;
  };
}

}  // namespace

ProjectionLayout pcaLayout(const EmbeddingRows& rows, int32_t components, ProgressLine& progress) {
  const PcaResult pca = computePca(rows.values, rows.rows(), rows.dim, {.components = components}, stage(progress, "PCA"));
  ProjectionLayout layout{pca.components, pca.coordinates, {}, {}};
  for (int32_t c = 0; c < pca.components; ++c) layout.columns.push_back("pc" + std::to_string(c + 1));
  layout.summary = {{"method", "pca"},
                    {"components", pca.components},
                    {"explained_variance_ratio", pca.explainedRatio},
                    {"variance", pca.variance},
                    {"total_variance", pca.totalVariance},
                    {"exact", pca.exact}};
  return layout;
}

ProjectionLayout popularityRemovedLayout(const Dataset& data, const EmbeddingRows& rows, int32_t components, ProgressLine& progress) {
  const std::vector<double> all = logRatingCounts(data.ratings);
  std::vector<double> logCounts;
  for (const int32_t item : rows.dense) logCounts.push_back(all[static_cast<size_t>(item)]);
  CovariateRemovalParams params;
  params.pca.components = components;
  const CovariateRemovalResult removed =
      projectOutCovariate(rows.values, rows.rows(), rows.dim, logCounts, params, stage(progress, "PCA without popularity"));
  ProjectionLayout layout{removed.pca.components, removed.pca.coordinates, {}, {}};
  for (int32_t c = 0; c < removed.pca.components; ++c) layout.columns.push_back("pc" + std::to_string(c + 1));
  layout.summary = {{"method", "pca"},
                    {"popularity_removed", true},
                    {"components", removed.pca.components},
                    {"explained_variance_ratio", removed.pca.explainedRatio},
                    {"popularity_correlation", removed.correlation},
                    {"popularity_variance_share", removed.varianceShare},
                    {"popularity_correlation_left", removed.remainingCorrelation},
                    {"first_component_popularity_correlation", removed.firstComponentCorrelation}};
  return layout;
}

ProjectionLayout axesLayout(const Dataset& data, const EmbeddingRows& rows, const std::string& axes, ProgressLine& progress) {
  const size_t semicolon = axes.find(';');
  const std::string firstText = axes.substr(0, semicolon);
  const AxisGroups first = parseAxis(data, rows, firstText);
  std::optional<AxisGroups> second;
  std::string secondText = "pc1 of the rest";
  if (semicolon != std::string::npos) {
    secondText = axes.substr(semicolon + 1);
    second = parseAxis(data, rows, secondText);
  }
  const CustomAxesResult result = customAxes(rows.values, rows.rows(), rows.dim, first, second, {}, stage(progress, "axes"));
  ProjectionLayout layout{2, result.coordinates, {"axis1", "axis2"}, {}};
  layout.summary = {{"method", "axes"},
                    {"axes", {firstText, secondText}},
                    {"group_films", nlohmann::json::array({nlohmann::json::array({first.from.size(), first.to.size()}),
                                                           second ? nlohmann::json::array({second->from.size(), second->to.size()})
                                                                  : nlohmann::json()})},
                    {"separation", result.separation},
                    {"cosine_before_orthogonalising", result.cosineBeforeOrthogonalising},
                    {"first_axis_from", result.firstFrom.first},
                    {"first_axis_to", result.firstTo.first}};
  return layout;
}

ProjectionLayout umapLayout(const EmbeddingRows& rows, const UmapParams& params, ThreadPool& pool, ProgressLine& progress) {
  const UmapResult result = umap(rows.values, rows.rows(), rows.dim, params, &pool, {}, stage(progress, "UMAP"));
  ProjectionLayout layout{result.components, result.coordinates, {}, {}};
  for (int32_t c = 0; c < result.components; ++c) layout.columns.push_back("umap" + std::to_string(c + 1));
  layout.summary = {{"method", "umap"},
                    {"components", result.components},
                    {"neighbours", result.params.neighbours},
                    {"min_dist", result.params.minDist},
                    {"spread", result.params.spread},
                    {"epochs", result.epochsDone},
                    {"metric", result.params.metric == NeighbourMetric::Cosine ? "cosine" : "euclidean"},
                    {"seed", result.params.seed},
                    {"init", result.initUsed == UmapInit::Spectral ? "spectral" : result.initUsed == UmapInit::Pca ? "pca" : "random"},
                    {"exact_neighbours", result.exactNeighbours},
                    {"curve", {{"a", result.curve.a}, {"b", result.curve.b}}}};
  return layout;
}

ProjectionLayout tsneLayout(const EmbeddingRows& rows, const TsneParams& params, ThreadPool& pool, ProgressLine& progress) {
  const TsneResult result = tsne(rows.values, rows.rows(), rows.dim, params, &pool, {}, stage(progress, "t-SNE"));
  ProjectionLayout layout{result.components, result.coordinates, {}, {}};
  for (int32_t c = 0; c < result.components; ++c) layout.columns.push_back("tsne" + std::to_string(c + 1));
  layout.summary = {{"method", "tsne"},
                    {"components", result.components},
                    {"perplexity", result.params.perplexity},
                    {"neighbours", result.neighbours},
                    {"theta", result.params.theta},
                    {"iterations", result.iterationsDone},
                    {"learning_rate", result.params.learningRate},
                    {"metric", result.params.metric == NeighbourMetric::Cosine ? "cosine" : "euclidean"},
                    {"seed", result.params.seed},
                    {"kl_divergence", result.klDivergence},
                    {"kl_exact", result.klExact},
                    {"exact_neighbours", result.exactNeighbours}};
  return layout;
}

}  // namespace ll::cli
