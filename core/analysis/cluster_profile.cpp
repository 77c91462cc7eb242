#include "core/analysis/cluster_profile.h"

#include <algorithm>
#include <iterator>
#include <limits>
#include <numeric>
#include <optional>

#include <Eigen/Cholesky>

#include "core/analysis/user_affine_form.h"
#include "core/model/layers/activation.h"

namespace ll {
namespace {

using RowMatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ConstVector = Eigen::Map<const Eigen::VectorXf>;

const ParameterBlock* block(const Model& model, const char* name) {
  const int32_t index = model.parameters().find(name);
  return index < 0 ? nullptr : &model.parameters()[index];
}

ConstMatrixMap matrix(const ParameterBlock& b) { return matrixOf(b); }

double mean(std::span<const float> values) {
  return values.empty() ? 0.0 : std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

// Bias, sensitivities and catalogue predictions for an arbitrary vector of the user space.
class CentroidEvaluator {
 public:
  explicit CentroidEvaluator(const Model& model) : model_(model), kind_(model.config().kind) {
    form_ = userAffineForm(model);
    const int32_t dim = model.userEmbeddingDim();
    const std::vector<float> users = model.userEmbeddings();
    population_.assign(static_cast<size_t>(dim), 0.0f);
    for (size_t u = 0; u < static_cast<size_t>(model.userCount()); ++u) {
      for (size_t f = 0; f < static_cast<size_t>(dim); ++f) population_[f] += users[u * dim + f] / static_cast<float>(model.userCount());
    }
    switch (kind_) {
      case ModelKind::Tensor:
        linear_ = block(model, "item_weights.features");
        interaction_ = block(model, "tensor.features");
        userWeights_ = block(model, "user_weights");
        sensitivity_ = interaction_ ? SensitivityKind::Exact : SensitivityKind::None;
        note_ = "tensor fusion: bias a·ē and sensitivities w + Tᵀē read exactly from the model";
        break;
      case ModelKind::Linear:
        linear_ = block(model, "item_weights.features");
        sensitivity_ = linear_ ? SensitivityKind::Exact : SensitivityKind::None;
        note_ = "linear: bias is the mean user bias; sensitivities w are the same for every cluster";
        break;
      case ModelKind::FM: {
        linear_ = block(model, "item_weight.features");
        interaction_ = block(model, "item_factors.features");
        sensitivity_ = interaction_ ? SensitivityKind::Approximate : SensitivityKind::None;
        if (interaction_) {
          const RowMatrixF itemPart = Eigen::Map<const RowMatrixF>(model.itemEmbeddings().data(), model.itemCount(), model.itemEmbeddingDim());
          meanItemPart_ = itemPart.colwise().mean();
          featureMean_ = Eigen::Map<const RowMatrixF>(model.data().features.values.data(), model.itemCount(), model.data().features.count).colwise().mean();
        }
        note_ = "fm: bias is the mean user weight; sensitivities are ∂ŷ/∂x averaged over the catalogue (approximate)";
        break;
      }
      case ModelKind::Add:
      case ModelKind::Mul: {
        linear_ = block(model, "item_weights.features");
        output_ = block(model, "output_weights");
        outputBias_ = block(model, "output_bias");
        sensitivity_ = linear_ ? SensitivityKind::Approximate : SensitivityKind::None;
        preActivation_ = Eigen::Map<const RowMatrixF>(model.itemEmbeddings().data(), model.itemCount(), model.itemEmbeddingDim());
        note_ = std::string(modelKindName(kind_)) +
                ": bias is the centroid's mean prediction over the catalogue; sensitivities are ∂ŷ/∂x averaged over the catalogue (approximate)";
        break;
      }
      case ModelKind::MF:
      case ModelKind::SVDpp:
      case ModelKind::AutoRecI:
        note_ = std::string(modelKindName(kind_)) + ": bias is the mean user bias";
        break;
      case ModelKind::DHA:
      case ModelKind::ASDAE:
        note_ = std::string(modelKindName(kind_)) + ": ŷ = μ + U_u·V_i is affine in the user vector and has no user bias (0 here)";
        break;
      case ModelKind::UserBias:
        note_ = "user-bias: bias is the mean user bias; the model reads no movie features and a cluster shifts only its bias";
        return;
      default:
        note_ = std::string(modelKindName(kind_)) +
                ": not affine in the user vector, so each cluster is the mean prediction of its sampled members; bias is "
                "that mean over the catalogue";
        break;
    }
    // Models that do not read the features themselves: estimated from their predictions.
    if (sensitivity_ == SensitivityKind::None && model.data().features.count > 0) {
      sensitivity_ = SensitivityKind::Estimated;
      note_ += "; sensitivities are estimated (ridge regression of the cluster's predicted ratings on the movie features)";
    }
  }

  SensitivityKind sensitivity() const { return sensitivity_; }
  const std::string& note() const { return note_; }
  const std::vector<float>& population() const { return population_; }
  /// False: only a real user can be predicted for (use a stand-in).
  bool predictsAnyVector() const { return form_.has_value() || preActivation_.size() > 0; }

  float bias(std::span<const float> e) const {
    const auto dim = static_cast<Eigen::Index>(e.size());
    switch (kind_) {
      case ModelKind::Tensor:
        return userWeights_ ? ConstVector(userWeights_->value.data(), dim).dot(ConstVector(e.data(), dim)) : 0.0f;
      case ModelKind::Add:
      case ModelKind::Mul: {
        std::vector<float> y;
        predictAll(e, y);
        return static_cast<float>(mean(y));
      }
      case ModelKind::Linear:
      case ModelKind::UserBias:
        return e[0];
      case ModelKind::MF:
      case ModelKind::FM:
        return e.back();
      default:
        return 0.0f;
    }
  }

  /// Exact or approximate sensitivities at e (empty for the other kinds).
  std::vector<float> sensitivities(std::span<const float> e) const {
    if (sensitivity_ != SensitivityKind::Exact && sensitivity_ != SensitivityKind::Approximate) return {};
    const int32_t n = model_.data().features.count;
    Eigen::RowVectorXf s = Eigen::RowVectorXf::Zero(n);
    switch (kind_) {
      case ModelKind::Tensor:  // w + Tᵀē
        s = matrix(*interaction_).transpose() * ConstVector(e.data(), interaction_->rows);
        if (linear_) s += matrix(*linear_).row(0);
        break;
      case ModelKind::Linear:
        s = matrix(*linear_).row(0);
        break;
      case ModelKind::FM: {
        // ∂ŷ/∂x_j = w_j + Σ_f V_fj s_f − x_j Σ_f V_fj², with s = v_u + (item part); linear in x, so
        // its catalogue mean is this at the mean item part and mean features.
        const ConstMatrixMap v = matrix(*interaction_);  // z × n
        const Eigen::RowVectorXf total = ConstVector(e.data(), v.rows()).transpose() + meanItemPart_;
        s = total * v;
        s.array() -= featureMean_.array() * v.array().square().colwise().sum();
        if (linear_) s += matrix(*linear_).row(0);
        break;
      }
      case ModelKind::Add:
      case ModelKind::Mul: {
        // ∂ŷ/∂x = Wᵀ (a ⊙ σ'(z_i) ⊙ g) with g = 1 (add) or ē (mul), averaged over the items i.
        RowMatrixF z, h, dZ;
        hidden(e, z, h);
        const RowMatrixF dH = ConstVector(output_->value.data(), output_->cols).transpose().replicate(z.rows(), 1);
        activationBackward(model_.config().activation, z, h, dH, dZ);
        Eigen::RowVectorXf meanDz = dZ.colwise().mean();
        if (kind_ == ModelKind::Mul) meanDz.array() *= ConstVector(e.data(), meanDz.size()).transpose().array();
        s = meanDz * matrix(*linear_);
        break;
      }
      default:
        break;
    }
    return {s.data(), s.data() + s.size()};
  }

  void predictAll(std::span<const float> e, std::vector<float>& out) const {
    out.resize(static_cast<size_t>(model_.itemCount()));
    if (form_) {
      form_->predictAll(e, out);
      return;
    }
    RowMatrixF z, h;
    hidden(e, z, h);
    Eigen::Map<Eigen::VectorXf>(out.data(), model_.itemCount()) =
        (h * ConstVector(output_->value.data(), output_->cols)).array() + outputBias_->value[0];
  }

 private:
  // add/mul: z = m + e or m ⊙ e over the catalogue's pre-activations m, and h = σ(z).
  void hidden(std::span<const float> e, RowMatrixF& z, RowMatrixF& h) const {
    const auto user = ConstVector(e.data(), preActivation_.cols()).transpose();
    if (kind_ == ModelKind::Mul) {
      z = preActivation_.array().rowwise() * user.array();
    } else {
      z = preActivation_.rowwise() + user;
    }
    activate(model_.config().activation, z, h);
  }

  const Model& model_;
  ModelKind kind_;
  std::optional<UserAffineForm> form_;
  SensitivityKind sensitivity_ = SensitivityKind::None;
  std::string note_;
  std::vector<float> population_;  // the mean user embedding
  const ParameterBlock* linear_ = nullptr;
  const ParameterBlock* interaction_ = nullptr;
  const ParameterBlock* userWeights_ = nullptr;
  const ParameterBlock* output_ = nullptr;
  const ParameterBlock* outputBias_ = nullptr;
  Eigen::RowVectorXf meanItemPart_, featureMean_;
  RowMatrixF preActivation_;
};

void predictForUser(const Model& model, int32_t user, std::vector<float>& out) {
  out.resize(static_cast<size_t>(model.itemCount()));
  constexpr size_t kChunk = 2048;
  std::vector<int32_t> users(kChunk, user), items(kChunk);
  for (size_t begin = 0; begin < out.size(); begin += kChunk) {
    const size_t n = std::min(kChunk, out.size() - begin);
    std::iota(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(n), static_cast<int32_t>(begin));
    model.predict(std::span(users).first(n), std::span(items).first(n), std::span(out).subspan(begin, n));
  }
}

/// The mean catalogue prediction of up to `limit` of `members`, spread evenly over them; returns
/// how many were averaged.
int32_t meanPrediction(const Model& model, const std::vector<int32_t>& members, int32_t limit, std::vector<float>& out) {
  out.assign(static_cast<size_t>(model.itemCount()), 0.0f);
  const size_t n = members.size(), taken = std::min(n, static_cast<size_t>(std::max(1, limit)));
  std::vector<float> one;
  for (size_t k = 0; k < taken; ++k) {
    predictForUser(model, members[k * n / taken], one);
    for (size_t i = 0; i < out.size(); ++i) out[i] += one[i] / static_cast<float>(taken);
  }
  return static_cast<int32_t>(taken);
}

/// Ridge regression of a catalogue-wide target on the centred movie features: the Gram matrix is
/// formed and factorised once, each cluster's fit is then a solve.
class FeatureRegression {
 public:
  FeatureRegression(const ItemFeatures& features, double ridge)
      : x_(features.values.data(), features.items, features.count) {
    means_ = x_.colwise().mean().cast<double>();
    Eigen::MatrixXd gram = (x_.transpose() * x_).cast<double>();
    gram -= static_cast<double>(features.items) * means_.transpose() * means_;
    const double lambda = ridge * gram.trace() / std::max(1, features.count);
    gram.diagonal().array() += std::max(lambda, 1e-12);
    solver_.compute(gram);
  }

  /// Coefficients (one per feature) and R² of target (one per movie) after centring it.
  std::vector<float> fit(std::span<const float> target, double& r2) const {
    const Eigen::Map<const Eigen::VectorXf> y(target.data(), static_cast<Eigen::Index>(target.size()));
    const Eigen::VectorXd centred = y.cast<double>().array() - y.cast<double>().mean();
    // Σ (x_i − μ) t_i = Σ x_i t_i, as the centred target sums to zero.
    const Eigen::VectorXd beta = solver_.solve((x_.transpose() * centred.cast<float>()).cast<double>());
    const Eigen::VectorXd fitted = (x_ * beta.cast<float>()).cast<double>().array() - means_.dot(beta);
    const double total = centred.squaredNorm();
    r2 = total > 0.0 ? 1.0 - (centred - fitted).squaredNorm() / total : std::numeric_limits<double>::quiet_NaN();
    return {beta.data(), beta.data() + beta.size()};
  }

 private:
  Eigen::Map<const RowMatrixF> x_;  // movies × features, the data set's own
  Eigen::RowVectorXd means_;
  Eigen::LDLT<Eigen::MatrixXd> solver_;
};

/// Favourite and least-liked features of a view by its sensitivities.
void rankFeatures(ClusterTaste& taste, const ItemFeatures& features, int32_t listed) {
  const std::vector<float>& key = taste.sensitivities;
  std::vector<int32_t> order(key.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) { return key[static_cast<size_t>(a)] > key[static_cast<size_t>(b)]; });
  const size_t shown = std::min(order.size(), static_cast<size_t>(std::max(0, listed)));
  for (size_t r = 0; r < shown; ++r) {
    const int32_t j = order[r], jLow = order[order.size() - 1 - r];
    taste.favourite.push_back({j, features.names[static_cast<size_t>(j)], key[static_cast<size_t>(j)]});
    taste.least.push_back({jLow, features.names[static_cast<size_t>(jLow)], key[static_cast<size_t>(jLow)]});
  }
}

std::vector<std::vector<int32_t>> membersOf(const KMeansResult& clusters) {
  std::vector<std::vector<int32_t>> members(static_cast<size_t>(clusters.clusters));
  for (int32_t u = 0; u < clusters.rows; ++u) members[static_cast<size_t>(clusters.assignment[static_cast<size_t>(u)])].push_back(u);
  return members;
}

}  // namespace

std::string_view sensitivityLabel(SensitivityKind kind) {
  switch (kind) {
    case SensitivityKind::Exact: return "exact";
    case SensitivityKind::Approximate: return "approximate";
    case SensitivityKind::Estimated: return "estimated (regression on predictions)";
    case SensitivityKind::None: break;
  }
  return "none";
}

double favouriteOverlap(const ClusterProfiles& profiles, bool absoluteView, int32_t n) {
  std::vector<std::vector<int32_t>> lists;
  for (const ClusterProfile& p : profiles.clusters) {
    const auto& favourite = p.taste(absoluteView).favourite;
    if (p.size == 0 || favourite.empty()) continue;
    std::vector<int32_t> ids;
    for (size_t k = 0; k < favourite.size() && k < static_cast<size_t>(n); ++k) ids.push_back(favourite[k].feature);
    std::sort(ids.begin(), ids.end());
    lists.push_back(std::move(ids));
  }
  double sum = 0.0;
  int64_t pairs = 0;
  for (size_t a = 0; a < lists.size(); ++a) {
    for (size_t b = a + 1; b < lists.size(); ++b) {
      std::vector<int32_t> shared;
      std::set_intersection(lists[a].begin(), lists[a].end(), lists[b].begin(), lists[b].end(), std::back_inserter(shared));
      const size_t together = lists[a].size() + lists[b].size() - shared.size();
      sum += together > 0 ? static_cast<double>(shared.size()) / static_cast<double>(together) : 0.0;
      ++pairs;
    }
  }
  return pairs > 0 ? sum / static_cast<double>(pairs) : 0.0;
}

ClusterProfiles profileClusters(const Model& model, const KMeansResult& clusters, const ClusterProfileParams& params,
                                const AnalysisProgress& progress) {
  const CentroidEvaluator evaluator(model);
  ClusterProfiles result;
  result.sensitivity = evaluator.sensitivity();
  result.note = evaluator.note();
  result.sampled = !evaluator.predictsAnyVector();
  const ItemFeatures& features = model.data().features;
  const Ratings& ratings = model.data().ratings;
  const std::vector<std::vector<int32_t>> members = result.sampled ? membersOf(clusters) : std::vector<std::vector<int32_t>>{};

  // The mean user of the whole population, against which the distinctive view is taken.
  std::vector<float> populationPrediction;
  float populationBias = 0.0f;
  std::vector<float> populationSensitivity;
  if (result.sampled) {
    std::vector<int32_t> everyone(static_cast<size_t>(model.userCount()));
    std::iota(everyone.begin(), everyone.end(), 0);
    meanPrediction(model, everyone, 4 * params.sampledMembers, populationPrediction);
    populationBias = static_cast<float>(mean(populationPrediction));
  } else {
    populationBias = evaluator.bias(evaluator.population());
    populationSensitivity = evaluator.sensitivities(evaluator.population());
    if (result.sensitivity == SensitivityKind::Estimated) evaluator.predictAll(evaluator.population(), populationPrediction);
  }
  std::optional<FeatureRegression> regression;
  if (result.sensitivity == SensitivityKind::Estimated) regression.emplace(features, params.ridge);

  const MovieRanking ranking(ratings, params.rare);
  std::vector<float> predictions, difference;
  for (int32_t c = 0; c < clusters.clusters; ++c) {
    ClusterProfile profile;
    profile.cluster = c;
    profile.size = clusters.sizes[static_cast<size_t>(c)];
    const auto centroid = clusters.centroid(c);
    bool predicted = true;
    if (result.sampled) {
      predicted = profile.size > 0;
      if (predicted) profile.membersAveraged = meanPrediction(model, members[static_cast<size_t>(c)], params.sampledMembers, predictions);
      profile.absolute.bias = predicted ? static_cast<float>(mean(predictions)) : 0.0f;
    } else {
      evaluator.predictAll(centroid, predictions);
      profile.absolute.bias = evaluator.bias(centroid);
    }
    profile.distinctive.bias = profile.absolute.bias - populationBias;

    if (regression && predicted) {
      profile.absolute.sensitivities = regression->fit(predictions, profile.absolute.r2);
      difference.resize(predictions.size());
      for (size_t i = 0; i < predictions.size(); ++i) difference[i] = predictions[i] - populationPrediction[i];
      profile.distinctive.sensitivities = regression->fit(difference, profile.distinctive.r2);
    } else {
      profile.absolute.sensitivities = evaluator.sensitivities(centroid);
      profile.distinctive.sensitivities = profile.absolute.sensitivities;
      for (size_t j = 0; j < populationSensitivity.size() && j < profile.distinctive.sensitivities.size(); ++j) {
        profile.distinctive.sensitivities[j] -= populationSensitivity[j];
      }
    }
    rankFeatures(profile.absolute, features, params.features);
    rankFeatures(profile.distinctive, features, params.features);

    if (predicted) {
      const auto listed = static_cast<size_t>(std::max(0, params.movies));
      for (int32_t i : ranking.rank(predictions, listed)) profile.top.push_back({i, predictions[static_cast<size_t>(i)]});
      for (int32_t i : ranking.rank(predictions, listed, {}, /*lowest=*/true)) {
        profile.bottom.push_back({i, predictions[static_cast<size_t>(i)]});
      }
    }
    result.clusters.push_back(std::move(profile));
    if (!reportProgress(progress, static_cast<double>(c + 1) / clusters.clusters)) {
      result.cancelled = true;
      break;
    }
  }
  return result;
}

}  // namespace ll
