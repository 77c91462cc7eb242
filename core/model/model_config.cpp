#include "core/model/model_config.h"

#include <array>
#include <utility>

#include "core/data/setting_error.h"

namespace ll {
namespace {

constexpr std::array<std::pair<ModelKind, std::string_view>, 13> kModels = {{{ModelKind::UserBias, "user-bias"},
                                                                             {ModelKind::Linear, "linear"},
                                                                             {ModelKind::FM, "fm"},
                                                                             {ModelKind::Add, "add"},
                                                                             {ModelKind::Mul, "mul"},
                                                                             {ModelKind::Tensor, "tensor"},
                                                                             {ModelKind::MF, "mf"},
                                                                             {ModelKind::GMF, "gmf"},
                                                                             {ModelKind::MLP, "mlp"},
                                                                             {ModelKind::NeuMF, "neumf"},
                                                                             {ModelKind::DeepMF, "deepmf"},
                                                                             {ModelKind::NRP, "nrp"},
                                                                             {ModelKind::SVDpp, "svdpp"}}};
constexpr std::array<std::pair<ItemInput, std::string_view>, 3> kInputs = {
    {{ItemInput::Features, "features"}, {ItemInput::Id, "id"}, {ItemInput::Both, "both"}}};
constexpr std::array<std::pair<Activation, std::string_view>, 4> kActivations = {{{Activation::Identity, "identity"},
                                                                                  {Activation::Sigmoid, "sigmoid"},
                                                                                  {Activation::Tanh, "tanh"},
                                                                                  {Activation::Relu, "relu"}}};

template <class Enum, size_t N>
std::string_view nameOf(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) {
  for (const auto& [e, name] : table) {
    if (e == value) return name;
  }
  return "?";
}

template <class Enum, size_t N>
Enum parse(const std::array<std::pair<Enum, std::string_view>, N>& table, std::string_view name, Setting setting) {
  std::string accepted;
  for (const auto& [e, candidate] : table) {
    if (candidate == name) return e;
    accepted += (accepted.empty() ? "" : ", ") + std::string(candidate);
  }
  throw SettingError(setting, "one of " + accepted, "\"" + std::string(name) + "\"");
}

}  // namespace

std::string_view modelKindName(ModelKind kind) { return nameOf(kModels, kind); }
std::string_view itemInputName(ItemInput input) { return nameOf(kInputs, input); }
std::string_view activationName(Activation activation) { return nameOf(kActivations, activation); }
ModelKind parseModelKind(std::string_view name) { return parse(kModels, name, Setting::Model); }
ItemInput parseItemInput(std::string_view name) { return parse(kInputs, name, Setting::ItemInput); }
Activation parseActivation(std::string_view name) { return parse(kActivations, name, Setting::Activation); }

std::vector<ModelKind> allModelKinds() {
  std::vector<ModelKind> kinds;
  for (const auto& [kind, name] : kModels) kinds.push_back(kind);
  return kinds;
}

bool usesItemInput(ModelKind kind) {
  return kind == ModelKind::Linear || kind == ModelKind::FM || kind == ModelKind::Add || kind == ModelKind::Mul ||
         kind == ModelKind::Tensor;
}

bool isImplicitFeedbackModel(ModelKind kind) {
  return kind == ModelKind::GMF || kind == ModelKind::MLP || kind == ModelKind::NeuMF;
}

}  // namespace ll
