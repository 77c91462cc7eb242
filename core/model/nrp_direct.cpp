// nrp: NRP-direct (NRP paper §3.2, Figure 2). No embedding tables: a user is represented by an
// encoder of their rating row plus their side information, a movie by an encoder of its rating
// column plus its side information; a prediction network reads the concatenation.
//   user:  z_u = [σ(Σ_j w_uj E[j] + c);  σ(Σ_w s_uw S[w] + d)]     (s_u: the user's bag of words)
//   movie: z_i = [σ(Σ_v w_vi F[v] + c'); σ(Σ_w x_iw X[w] + d')]    (x_i: the movie's bag of words)
//   ŷ = h([z_u; z_i]),  h: (|z_u|+|z_i|) → z → z/2 → 1, σ between layers
// σ is ModelConfig::activation: the NRP paper tunes it among relu, selu and tanh (its Table 6 takes
// selu for NRP-direct).
// The bags are the side information of side_information.h (NRP paper §4: bag of words for the user
// and item side information): age group, gender, occupation and zip regions for users; title
// words, year, genres and tags for movies. Each bag is scaled to unit length, as the rating
// profiles are, so a movie with a long title and ten tags and one with a one-word title give inputs
// of the same size; S and X are words × max(1, z/2) tables read as embedding bags (a dense layer
// over the vocabulary, never materialising the row). The paper gives each source its own network;
// one table over the whole bag is that with the sources' outputs summed rather than concatenated.
// Rating parts are z wide, side parts max(1, z/2); a side part is left out when the data set has no
// words for that side. The NRP paper's encoders are 3–4 layers deep ([500, 200, 100]); ours are one
// layer each, as the profile layer already is a z-wide projection of the whole row.
//
// The rows and columns come from the training ratings only (rating_profiles.h): a model that read
// the test ratings in its input would be scored on targets it has seen. Rating values are read as
// given, also in implicit mode.
#include <cmath>
#include <stdexcept>

#include "core/data/side_information.h"
#include "core/model/layers/activation.h"
#include "core/model/layers/mlp_tower.h"
#include "core/model/layers/profile_encoder.h"
#include "core/model/model_kinds.h"
#include "core/model/rating_profiles.h"

namespace ll {
namespace {

// One side's encoder: [σ(profile + bias); σ(side words + bias)].
class SideEncoder {
 public:
  struct Cache {
    RowMatrix profilePre, profile, sidePre, sideOut;
  };

  SideEncoder() = default;
  /// words: the side's bags (unit-length rows over sideWords columns); sideWords 0 leaves the side part out.
  SideEncoder(Parameters& parameters, const std::string& name, const SparseProfiles& profiles, int32_t tableRows,
              int32_t dim, const SparseProfiles& words, int32_t sideWords, Activation activation)
      : profiles_(&profiles),
        words_(&words),
        dim_(dim),
        sideDim_(sideWords > 0 ? std::max(1, dim / 2) : 0),
        activation_(activation) {
    // Profile weights are ~ rating/max/√n, so a row's sum has about half the table's variance;
    // sd √2 brings a ReLU's input to about unit size, like He initialisation; sd 1 keeps the input
    // of SELU or tanh at about variance ½, in their near-linear range. The word rows have unit
    // length, so the same holds for the side table.
    const float sd = activation == Activation::Relu ? 1.41421356f : 1.0f;
    profile_.table = parameters.add(name + ".profile", tableRows, dim, true, sd);
    profileBias_ = parameters.add(name + ".profile_bias", 1, dim, false, 0.0f);
    if (sideDim_ > 0) {
      side_.table = parameters.add(name + ".side_words", sideWords, sideDim_, true, sd);
      sideBias_ = parameters.add(name + ".side_bias", 1, sideDim_, false, 0.0f);
    }
  }

  int32_t outputs() const { return dim_ + sideDim_; }

  void forward(const Parameters& parameters, std::span<const int32_t> ids, Cache& c, RowMatrix& out) const {
    profile_.forward(parameters, *profiles_, ids, c.profilePre);
    c.profilePre.rowwise() += Eigen::Map<const Eigen::RowVectorXf>(parameters[profileBias_].value.data(), dim_);
    activate(activation_, c.profilePre, c.profile);
    out.resize(static_cast<Eigen::Index>(ids.size()), outputs());
    out.leftCols(dim_) = c.profile;
    if (sideDim_ == 0) return;
    side_.forward(parameters, *words_, ids, c.sidePre);
    c.sidePre.rowwise() += Eigen::Map<const Eigen::RowVectorXf>(parameters[sideBias_].value.data(), sideDim_);
    activate(activation_, c.sidePre, c.sideOut);
    out.rightCols(sideDim_) = c.sideOut;
  }

  void backward(std::span<const int32_t> ids, const Cache& c, const RowMatrix& dOut, Gradients& gradients) const {
    RowMatrix dPre;
    activationBackward(activation_, c.profilePre, c.profile, dOut.leftCols(dim_), dPre);
    gradientMatrix(gradients, profileBias_, 1).noalias() += dPre.colwise().sum();
    profile_.backward(*profiles_, ids, dPre, gradients);
    if (sideDim_ == 0) return;
    RowMatrix dSidePre;
    activationBackward(activation_, c.sidePre, c.sideOut, dOut.rightCols(sideDim_), dSidePre);
    gradientMatrix(gradients, sideBias_, 1).noalias() += dSidePre.colwise().sum();
    side_.backward(*words_, ids, dSidePre, gradients);
  }

 private:
  const SparseProfiles* profiles_ = nullptr;
  const SparseProfiles* words_ = nullptr;
  int32_t dim_ = 0;
  int32_t sideDim_ = 0;
  Activation activation_ = Activation::Relu;
  ProfileEncoder profile_;
  int32_t profileBias_ = -1;
  ProfileEncoder side_;
  int32_t sideBias_ = -1;
};

class NrpDirect final : public Model {
 public:
  NrpDirect(const ModelConfig& config, DatasetPtr data, float globalMean, std::span<const uint32_t> trainingRatings)
      : Model(config, std::move(data)),
        profiles_(buildRatingProfiles(*data_, trainingRatings)) {
    const SideInformation side = buildSideInformation(*data_);
    userWords_ = unitWordRows(side.users, false);
    movieWords_ = unitWordRows(side.movies, false);
    const int32_t z = config.dim;
    userEncoder_ = SideEncoder(parameters_, "user_encoder", profiles_.userRows, itemCount(), z, userWords_,
                               side.users.cols(), config.activation);
    itemEncoder_ = SideEncoder(parameters_, "item_encoder", profiles_.itemColumns, userCount(), z, movieWords_,
                               side.movies.cols(), config.activation);
    predictor_ = MlpTower(parameters_, "predictor",
                          {userEncoder_.outputs() + itemEncoder_.outputs(), z, std::max(1, z / 2), 1}, false, globalMean,
                          config.activation);
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
    userEncoder_.backward(users, a.user, dJoint.leftCols(du), gradients);
    itemEncoder_.backward(items, a.item, dJoint.rightCols(itemEncoder_.outputs()), gradients);
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
  SparseProfiles userWords_, movieWords_;  // the side information, rows at unit length
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
