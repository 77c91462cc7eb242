#pragma once
// What a cluster of users likes (PDC paper §V.E and Table II): for each k-means centroid ē
// of the user embeddings, its size, its bias, its input sensitivities ∂ŷ/∂x (the favourite and
// least-liked movie features by name) and the movies it would rate highest and lowest.
//
//   model       bias                          sensitivities                       movies
//   tensor      a·ē                           w + Tᵀē, exact, item-independent    exact (affine in ē)
//   linear      ē = mean b_u                  w, exact (the same for every cluster) exact
//   fm          mean w_u (ē's last entry)     averaged over the catalogue, approximate  exact (affine in ē)
//   add, mul    mean ŷ(ē) over the catalogue  averaged over the catalogue, approximate  exact (from the blocks)
//   mf, svdpp   mean b_u (ē's last entry)     estimated (see below)               exact (affine in ē)
//   user-bias   ē = mean b_u                  none: a cluster shifts the bias only exact
//   the others  mean ŷ over the catalogue      estimated                          mean over sampled members
//
// Two views of each cluster. Distinctive (the default): what sets the cluster apart — its
// sensitivities minus those of the mean user ē̄ of the whole population (for tensor fusion exactly
// Tᵀ(ē − ē̄)), its bias minus the mean user's. Absolute: the cluster's own (w + Tᵀē). Without the
// distinctive view every cluster's favourites are dominated by the user-independent part w and
// read alike.
//
// Estimated sensitivities, for models that read no movie features but a data set that has them:
// a ridge regression, over the catalogue's movies, of the cluster's predicted ratings (centred;
// in the distinctive view minus the population's predictions) on the movie features (centred).
// Its coefficients stand for ∂ŷ/∂x and its R² says how much of the cluster's ratings the features
// explain. Models that are not affine in the user vector (gmf, mlp, neumf, deepmf, nrp) cannot be
// asked about a centroid: their cluster's predicted ratings are the mean over up to
// ClusterProfileParams::sampledMembers of its members, spread evenly over them.

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "core/analysis/analysis_progress.h"
#include "core/analysis/kmeans.h"
#include "core/analysis/movie_ranking.h"
#include "core/model/model.h"

namespace ll {

enum class SensitivityKind {
  Exact,        ///< ∂ŷ/∂x does not depend on the movie and is read from the parameters
  Approximate,  ///< ∂ŷ/∂x depends on the movie: the mean over the catalogue
  Estimated,    ///< a ridge regression of the cluster's predicted ratings on the movie features
  None,         ///< no movie features to speak of (none in the data set, or user-bias)
};

struct ClusterProfileParams {
  int32_t features = 5;          ///< favourite and least-liked features listed per cluster (default: 5)
  int32_t movies = 3;            ///< highest- and lowest-predicted movies listed per cluster (default: 3)
  RareMovieRule rare;            ///< minimum ratings and shrinkage of the top and bottom movies (default: RareMovieRule{})
  /// Ridge penalty of estimated sensitivities, relative to the mean variance of a feature over the
  /// catalogue: λ = ridge × trace(XᵀX)/p. On the default world (mf k=16, 20 clusters), the share of
  /// clusters whose top 5 name the theme their users like most beyond the rest is 0.30 / 0.55 /
  /// 0.65 / 0.35 at 0.001 / 0.1 / 1 / 10, chance 0.1–0.25 (default: 1)
  double ridge = 1.0;
  /// Members whose predictions stand for a cluster of a model that is not affine in the user
  /// vector; the population's mean uses 4× as many (default: 32)
  int32_t sampledMembers = 32;
};

struct FeatureValue {
  int32_t feature = -1;  ///< column of Dataset::features
  std::string name;
  float value = 0.0f;
};

struct MovieScore {
  int32_t item = -1;
  float score = 0.0f;  ///< raw prediction for the centroid (or the members' mean)
};

/// One view of a cluster's taste: distinctive (against the population) or absolute.
struct ClusterTaste {
  float bias = 0.0f;
  std::vector<float> sensitivities;     ///< one per feature (empty when SensitivityKind::None)
  std::vector<FeatureValue> favourite;  ///< highest first
  std::vector<FeatureValue> least;      ///< lowest first
  /// Estimated sensitivities: the share of the (centred) predicted ratings' variance the features
  /// explain; NaN otherwise or when the predictions do not vary
  double r2 = std::numeric_limits<double>::quiet_NaN();
};

struct ClusterProfile {
  int32_t cluster = 0;
  int32_t size = 0;
  ClusterTaste distinctive;             ///< against the mean user of the whole population
  ClusterTaste absolute;                ///< the cluster's own
  std::vector<MovieScore> top;          ///< highest first
  std::vector<MovieScore> bottom;       ///< lowest first
  int32_t membersAveraged = 0;          ///< > 0: movies were ranked on the mean prediction of this many members

  const ClusterTaste& taste(bool absoluteView) const { return absoluteView ? absolute : distinctive; }
};

struct ClusterProfiles {
  SensitivityKind sensitivity = SensitivityKind::None;
  bool sampled = false;  ///< the model is not affine in the user vector: clusters are sampled members' means
  std::string note;      ///< one sentence on how bias and sensitivities were obtained, for the UI
  std::vector<ClusterProfile> clusters;
  bool cancelled = false;
};

/// "exact", "approximate", "estimated (regression on predictions)" or "none".
std::string_view sensitivityLabel(SensitivityKind kind);

/// Mean pairwise Jaccard index of the clusters' top-n favourite features in a view: 1 when every
/// cluster lists the same features, 0 when no two share one.
double favouriteOverlap(const ClusterProfiles& profiles, bool absoluteView, int32_t n);

/// clusters: k-means of model.userEmbeddings() (same rows and dimension).
ClusterProfiles profileClusters(const Model& model, const KMeansResult& clusters, const ClusterProfileParams& params = {},
                                const AnalysisProgress& progress = {});

}  // namespace ll
