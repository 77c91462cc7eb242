#pragma once
// Which model to build and how. The CLI's defaults are these defaults.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ll {

enum class ModelKind { UserBias, Linear, FM, Add, Mul, Tensor, MF, GMF, MLP, NeuMF, DeepMF, NRP, SVDpp };
/// What a movie looks like to the model: its feature vector x_i, its one-hot id (an embedding
/// table, never a dense vector), or both (the two linear parts are summed).
enum class ItemInput { Features, Id, Both };
enum class Activation { Identity, Sigmoid, Tanh, Relu };

/// The largest z a model accepts: beyond it the tables of a MovieLens-sized catalogue outgrow memory.
constexpr int32_t kMaxDimension = 4096;

struct ModelConfig {
  ModelKind kind = ModelKind::MF;           ///< (default: mf)
  int32_t dim = 16;                         ///< z: embedding size / hidden size / FM rank, 1…kMaxDimension (default: 16)
  ItemInput itemInput = ItemInput::Features; ///< for linear, fm, add, mul, tensor (default: features)
  Activation activation = Activation::Tanh; ///< σ of add and mul (default: tanh)
  bool clipPredictions = true;              ///< clip predictions to the rating range when evaluating (default: true)
  float initSd = 0.1f;                      ///< sd of the initial embeddings (default: 0.1)
  /// sd of deepmf's Gaussian-noise layer on the concatenated embeddings, training only; Latent
  /// Spaces 2021's Figure 10 uses 0.01 (default: 0.01)
  float noiseSd = 0.01f;
  uint64_t seed = 1;                        ///< initialisation seed (default: 1)
};

std::string_view modelKindName(ModelKind kind);
std::string_view itemInputName(ItemInput input);
std::string_view activationName(Activation activation);
/// Each throws InputError (file = option name) listing the accepted names.
ModelKind parseModelKind(std::string_view name);
ItemInput parseItemInput(std::string_view name);
Activation parseActivation(std::string_view name);
std::vector<ModelKind> allModelKinds();

/// Whether the model reads movie features / ids at all (through --item-input).
bool usesItemInput(ModelKind kind);
/// Whether the model is one of Rendle et al. 2020's implicit-feedback models (gmf, mlp, neumf),
/// which `--split last` trains in implicit mode by default.
bool isImplicitFeedbackModel(ModelKind kind);

}  // namespace ll
