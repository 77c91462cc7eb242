// nrp: NRP-direct (NRP paper §3.2, Figure 2). No embedding tables: a user is represented by an
// encoder of their rating row plus their side information, a movie by an encoder of its rating
// column plus its features; a prediction network reads the concatenation.
//   user:  z_u = [relu(Σ_j w_uj E[j] + c);  relu(W_s s_u + d)]     (s_u: age/gender/occupation one-hots)
//   movie: z_i = [relu(Σ_v w_vi F[v] + c'); relu(W_x x_i + d')]    (x_i: the movie's feature row)
//   ŷ = h([z_u; z_i]),  h: (|z_u|+|z_i|) → z → z/2 → 1, ReLU between layers
// Rating parts are z wide, side parts max(1, z/2); a side part is left out when the data set has no
// user information / no movie features. The NRP paper's encoders are 3–4 layers deep ([500, 200, 100]);
// ours are one layer each, as the profile layer already is a z-wide projection of the whole row.
//
// The rows and columns come from the training ratings only (rating_profiles.h): a model that read
// the test ratings in its input would be scored on targets it has seen. Rating values are read as
// given, also in implicit mode.
#include <cmath>
#include <stdexcept>

#include "core/model/layers/dense_layer.h"
#include "core/model/layers/mlp_tower.h"
#include "core/model/layers/profile_encoder.h"
#include "core/model/layers/activation.h"
#include "core/model/model_kinds.h"
#include "core/model/user_side_features.h"

namespace ll {
namespace {

// One side's encoder: [relu(profile + bias); relu(dense(side input))].
class SideEncoder {
 public:
  struct Cache {
    RowMatrix profilePre, profile, side, sidePre, sideOut;
  };

  SideEncoder() = default;
  SideEncoder(Parameters& parameters, const std::string& name, const SparseProfiles& profiles, int32_t tableRows,
              int32_t dim, const float* sideValues, int32_t sideCount)
      : profiles_(&profiles), sideValues_(sideValues), sideCount_(sideCount), dim_(dim) {
    // Profile weights are ~ rating/max/√n, so a row's sum has about half the table's variance;
    // sd √2 brings the ReLU input to about unit size, like He initialisation.
    profile_.table = parameters.add(name + ".profile", tableRows, dim, true, 1.41421356f);
    profileBias_ = parameters.add(name + ".profile_bias", 1, dim, false, 0.0f);
    if (sideCount_ > 0) side_ = DenseLayer(parameters, name + ".side", sideCount_, sideDim(), std::sqrt(2.0f / static_cast<float>(sideCount_)));
  }

  int32_t sideDim() const { return sideCount_ > 0 ? std::max(1, dim_ / 2) : 0; }
  int32_t outputs() const { return dim_ + sideDim(); }

  void forward(const Parameters& parameters, std::span<const int32_t> ids, Cache& c, RowMatrix& out) const {
    profile_.forward(parameters, *profiles_, ids, c.profilePre);
    c.profilePre.rowwise() += Eigen::Map<const Eigen::RowVectorXf>(parameters[profileBias_].value.data(), dim_);
    activate(Activation::Relu, c.profilePre, c.profile);
    out.resize(static_cast<Eigen::Index>(ids.size()), outputs());
    out.leftCols(dim_) = c.profile;
    if (sideCount_ == 0) return;
    c.side.resize(static_cast<Eigen::Index>(ids.size()), sideCount_);
    for (size_t s = 0; s < ids.size(); ++s) {
      c.side.row(static_cast<Eigen::Index>(s)) =
          Eigen::Map<const Eigen::RowVectorXf>(sideValues_ + static_cast<size_t>(ids[s]) * sideCount_, sideCount_);
    }
    side_.forward(parameters, c.side, c.sidePre);
    activate(Activation::Relu, c.sidePre, c.sideOut);
    out.rightCols(sideDim()) = c.sideOut;
  }

  void backward(const Parameters& parameters, std::span<const int32_t> ids, const Cache& c, const RowMatrix& dOut,
                Gradients& gradients) const {
    RowMatrix dPre;
    activationBackward(Activation::Relu, c.profilePre, c.profile, dOut.leftCols(dim_), dPre);
    gradientMatrix(gradients, profileBias_, 1).noalias() += dPre.colwise().sum();
    profile_.backward(*profiles_, ids, dPre, gradients);
    if (sideCount_ == 0) return;
    RowMatrix dSidePre;
    activationBackward(Activation::Relu, c.sidePre, c.sideOut, dOut.rightCols(sideDim()), dSidePre);
    side_.backward(parameters, c.side, dSidePre, gradients, nullptr);
  }

