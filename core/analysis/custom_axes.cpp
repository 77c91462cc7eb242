// Sections: groups · custom axes · project out a covariate.
//
// Everything that sums over rows does so in double, in blocks of rows (like pca.cpp), so wide
// embeddings of many items need no n × d double copy.
#include "core/analysis/custom_axes.h"

#include <Eigen/QR>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

#include "core/data/dataset.h"
#include "core/data/input_error.h"
#include "core/data/ratings.h"

namespace ll {
namespace {

using AxesRowsF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using AxesRowsD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
constexpr Eigen::Index kAxesBlock = 4096;

bool sameGenreName(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char p, char q) {
           return std::tolower(static_cast<unsigned char>(p)) == std::tolower(static_cast<unsigned char>(q));
         });
}

void checkRowsShape(std::span<const float> x, int32_t rows, int32_t dimension) {
  if (rows < 0 || dimension < 0 || x.size() != static_cast<size_t>(rows) * static_cast<size_t>(dimension)) {
    throw InputError("rows", 0, std::to_string(rows) + " × " + std::to_string(dimension) + " values",
                     std::to_string(x.size()) + " values");
  }
}

// The mean of a group's rows, checked: the group is not empty and every row is in [0, rows).
Eigen::VectorXd groupCentroid(std::span<const float> x, int32_t rows, int32_t dimension, const std::vector<int32_t>& group,
                              const char* name) {
  if (group.empty()) throw InputError(name, 0, "at least one row", "an empty group");
  Eigen::VectorXd sum = Eigen::VectorXd::Zero(dimension);
  for (int32_t row : group) {
    if (row < 0 || row >= rows) {
      throw InputError(name, 0, "rows in [0, " + std::to_string(rows) + ")", "row " + std::to_string(row));
    }
    sum += Eigen::Map<const Eigen::VectorXf>(x.data() + static_cast<size_t>(row) * dimension, dimension).cast<double>();
  }
  return sum / static_cast<double>(group.size());
}

struct GroupAxis {
  Eigen::VectorXd from, to;  // the centroids
  Eigen::VectorXd unit;      // (to − from) / separation
  double separation = 0.0;
};

GroupAxis groupAxis(std::span<const float> x, int32_t rows, int32_t dimension, const AxisGroups& groups, const char* fromName,
                    const char* toName) {
  GroupAxis axis;
  axis.from = groupCentroid(x, rows, dimension, groups.from, fromName);
  axis.to = groupCentroid(x, rows, dimension, groups.to, toName);
  const Eigen::VectorXd difference = axis.to - axis.from;
  axis.separation = difference.norm();
  // Relative test: centroids equal up to float rounding of the rows give no direction.
  if (!(axis.separation > 1e-6 * std::max(1e-30, axis.from.norm() + axis.to.norm()))) {
    throw InputError(toName, 0, "a centroid apart from the other group's", "the same centroid");
  }
  axis.unit = difference / axis.separation;
  return axis;
}

double correlationOf(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  const Eigen::ArrayXd ca = a.array() - a.mean();
  const Eigen::ArrayXd cb = b.array() - b.mean();
  const double denominator = std::sqrt((ca * ca).sum() * (cb * cb).sum());
  return denominator > 0.0 ? (ca * cb).sum() / denominator : 0.0;
}

// (rows − mean) · direction for every row, in double.
Eigen::VectorXd projectRows(const Eigen::Map<const AxesRowsF>& x, const Eigen::RowVectorXd& mean, const Eigen::VectorXd& direction) {
  Eigen::VectorXd out(x.rows());
  for (Eigen::Index begin = 0; begin < x.rows(); begin += kAxesBlock) {
    const Eigen::Index count = std::min<Eigen::Index>(kAxesBlock, x.rows() - begin);
    out.segment(begin, count) = (x.middleRows(begin, count).cast<double>().rowwise() - mean) * direction;
  }
  return out;
}

}  // namespace

