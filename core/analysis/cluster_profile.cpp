#include "core/analysis/cluster_profile.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <optional>

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
        std::vector<float> scratch;
        predictAll(population_, scratch);
        populationMean_ = mean(scratch);
        note_ = std::string(modelKindName(kind_)) +
                ": bias is the centroid's mean prediction minus the mean user's; sensitivities are ∂ŷ/∂x averaged over the catalogue (approximate)";
        break;
      }
      case ModelKind::MF:
      case ModelKind::SVDpp:
        note_ = std::string(modelKindName(kind_)) + ": bias is the mean user bias; the model reads no movie features, so there are no sensitivities";
        break;
      case ModelKind::UserBias:
        note_ = "user-bias: bias is the mean user bias; the model reads no movie features";
        break;
      default:
        note_ = "movies are ranked for the member nearest each centroid (a stand-in); no sensitivities";
        break;
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
        return static_cast<float>(mean(y) - populationMean_);
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

  std::vector<float> sensitivities(std::span<const float> e) const {
    if (sensitivity_ == SensitivityKind::None) return {};
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

  static double mean(const std::vector<float>& values) {
    return values.empty() ? 0.0 : std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
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
  double populationMean_ = 0.0;
};

int32_t nearestMember(const KMeansResult& clusters, const std::vector<float>& users, int32_t cluster) {
  int32_t best = -1;
  double bestDistance = std::numeric_limits<double>::infinity();
  const auto centroid = clusters.centroid(cluster);
  for (int32_t u = 0; u < clusters.rows; ++u) {
    if (clusters.assignment[static_cast<size_t>(u)] != cluster) continue;
    double d = 0.0;
    for (int32_t f = 0; f < clusters.dimension; ++f) {
      const double diff = users[static_cast<size_t>(u) * clusters.dimension + f] - centroid[static_cast<size_t>(f)];
      d += diff * diff;
    }
    if (d < bestDistance) {
      bestDistance = d;
      best = u;
    }
  }
  return best;
}

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

}  // namespace

ClusterProfiles profileClusters(const Model& model, const KMeansResult& clusters, const ClusterProfileParams& params,
                                const AnalysisProgress& progress) {
  const CentroidEvaluator evaluator(model);
  ClusterProfiles result;
  result.sensitivity = evaluator.sensitivity();
  result.note = evaluator.note();
  result.standIn = !evaluator.predictsAnyVector();
  const std::vector<float> users = result.standIn ? model.userEmbeddings() : std::vector<float>{};
  const std::vector<float> populationSensitivity =
      params.relativeToPopulation ? evaluator.sensitivities(evaluator.population()) : std::vector<float>{};
  const ItemFeatures& features = model.data().features;
  const Ratings& ratings = model.data().ratings;

  std::vector<int32_t> eligible;
  for (int32_t i = 0; i < model.itemCount(); ++i) {
    if (params.minMovieRatings <= 0 || ratings.itemRatingCount(i) >= params.minMovieRatings) eligible.push_back(i);
  }
  std::vector<float> predictions;
  for (int32_t c = 0; c < clusters.clusters; ++c) {
    ClusterProfile profile;
    profile.cluster = c;
    profile.size = clusters.sizes[static_cast<size_t>(c)];
    const auto centroid = clusters.centroid(c);
    profile.bias = evaluator.bias(centroid);
    profile.sensitivities = evaluator.sensitivities(centroid);

    // Features ranked by sensitivity (or its change against the mean user's).
    std::vector<float> key = profile.sensitivities;
    for (size_t j = 0; j < populationSensitivity.size() && j < key.size(); ++j) key[j] -= populationSensitivity[j];
    std::vector<int32_t> order(key.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) { return key[static_cast<size_t>(a)] > key[static_cast<size_t>(b)]; });
    const size_t shown = std::min(order.size(), static_cast<size_t>(std::max(0, params.features)));
    for (size_t r = 0; r < shown; ++r) {
      const int32_t j = order[r], jLow = order[order.size() - 1 - r];
      profile.favourite.push_back({j, features.names[static_cast<size_t>(j)], key[static_cast<size_t>(j)]});
      profile.least.push_back({jLow, features.names[static_cast<size_t>(jLow)], key[static_cast<size_t>(jLow)]});
    }

    // Movies ranked by the prediction for the centroid (or for its stand-in member).
    if (result.standIn) {
      profile.standInUser = nearestMember(clusters, users, c);
      if (profile.standInUser >= 0) predictForUser(model, profile.standInUser, predictions);
    } else {
      evaluator.predictAll(centroid, predictions);
    }
    if (!result.standIn || profile.standInUser >= 0) {
      std::vector<int32_t> ranked = eligible;
      std::stable_sort(ranked.begin(), ranked.end(), [&](int32_t a, int32_t b) {
        return predictions[static_cast<size_t>(a)] > predictions[static_cast<size_t>(b)];
      });
      const size_t listed = std::min(ranked.size(), static_cast<size_t>(std::max(0, params.movies)));
      for (size_t r = 0; r < listed; ++r) {
        const int32_t top = ranked[r], bottom = ranked[ranked.size() - 1 - r];
        profile.top.push_back({top, predictions[static_cast<size_t>(top)]});
        profile.bottom.push_back({bottom, predictions[static_cast<size_t>(bottom)]});
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
