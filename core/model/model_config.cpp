#include "core/model/model_config.h"

#include <algorithm>
#include <array>
#include <utility>

#include "core/data/setting_error.h"

namespace ll {
namespace {

constexpr std::array<std::pair<ModelKind, std::string_view>, 22> kModels = {{{ModelKind::UserBias, "user-bias"},
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
                                                                             {ModelKind::SVDpp, "svdpp"},
                                                                             {ModelKind::BFM, "bfm"},
                                                                             {ModelKind::AutoRecI, "autorec-i"},
                                                                             {ModelKind::AutoRecU, "autorec-u"},
                                                                             {ModelKind::DHA, "dha"},
                                                                             {ModelKind::ASDAE, "asdae"},
                                                                             {ModelKind::NrpDHA, "nrp-dha"},
                                                                             {ModelKind::NrpASDAE, "nrp-asdae"},
                                                                             {ModelKind::ACCM, "accm"},
                                                                             {ModelKind::AccmMLP, "accm-mlp"}}};
constexpr std::array<std::pair<ItemInput, std::string_view>, 3> kInputs = {
    {{ItemInput::Features, "features"}, {ItemInput::Id, "id"}, {ItemInput::Both, "both"}}};
constexpr std::array<std::pair<Activation, std::string_view>, 5> kActivations = {{{Activation::Identity, "identity"},
                                                                                  {Activation::Sigmoid, "sigmoid"},
                                                                                  {Activation::Tanh, "tanh"},
                                                                                  {Activation::Relu, "relu"},
                                                                                  {Activation::Selu, "selu"}}};

constexpr std::array<std::string_view, kBfmGroupCount> kBfmGroupNames = {
    "user", "movie", "implicit-user", "implicit-movie", "day", "features", "user-info"};

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

std::string_view bfmGroupName(BfmGroup group) { return kBfmGroupNames[static_cast<size_t>(group)]; }

uint32_t parseBfmGroups(std::string_view list) {
  if (list == "all") return kAllBfmGroups;
  std::string accepted = "\"all\" or a comma-separated list of";
  for (std::string_view name : kBfmGroupNames) accepted += " " + std::string(name);
  uint32_t groups = 0;
  size_t begin = 0;
  while (begin <= list.size()) {
    const size_t end = std::min(list.find(',', begin), list.size());
    const std::string_view name = list.substr(begin, end - begin);
    const auto* found = std::find(kBfmGroupNames.begin(), kBfmGroupNames.end(), name);
    if (found == kBfmGroupNames.end()) throw SettingError(Setting::FeatureGroups, accepted, "\"" + std::string(name) + "\"");
    groups |= 1u << static_cast<uint32_t>(found - kBfmGroupNames.begin());
    begin = end + 1;
  }
  return groups;
}

std::string bfmGroupsText(uint32_t groups) {
  std::string text;
  for (int32_t g = 0; g < kBfmGroupCount; ++g) {
    if (groups & (1u << g)) text += (text.empty() ? "" : ",") + std::string(kBfmGroupNames[static_cast<size_t>(g)]);
  }
  return text;
}

bool usesItemInput(ModelKind kind) {
  return kind == ModelKind::Linear || kind == ModelKind::FM || kind == ModelKind::Add || kind == ModelKind::Mul ||
         kind == ModelKind::Tensor;
}

bool usesActivation(ModelKind kind) {
  if (kind == ModelKind::ACCM || kind == ModelKind::AccmMLP) return true;
  return kind == ModelKind::Add || kind == ModelKind::Mul || kind == ModelKind::AutoRecI || kind == ModelKind::AutoRecU ||
         kind == ModelKind::NRP || isHybridAutoencoder(kind);
}

bool isHybridAutoencoder(ModelKind kind) {
  return kind == ModelKind::DHA || kind == ModelKind::ASDAE || kind == ModelKind::NrpDHA || kind == ModelKind::NrpASDAE;
}

bool isImplicitFeedbackModel(ModelKind kind) {
  return kind == ModelKind::GMF || kind == ModelKind::MLP || kind == ModelKind::NeuMF;
}

}  // namespace ll
