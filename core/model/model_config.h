#pragma once
// Which model to build and how. The CLI's defaults are these defaults.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ll {

// Appended kinds go last: checkpoints store the enum's value.
enum class ModelKind {
  UserBias, Linear, FM, Add, Mul, Tensor, MF, GMF, MLP, NeuMF, DeepMF, NRP, SVDpp, BFM, AutoRecI, AutoRecU,
  DHA, ASDAE, NrpDHA, NrpASDAE, ACCM, AccmMLP
};
/// What a movie looks like to the model: its feature vector x_i, its one-hot id (an embedding
/// table, never a dense vector), or both (the two linear parts are summed).
enum class ItemInput { Features, Id, Both };
/// Selu: Klambauer et al. 2017's scaled exponential linear unit (one of the NRP paper's three).
enum class Activation { Identity, Sigmoid, Tanh, Relu, Selu };
/// bfm's feature groups (each a bit of ModelConfig::bfmGroups, bit = the enumerator's value): the
/// user's id, the movie's id, the movies the user rated and the users who rated the movie (each
/// weighted 1/√n, SVD++-style, from the training ratings only), the day of the rating, the movie's
/// features x_i and the user's side information (age group, gender, occupation).
enum class BfmGroup { User, Movie, ImplicitUser, ImplicitMovie, Day, Features, UserInfo };
constexpr int32_t kBfmGroupCount = 7;
constexpr uint32_t kAllBfmGroups = (1u << kBfmGroupCount) - 1;
constexpr uint32_t bfmGroupBit(BfmGroup group) { return 1u << static_cast<uint32_t>(group); }
/// Every group but the day: on the calibrated world's u1 training ratings (a random fifth held out)
/// the day group cost 0.009 RMSE at k = 32 (its timestamps carry no signal there), see README.
constexpr uint32_t kDefaultBfmGroups = kAllBfmGroups & ~bfmGroupBit(BfmGroup::Day);

/// The largest z a model accepts: beyond it the tables of a MovieLens-sized catalogue outgrow memory.
constexpr int32_t kMaxDimension = 4096;

struct ModelConfig {
  ModelKind kind = ModelKind::MF;           ///< (default: mf)
  int32_t dim = 16;                         ///< z: embedding size / hidden size / FM rank, 1…kMaxDimension (default: 16)
  ItemInput itemInput = ItemInput::Features; ///< for linear, fm, add, mul, tensor (default: features)
  /// σ of add and mul; autorec's hidden g (tanh: the NRP paper's Table 6 AutoRec on ml100k); the
  /// hidden activation of nrp and of the autoencoder hybrids (default: tanh)
  Activation activation = Activation::Tanh;
  bool clipPredictions = true;              ///< clip predictions to the rating range when evaluating (default: true)
  float initSd = 0.1f;                      ///< sd of the initial embeddings (default: 0.1)
  /// sd of deepmf's Gaussian-noise layer on the concatenated embeddings, training only; Latent
  /// Spaces 2021's Figure 10 uses 0.01 (default: 0.01)
  float noiseSd = 0.01f;
  uint64_t seed = 1;                        ///< initialisation seed (default: 1)
  /// bfm's feature groups, a set of bfmGroupBit()s; groups the data set lacks (no timestamps, no
  /// features, no user information) are left out with a note (default: all but day)
  uint32_t bfmGroups = kDefaultBfmGroups;
};

std::string_view modelKindName(ModelKind kind);
std::string_view itemInputName(ItemInput input);
std::string_view activationName(Activation activation);
/// Each throws InputError (file = option name) listing the accepted names.
ModelKind parseModelKind(std::string_view name);
ItemInput parseItemInput(std::string_view name);
Activation parseActivation(std::string_view name);
std::vector<ModelKind> allModelKinds();
/// "user", "movie", "implicit-user", "implicit-movie", "day", "features", "user-info".
std::string_view bfmGroupName(BfmGroup group);
/// A comma-separated list of group names, or "all"; throws SettingError(Setting::FeatureGroups).
uint32_t parseBfmGroups(std::string_view list);
/// The set as parseBfmGroups reads it, e.g. "user,movie,implicit-user".
std::string bfmGroupsText(uint32_t groups);

/// Whether the model reads movie features / ids at all (through --item-input).
bool usesItemInput(ModelKind kind);
/// Whether ModelConfig::activation means anything to the model (add, mul, autorec-i, autorec-u,
/// nrp, dha, asdae, nrp-dha, nrp-asdae; accm's and accm-mlp's content encoders).
bool usesActivation(ModelKind kind);
/// dha, asdae, nrp-dha, nrp-asdae: the NRP paper's autoencoder hybrids (hybrid_autoencoder_models.cpp).
bool isHybridAutoencoder(ModelKind kind);
/// Whether the model is one of Rendle et al. 2020's implicit-feedback models (gmf, mlp, neumf),
/// which `--split last` trains in implicit mode by default.
bool isImplicitFeedbackModel(ModelKind kind);

}  // namespace ll
