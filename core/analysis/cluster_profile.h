#pragma once
// What a cluster of users likes (PDC paper §V.E and Table II): for each k-means centroid ē
// of the user embeddings, its size, its bias, its input sensitivities ∂ŷ/∂x (the favourite and
// least-liked movie features by name) and the movies it would rate highest and lowest.
//
//   model       bias                          sensitivities                       movies
//   tensor      a·ē                           w + Tᵀē, exact, item-independent    exact (affine in ē)
//   linear      ē = mean b_u                  w, exact (the same for every cluster) exact
//   fm          mean w_u (ē's last entry)     averaged over the catalogue, approximate  exact (affine in ē)
//   add, mul    mean ŷ(ē) − mean ŷ(population mean)   averaged over the catalogue, approximate  exact (from the blocks)
//   mf          mean b_u (ē's last entry)     none: mf reads no features          exact (affine in ē)
//   user-bias   ē = mean b_u                  none                                exact
// A model not listed has its movies ranked for the cluster member nearest the centroid (a
// stand-in, flagged), and no sensitivities.

#include <cstdint>
#include <string>
#include <vector>

#include "core/analysis/analysis_progress.h"
#include "core/analysis/kmeans.h"
#include "core/model/model.h"

namespace ll {

enum class SensitivityKind {
  Exact,        ///< ∂ŷ/∂x does not depend on the movie and is read from the parameters
  Approximate,  ///< ∂ŷ/∂x depends on the movie: the mean over the catalogue
  None,         ///< the model reads no movie features
};

struct ClusterProfileParams {
  int32_t features = 5;          ///< favourite and least-liked features listed per cluster (default: 5)
  int32_t movies = 3;            ///< highest- and lowest-predicted movies listed per cluster (default: 3)
  int64_t minMovieRatings = 0;   ///< only movies with at least this many ratings are listed (default: 0)
  bool relativeToPopulation = false;  ///< rank features by the change against the sensitivities of the mean user (default: false)
};

struct FeatureValue {
  int32_t feature = -1;  ///< column of Dataset::features
  std::string name;
  float value = 0.0f;
};

struct MovieScore {
  int32_t item = -1;
  float score = 0.0f;  ///< raw prediction for the centroid
};

struct ClusterProfile {
  int32_t cluster = 0;
  int32_t size = 0;
  float bias = 0.0f;
  std::vector<float> sensitivities;     ///< one per feature (empty when SensitivityKind::None)
  std::vector<FeatureValue> favourite;  ///< highest first
  std::vector<FeatureValue> least;      ///< lowest first
  std::vector<MovieScore> top;          ///< highest first
  std::vector<MovieScore> bottom;       ///< lowest first
  int32_t standInUser = -1;             ///< ≥ 0: movies were ranked for this member instead of the centroid
};

struct ClusterProfiles {
  SensitivityKind sensitivity = SensitivityKind::None;
  bool standIn = false;  ///< movies ranked for stand-in members, not the centroids
  std::string note;      ///< one sentence on how bias and sensitivities were obtained, for the UI
  std::vector<ClusterProfile> clusters;
  bool cancelled = false;
};

/// clusters: k-means of model.userEmbeddings() (same rows and dimension).
ClusterProfiles profileClusters(const Model& model, const KMeansResult& clusters, const ClusterProfileParams& params = {},
                                const AnalysisProgress& progress = {});

}  // namespace ll