// --- Groups ------------------------------------------------------------------------------------

std::vector<int32_t> itemsWithGenres(const Dataset& data, std::span<const std::string> genres, bool requireAll) {
  uint32_t mask = 0;
  for (const std::string& genre : genres) {
    const auto found = std::find_if(data.genreNames.begin(), data.genreNames.end(),
                                    [&](const std::string& name) { return sameGenreName(name, genre); });
    if (found == data.genreNames.end()) throw InputError("genre", 0, "a genre of the data set", genre);
    mask |= 1u << static_cast<uint32_t>(found - data.genreNames.begin());
  }
  std::vector<int32_t> items;
  if (mask == 0) return items;
  for (size_t item = 0; item < data.movies.size(); ++item) {
    const uint32_t has = data.movies[item].genres & mask;
    if (requireAll ? has == mask : has != 0) items.push_back(static_cast<int32_t>(item));
  }
  return items;
}

std::vector<int32_t> itemsWithIds(const Dataset& data, std::span<const std::string> itemIds) {
  std::vector<int32_t> order(data.itemIds.size());  // dense items sorted by raw id, for lookups
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int32_t>(i);
  std::sort(order.begin(), order.end(), [&](int32_t a, int32_t b) { return data.itemIds[a] < data.itemIds[b]; });
  std::vector<int32_t> items;
  items.reserve(itemIds.size());
  for (const std::string& id : itemIds) {
    const auto found = std::lower_bound(order.begin(), order.end(), id,
                                        [&](int32_t item, const std::string& key) { return data.itemIds[item] < key; });
    if (found == order.end() || data.itemIds[*found] != id) throw InputError("item id", 0, "an item of the data set", id);
    items.push_back(*found);
  }
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  return items;
}

// --- Custom axes -------------------------------------------------------------------------------

CustomAxesResult customAxes(std::span<const float> x, int32_t rows, int32_t dimension, const AxisGroups& first,
                            const std::optional<AxisGroups>& second, const CustomAxesParams& params,
                            const AnalysisProgress& progress) {
  checkRowsShape(x, rows, dimension);
  if (dimension < 2) throw InputError("dimension", 0, "at least 2 columns for two axes", std::to_string(dimension));
  CustomAxesResult result;
  result.rows = rows;
  result.dimension = dimension;
  result.secondFromGroups = second.has_value();

  const GroupAxis a = groupAxis(x, rows, dimension, first, "first axis, from group", "first axis, to group");
  result.separation[0] = a.separation;
  result.offsets[0] = 0.5 * (a.from + a.to).dot(a.unit);

  Eigen::VectorXd secondUnit;  // before Gram–Schmidt
  std::optional<GroupAxis> b;
  if (second) {
    b = groupAxis(x, rows, dimension, *second, "second axis, from group", "second axis, to group");
    secondUnit = b->unit;
    result.separation[1] = b->separation;
  } else {
    std::vector<float> rest(x.begin(), x.end());
    const Eigen::VectorXf firstUnit = a.unit.cast<float>();
    removeDirection(rest, rows, dimension, std::span<const float>(firstUnit.data(), static_cast<size_t>(dimension)));
    PcaParams pcaParams = params.restPca;
    pcaParams.components = 1;
    const PcaResult pca = computePca(rest, rows, dimension, pcaParams, progress);
    if (pca.cancelled) {
      result.cancelled = true;
      return result;
    }
    secondUnit = Eigen::Map<const Eigen::VectorXf>(pca.axes.data(), dimension).cast<double>();
    result.secondExplainedRatio = pca.explainedRatio.empty() ? 0.0 : pca.explainedRatio[0];
  }

  result.cosineBeforeOrthogonalising = secondUnit.dot(a.unit);
  Eigen::VectorXd orthogonal = secondUnit - result.cosineBeforeOrthogonalising * a.unit;
  if (!(orthogonal.norm() > 1e-6)) {
    throw InputError("second axis", 0, "a direction not parallel to the first axis",
                     "cosine " + std::to_string(result.cosineBeforeOrthogonalising));
  }
  orthogonal.normalize();
  const Eigen::Map<const AxesRowsF> data(x.data(), rows, dimension);
  if (b) {
    result.offsets[1] = 0.5 * (b->from + b->to).dot(orthogonal);
  } else if (rows > 0) {
    result.offsets[1] = (data.cast<double>().colwise().sum() / static_cast<double>(rows)).dot(orthogonal.transpose());
  }

  result.axes.resize(2 * static_cast<size_t>(dimension));
  Eigen::Map<AxesRowsF> axes(result.axes.data(), 2, dimension);
  axes.row(0) = a.unit.transpose().cast<float>();
  axes.row(1) = orthogonal.transpose().cast<float>();
  const Eigen::RowVectorXd zero = Eigen::RowVectorXd::Zero(dimension);
  const Eigen::VectorXd onFirst = projectRows(data, zero, a.unit).array() - result.offsets[0];
  const Eigen::VectorXd onSecond = projectRows(data, zero, orthogonal).array() - result.offsets[1];
  result.coordinates.resize(2 * static_cast<size_t>(rows));
  for (int32_t r = 0; r < rows; ++r) {
    result.coordinates[2 * static_cast<size_t>(r)] = static_cast<float>(onFirst(r));
    result.coordinates[2 * static_cast<size_t>(r) + 1] = static_cast<float>(onSecond(r));
  }
  const auto place = [&](const Eigen::VectorXd& centroid) {
    return AxisPosition{centroid.dot(a.unit) - result.offsets[0], centroid.dot(orthogonal) - result.offsets[1]};
  };
  result.firstFrom = place(a.from);
  result.firstTo = place(a.to);
  if (b) {
    result.secondFrom = place(b->from);
    result.secondTo = place(b->to);
  }
  return result;
}

