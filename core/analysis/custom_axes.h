#pragma once
// Axes a user chooses instead of principal components, for the Explore view.
//
// Sections:
//   Groups            rows named by genre or by item id
//   Custom axes       "from group A to group B" (TensorBoard projector's custom projection), the
//                     second axis likewise or the top principal component of what the first leaves
//   Project out       the direction most correlated with a per-row covariate (popularity:
//                     log(1 + rating count)) removed from every row, then PCA of the rest

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/analysis/analysis_progress.h"
#include "core/analysis/pca.h"

namespace ll {

struct Dataset;
struct Ratings;

// --- Groups ------------------------------------------------------------------------------------

/// The items (dense indices, ascending) whose movie has any of the genres (every one of them when
/// requireAll). Throws InputError naming a genre the data set does not list.
std::vector<int32_t> itemsWithGenres(const Dataset& data, std::span<const std::string> genres, bool requireAll = false);

/// The dense indices of items given by their raw ids (Dataset::itemIds), ascending, each once.
/// Throws InputError naming an id the data set does not have.
std::vector<int32_t> itemsWithIds(const Dataset& data, std::span<const std::string> itemIds);

// --- Custom axes -------------------------------------------------------------------------------

/// An axis from the centroid of one group of rows to the centroid of another. A row may be in both.
struct AxisGroups {
  std::vector<int32_t> from;  ///< rows of group A, the axis's negative end
  std::vector<int32_t> to;    ///< rows of group B, the positive end
};

struct CustomAxesParams {
  /// The second axis when it has no groups: the top principal component of the rows with the first
  /// axis projected out (components is ignored: one is taken) (default: PcaParams{})
  PcaParams restPca;
};

/// A centroid's coordinates in the custom plane.
struct AxisPosition {
  double first = 0.0;
  double second = 0.0;
};

struct CustomAxesResult {
  int32_t rows = 0;
  int32_t dimension = 0;
  /// 2 × dimension, row-major: unit directions. The first is centroid(B) − centroid(A), normalised;
  /// the second is made orthogonal to it (Gram–Schmidt) and keeps its own sense.
  std::vector<float> axes;
  /// Coordinate k of a vector x is x · axis_k − offsets[k]: the origin of a group axis is the
  /// midpoint of its two centroids (so on the first axis A sits at −separation/2 and B at
  /// +separation/2); the origin of the principal-component axis is the mean of the rows.
  std::array<double, 2> offsets{};
  std::vector<float> coordinates;  ///< rows × 2, row-major
  bool secondFromGroups = false;   ///< false: the second axis is the principal component of the rest
  /// cos(angle) between the second axis's own direction and the first, before Gram–Schmidt. Far
  /// from 0, the groups overlap in meaning and the plane distorts them (TensorBoard warns then).
  /// Near 0 by construction for the principal component of the rest.
  double cosineBeforeOrthogonalising = 0.0;
  std::array<double, 2> separation{};  ///< ‖centroid(B) − centroid(A)‖ of each axis's groups (0 for the component)
  AxisPosition firstFrom, firstTo;     ///< the first axis's centroids A and B in the plane
  AxisPosition secondFrom, secondTo;   ///< the second axis's centroids (zero when it is the component)
  double secondExplainedRatio = 0.0;   ///< the component's share of the variance left by the first axis (component only)
  bool cancelled = false;

  float coordinate(int32_t row, int32_t axis) const { return coordinates[static_cast<size_t>(row) * 2 + axis]; }
};

/// x: rows × dimension, row-major (e.g. Model::itemEmbeddings()). second = nullopt: the principal
/// component of the rest. Throws InputError for an empty group, a row outside [0, rows), a
/// dimension below 2, groups whose centroids coincide, or a second axis parallel to the first.
/// progress is only passed to the PCA of the rest.
CustomAxesResult customAxes(std::span<const float> x, int32_t rows, int32_t dimension, const AxisGroups& first,
                            const std::optional<AxisGroups>& second, const CustomAxesParams& params = {},
                            const AnalysisProgress& progress = {});

// --- Project out a covariate (popularity) ------------------------------------------------------

/// Which direction is removed. They agree when the rows' covariance is isotropic; otherwise the
/// regression direction is the single coordinate that best predicts the covariate but leaves some
/// correlation in the directions it spares, and the covariance direction leaves none.
enum class RemovedDirection {
  Regression,  ///< (XᵀX + λI)⁻¹·Xᵀy: the direction whose coordinate correlates most with the covariate
  Covariance,  ///< Xᵀy: afterwards no linear coordinate of the rows covaries with the covariate
};

struct CovariateRemovalParams {
  RemovedDirection removed = RemovedDirection::Regression;  ///< (default: Regression)
  /// Ridge λ of the regression, as a fraction of the mean column variance added to the covariance's
  /// diagonal. It keeps the solve stable when the embedding's columns are (nearly) collinear, as
  /// trained factors often are, and shrinks the direction slightly towards high-variance columns;
  /// 0 is ordinary least squares (default: 1e-4)
  double ridge = 1e-4;
  PcaParams pca;  ///< the PCA of the rows after removal (default: PcaParams{})
};

struct CovariateRemovalResult {
  int32_t rows = 0;
  int32_t dimension = 0;
  /// dimension: the unit direction w/‖w‖ removed, from the centred rows X and covariate y — the
  /// regression direction (XᵀX + λI)·w = Xᵀy (x·w is the best linear predictor of y, so its
  /// coordinate correlates most with y) or the covariance direction w = Xᵀy. It points towards a
  /// larger covariate; all zero when the covariate is constant (nothing is removed then).
  std::vector<float> direction;
  double correlation = 0.0;     ///< corr(x · direction, covariate) over the rows, before removal
  double varianceShare = 0.0;   ///< var(x · direction) / total variance of the rows
  /// The correlation of the best linear predictor left after removal (the ridge regression on the
  /// remaining rows): how much of the covariate the remaining coordinates can still show. Near 0
  /// for the covariance direction; for the regression direction, near 0 only when the covariance
  /// of the rows is close to isotropic.
  double remainingCorrelation = 0.0;
  double firstComponentCorrelation = 0.0;  ///< corr(first component's coordinate after removal, covariate)
  PcaResult pca;                ///< of the rows with the direction removed
  bool cancelled = false;
};

/// log(1 + rating count) of every item: popularity on the scale it acts on the factors.
std::vector<double> logRatingCounts(const Ratings& ratings);

/// Removes from x (rows × dimension, row-major, in place) the component along unit:
/// x ← x − (x · unit)·unit.
void removeDirection(std::span<float> x, int32_t rows, int32_t dimension, std::span<const float> unit);

/// x: rows × dimension, row-major; covariate: rows values (logRatingCounts for popularity).
/// Throws InputError when the sizes disagree or the ridge is negative.
CovariateRemovalResult projectOutCovariate(std::span<const float> x, int32_t rows, int32_t dimension,
                                           std::span<const double> covariate, const CovariateRemovalParams& params = {},
                                           const AnalysisProgress& progress = {});

/// projectOutCovariate with the items' log(1 + rating count): x holds the item embeddings.
CovariateRemovalResult projectOutPopularity(std::span<const float> itemEmbeddings, int32_t dimension, const Ratings& ratings,
                                            const CovariateRemovalParams& params = {}, const AnalysisProgress& progress = {});

}  // namespace ll
