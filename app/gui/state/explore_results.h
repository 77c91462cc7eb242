#pragma once
// What the Explore layout computes and shows, as plain values: the data set's facts, a snapshot's
// projection and cosine index, the point cloud's options and legend, cluster analyses and
// fold-ins. Produced by ExploreState's background jobs, drawn by ProjectionScene and the panels.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/gui/render/palettes.h"
#include "core/analysis/cluster_profile.h"
#include "core/analysis/cosine_neighbours.h"
#include "core/analysis/kmeans.h"
#include "core/analysis/pca.h"
#include "core/analysis/title_search.h"

namespace ll::gui {

/// Per data set, computed once in the background.
struct CatalogueFacts {
  std::vector<int64_t> itemRatings;  ///< per item
  std::vector<float> itemMeanRating;  ///< per item (0 when unrated)
  std::vector<int64_t> userRatings;  ///< per user
  TitleIndex titles;
};

/// One snapshot's analyses: PCA of the movie and the user embeddings, and the cosine index.
struct ProjectionResult {
  uint64_t version = 0;
  PcaResult movies;  ///< rows 0 when the model has no movie embeddings
  PcaResult users;
  CosineIndex index;
};

enum class PointSet { Movies, Users };
enum class ColourMode { Popularity, Genre, Feature, Cluster, Trust };
/// How the movie embeddings are laid out: PCA (the comet), UMAP, t-SNE, custom axes from one genre
/// to another, or PCA after removing the direction of popularity (layout_state.h).
enum class LayoutMethod { Pca, Umap, Tsne, Axes, PcaWithoutPopularity };

struct ProjectionOptions {
  PointSet points = PointSet::Movies;
  ColourMode colour = ColourMode::Popularity;
  int32_t feature = -1;          ///< ColourMode::Feature: a column of Dataset::features
  LayoutMethod method = LayoutMethod::Pca;  ///< movies only; users are always PCA
  int32_t axes[3] = {0, 1, 2};   ///< principal component on the screen's x, y and (3D) z
  bool threeD = false;
  bool operator==(const ProjectionOptions&) const = default;
};

/// What the projection panel shows beside the cloud.
struct Legend {
  std::string title;
  bool continuous = true;
  LegendRange range;
  std::vector<std::pair<std::string, PackedColour>> entries;  ///< categories, when not continuous
};

struct ClusterAnalysis {
  KMeansResult kmeans;
  std::optional<ClusterProfiles> profiles;  ///< empty when only embeddings were available
  std::vector<float> itemScores;            ///< clusters × items: each centroid's predicted rating (empty without a model affine in e)
  std::string note;                         ///< where the vectors came from, and why no profiles
};

struct FoldInRating {
  int32_t item = -1;
  float rating = 0.0f;
};

struct FoldInResult {
  std::vector<float> user;  ///< the estimated user vector
  std::vector<std::pair<int32_t, float>> top;  ///< (item, predicted rating), best first
  std::string error;
};

}  // namespace ll::gui