// --- Project out a covariate (popularity) ------------------------------------------------------

std::vector<double> logRatingCounts(const Ratings& ratings) {
  std::vector<int64_t> counts(static_cast<size_t>(std::max(0, ratings.itemCount)), 0);
  for (int32_t item : ratings.item) ++counts[static_cast<size_t>(item)];
  std::vector<double> logs(counts.size());
  for (size_t i = 0; i < counts.size(); ++i) logs[i] = std::log1p(static_cast<double>(counts[i]));
  return logs;
}

void removeDirection(std::span<float> x, int32_t rows, int32_t dimension, std::span<const float> unit) {
  if (unit.size() != static_cast<size_t>(dimension)) {
    throw InputError("direction", 0, std::to_string(dimension) + " values", std::to_string(unit.size()) + " values");
  }
  checkRowsShape(x, rows, dimension);
  const Eigen::Map<const Eigen::VectorXf> u(unit.data(), dimension);
  for (int32_t r = 0; r < rows; ++r) {
    Eigen::Map<Eigen::VectorXf> row(x.data() + static_cast<size_t>(r) * dimension, dimension);
    row -= row.dot(u) * u;
  }
}

CovariateRemovalResult projectOutCovariate(std::span<const float> x, int32_t rows, int32_t dimension,
                                           std::span<const double> covariate, const CovariateRemovalParams& params,
                                           const AnalysisProgress& progress) {
  checkRowsShape(x, rows, dimension);
  if (covariate.size() != static_cast<size_t>(rows)) {
    throw InputError("covariate", 0, "one value per row (" + std::to_string(rows) + ")", std::to_string(covariate.size()) + " values");
  }
  if (!(params.ridge >= 0.0)) throw InputError("ridge", 0, "a ridge of 0 or more", std::to_string(params.ridge));
  CovariateRemovalResult result;
  result.rows = rows;
  result.dimension = dimension;
  result.direction.assign(static_cast<size_t>(dimension), 0.0f);
  if (rows == 0 || dimension == 0) {
    result.pca = computePca(x, rows, dimension, params.pca, progress);
    return result;
  }

  // Centred normal equations: C = XcᵀXc, b = Xcᵀyc.
  const Eigen::Map<const AxesRowsF> data(x.data(), rows, dimension);
  const Eigen::RowVectorXd mean = data.cast<double>().colwise().sum() / static_cast<double>(rows);
  const Eigen::Map<const Eigen::VectorXd> y(covariate.data(), rows);
  const Eigen::VectorXd yc = y.array() - y.mean();
  Eigen::MatrixXd c = Eigen::MatrixXd::Zero(dimension, dimension);
  Eigen::VectorXd b = Eigen::VectorXd::Zero(dimension);
  for (Eigen::Index begin = 0; begin < rows; begin += kAxesBlock) {
    const Eigen::Index count = std::min<Eigen::Index>(kAxesBlock, rows - begin);
    const AxesRowsD block = data.middleRows(begin, count).cast<double>().rowwise() - mean;
    c.noalias() += block.transpose() * block;
    b.noalias() += block.transpose() * yc.segment(begin, count);
  }
  const double meanVariance = c.trace() / dimension;  // per column, times n − 1
  const double lambda = params.ridge * meanVariance;
  const Eigen::MatrixXd identity = Eigen::MatrixXd::Identity(dimension, dimension);
  // A complete orthogonal decomposition, not LDLT: with ridge 0 and collinear columns C is singular,
  // and the minimum-norm solution is still the best direction.
  const Eigen::VectorXd w = params.removed == RemovedDirection::Covariance
                                ? b
                                : Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd>(c + lambda * identity).solve(b);
  std::vector<float> rest(x.begin(), x.end());
  if (w.allFinite() && w.norm() > 0.0) {
    const Eigen::VectorXd u = w / w.norm();
    for (int32_t j = 0; j < dimension; ++j) result.direction[static_cast<size_t>(j)] = static_cast<float>(u(j));
    const Eigen::VectorXd along = projectRows(data, mean, u);
    result.correlation = correlationOf(along, y);
    result.varianceShare = c.trace() > 0.0 ? along.squaredNorm() / c.trace() : 0.0;

    // What the remaining space can still predict: C and b restricted to u's complement. Adding
    // u·uᵀ puts u's null eigenvalue back without touching the solution (b' has no u component).
    const Eigen::MatrixXd complement = identity - u * u.transpose();
    // A right-hand side at rounding level (the covariance direction removes all of b) predicts nothing.
    const Eigen::VectorXd spared = complement * b;
    const double refill = meanVariance > 0.0 ? meanVariance : 1.0;
    const Eigen::MatrixXd restricted = complement * c * complement + lambda * identity + refill * u * u.transpose();
    const Eigen::VectorXd remaining =
        complement * Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd>(restricted).solve(spared);
    if (spared.norm() > 1e-9 * b.norm() && remaining.allFinite() && remaining.norm() > 0.0) {
      result.remainingCorrelation = std::abs(correlationOf(projectRows(data, mean, remaining), y));
    }
    removeDirection(rest, rows, dimension, result.direction);
  }

  result.pca = computePca(rest, rows, dimension, params.pca, progress);
  result.cancelled = result.pca.cancelled;
  if (!result.cancelled && result.pca.components > 0) {
    Eigen::VectorXd first(rows);
    for (int32_t r = 0; r < rows; ++r) first(r) = result.pca.coordinate(r, 0);
    result.firstComponentCorrelation = correlationOf(first, y);
  }
  return result;
}

CovariateRemovalResult projectOutPopularity(std::span<const float> itemEmbeddings, int32_t dimension, const Ratings& ratings,
                                            const CovariateRemovalParams& params, const AnalysisProgress& progress) {
  const std::vector<double> popularity = logRatingCounts(ratings);
  return projectOutCovariate(itemEmbeddings, ratings.itemCount, dimension, popularity, params, progress);
}

}  // namespace ll