 private:
  const SparseProfiles* profiles_ = nullptr;
  const float* sideValues_ = nullptr;
  int32_t sideCount_ = 0;
  int32_t dim_ = 0;
  ProfileEncoder profile_;
  int32_t profileBias_ = -1;
  DenseLayer side_;
};

class NrpDirect final : public Model {
 public:
  NrpDirect(const ModelConfig& config, DatasetPtr data, float globalMean, std::span<const uint32_t> trainingRatings)
      : Model(config, std::move(data)),
        profiles_(buildRatingProfiles(*data_, trainingRatings)),
        userSide_(buildUserSideFeatures(*data_)) {
    const int32_t z = config.dim;
    userEncoder_ = SideEncoder(parameters_, "user_encoder", profiles_.userRows, itemCount(), z, userSide_.values.data(),
                               userSide_.count);
    itemEncoder_ = SideEncoder(parameters_, "item_encoder", profiles_.itemColumns, userCount(), z,
                               data_->features.values.data(), data_->features.count);
    predictor_ = MlpTower(parameters_, "predictor",
                          {userEncoder_.outputs() + itemEncoder_.outputs(), z, std::max(1, z / 2), 1}, false, globalMean);
    parameters_[predictor_.layers().back().biasBlock()].regularised = false;
  }

  void predict(std::span<const int32_t> users, std::span<const int32_t> items, std::span<float> out) const override {
    Activations a;
    forward(users, items, a);
    std::copy(a.y.data(), a.y.data() + a.y.size(), out.begin());
  }

  void forwardBackward(std::span<const int32_t> users, std::span<const int32_t> items, const LossGradient& lossGradient,
                       Gradients& gradients) const override {
    Activations a;
    forward(users, items, a);
    RowMatrix g(a.y.rows(), 1);
    lossGradient(std::span<const float>(a.y.data(), users.size()), std::span<float>(g.data(), users.size()));
    RowMatrix dJoint;
    predictor_.backward(parameters_, a.predictor, a.y, g, gradients, &dJoint);
    const int32_t du = userEncoder_.outputs();
    userEncoder_.backward(parameters_, users, a.user, dJoint.leftCols(du), gradients);
    itemEncoder_.backward(parameters_, items, a.item, dJoint.rightCols(itemEncoder_.outputs()), gradients);
  }

  /// The user encoder's output z_u.
  int32_t userEmbeddingDim() const override { return userEncoder_.outputs(); }
  void userEmbedding(int32_t user, std::span<float> out) const override {
    SideEncoder::Cache cache;
    RowMatrix z;
    userEncoder_.forward(parameters_, std::span<const int32_t>(&user, 1), cache, z);
    std::copy(z.data(), z.data() + z.size(), out.begin());
  }
  /// The movie encoder's output z_i.
  int32_t itemEmbeddingDim() const override { return itemEncoder_.outputs(); }
  void itemEmbeddings(std::span<const int32_t> items, std::span<float> out) const override {
    SideEncoder::Cache cache;
    RowMatrix z;
    itemEncoder_.forward(parameters_, items, cache, z);
    std::copy(z.data(), z.data() + z.size(), out.begin());
  }

 private:
  struct Activations {
    SideEncoder::Cache user, item;
    RowMatrix joint, y;
    MlpTower::Cache predictor;
  };

  void forward(std::span<const int32_t> users, std::span<const int32_t> items, Activations& a) const {
    RowMatrix zu, zi;
    userEncoder_.forward(parameters_, users, a.user, zu);
    itemEncoder_.forward(parameters_, items, a.item, zi);
    a.joint.resize(zu.rows(), zu.cols() + zi.cols());
    a.joint.leftCols(zu.cols()) = zu;
    a.joint.rightCols(zi.cols()) = zi;
    predictor_.forward(parameters_, a.joint, a.predictor, a.y);
  }

  RatingProfiles profiles_;
  UserSideFeatures userSide_;
  SideEncoder userEncoder_, itemEncoder_;
  MlpTower predictor_;
};

}  // namespace

std::unique_ptr<Model> makeNrpDirect(const ModelConfig& config, DatasetPtr data, float globalMean,
                                     std::span<const uint32_t> trainingRatings) {
  if (trainingRatings.empty()) {
    throw std::invalid_argument("nrp needs the training ratings to encode users and movies from (makeModel's trainingRatings)");
  }
  return std::make_unique<NrpDirect>(config, std::move(data), globalMean, trainingRatings);
}

}  // namespace ll
