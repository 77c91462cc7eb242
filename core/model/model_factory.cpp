#include <cmath>

#include "core/data/setting_error.h"
#include "core/model/model_kinds.h"

namespace ll {

float denseInitSd(int32_t fanIn) { return 1.0f / std::sqrt(static_cast<float>(std::max(fanIn, 1))); }

std::unique_ptr<Model> makeModel(const ModelConfig& config, std::shared_ptr<const Dataset> data, float globalMean,
                                 std::span<const uint32_t> trainingRatings) {
  if (config.dim < 1 || config.dim > kMaxDimension) {
    throw SettingError(Setting::Dimension, "a dimension from 1 to " + std::to_string(kMaxDimension), std::to_string(config.dim));
  }
  if (usesItemInput(config.kind) && config.itemInput != ItemInput::Id && data->features.count == 0) {
    throw InputError(data->source, 0, "movie features for item input " + std::string(itemInputName(config.itemInput)),
                     "a data set without features (use item input id)");
  }
  switch (config.kind) {
    case ModelKind::UserBias: return makeUserBiasModel(config, std::move(data), globalMean);
    case ModelKind::Linear: return makeLinearModel(config, std::move(data), globalMean);
    case ModelKind::FM: return makeFactorizationMachine(config, std::move(data), globalMean);
    case ModelKind::Add:
    case ModelKind::Mul: return makeFusionModel(config, std::move(data), globalMean);
    case ModelKind::Tensor: return makeTensorFusionModel(config, std::move(data), globalMean);
    case ModelKind::MF: return makeMatrixFactorization(config, std::move(data), globalMean);
    case ModelKind::GMF: return makeGeneralizedMF(config, std::move(data), globalMean);
    case ModelKind::MLP: return makeMlpSimilarity(config, std::move(data), globalMean);
    case ModelKind::NeuMF: return makeNeuralMF(config, std::move(data), globalMean);
    case ModelKind::DeepMF: return makeDeepMF(config, std::move(data), globalMean);
    case ModelKind::NRP: return makeNrpDirect(config, std::move(data), globalMean, trainingRatings);
    case ModelKind::SVDpp: return makeSvdPlusPlus(config, std::move(data), globalMean, trainingRatings);
    case ModelKind::BFM: return makeBayesianFm(config, std::move(data), globalMean, trainingRatings);
    case ModelKind::AutoRecI:
    case ModelKind::AutoRecU: return makeAutoRec(config, std::move(data), globalMean, trainingRatings);
    case ModelKind::DHA:
    case ModelKind::ASDAE:
    case ModelKind::NrpDHA:
    case ModelKind::NrpASDAE: return makeHybridAutoencoder(config, std::move(data), globalMean, trainingRatings);
    case ModelKind::ACCM:
    case ModelKind::AccmMLP: return makeAccm(config, std::move(data), globalMean);
  }
  throw std::logic_error("makeModel: unknown model kind");
}

}  // namespace ll
