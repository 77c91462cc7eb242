#pragma once
// The layouts `project` computes from movie embeddings, one function per method, each giving the
// same shape: coordinates, column names and a JSON description of what was done.
//   pca                 principal components (core/analysis/pca.h)
//   pca, popularity out the same after removing the direction most correlated with log rating count
//   axes                a direction from one group of films to another, and a second one likewise or
//                       the principal component of the rest (core/analysis/custom_axes.h)
//   umap                McInnes et al.'s layout (core/analysis/umap.h)
//   tsne                Barnes-Hut t-SNE (core/analysis/tsne.h)
// A group is "genre:NAME" (films carrying the genre) or "film:ID[,ID…]" (raw ids); an axis is
// "GROUP..GROUP".

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/cli/model_source.h"
#include "app/cli/progress_line.h"
#include "core/analysis/tsne.h"
#include "core/analysis/umap.h"

namespace ll::cli {

struct ProjectionLayout {
  int32_t components = 0;
  std::vector<float> coordinates;    ///< rows × components, row-major, rows as EmbeddingRows
  std::vector<std::string> columns;  ///< one CSV column name per component
  nlohmann::json summary;            ///< method, parameters and method-specific figures
};

ProjectionLayout pcaLayout(const EmbeddingRows& rows, int32_t components, ProgressLine& progress);
ProjectionLayout popularityRemovedLayout(const Dataset& data, const EmbeddingRows& rows, int32_t components, ProgressLine& progress);
/// axes: "A..B" or "A..B;C..D"; throws InputError("--axes", …) naming a malformed or empty group.
ProjectionLayout axesLayout(const Dataset& data, const EmbeddingRows& rows, const std::string& axes, ProgressLine& progress);
ProjectionLayout umapLayout(const EmbeddingRows& rows, const UmapParams& params, ThreadPool& pool, ProgressLine& progress);
ProjectionLayout tsneLayout(const EmbeddingRows& rows, const TsneParams& params, ThreadPool& pool, ProgressLine& progress);

}  // namespace ll::cli
