#pragma once
// Constructors of the concrete models, one file each; makeModel() (model_factory.cpp) dispatches.

#include <memory>

#include "core/model/model.h"

namespace ll {

using DatasetPtr = std::shared_ptr<const Dataset>;

std::unique_ptr<Model> makeUserBiasModel(const ModelConfig& config, DatasetPtr data, float globalMean);
std::unique_ptr<Model> makeLinearModel(const ModelConfig& config, DatasetPtr data, float globalMean);
std::unique_ptr<Model> makeFactorizationMachine(const ModelConfig& config, DatasetPtr data, float globalMean);
std::unique_ptr<Model> makeFusionModel(const ModelConfig& config, DatasetPtr data, float globalMean);  // add, mul
std::unique_ptr<Model> makeTensorFusionModel(const ModelConfig& config, DatasetPtr data, float globalMean);
std::unique_ptr<Model> makeMatrixFactorization(const ModelConfig& config, DatasetPtr data, float globalMean);
std::unique_ptr<Model> makeGeneralizedMF(const ModelConfig& config, DatasetPtr data, float globalMean);
std::unique_ptr<Model> makeMlpSimilarity(const ModelConfig& config, DatasetPtr data, float globalMean);
std::unique_ptr<Model> makeNeuralMF(const ModelConfig& config, DatasetPtr data, float globalMean);
std::unique_ptr<Model> makeDeepMF(const ModelConfig& config, DatasetPtr data, float globalMean);
/// trainingRatings: the ratings its encoders read (the training split).
std::unique_ptr<Model> makeNrpDirect(const ModelConfig& config, DatasetPtr data, float globalMean,
                                     std::span<const uint32_t> trainingRatings);
/// trainingRatings: the ratings whose movies make each user's implicit feedback N(u).
std::unique_ptr<Model> makeSvdPlusPlus(const ModelConfig& config, DatasetPtr data, float globalMean,
                                       std::span<const uint32_t> trainingRatings);
/// autorec-i or autorec-u (config.kind); trainingRatings: the ratings its encoder reads.
std::unique_ptr<Model> makeAutoRec(const ModelConfig& config, DatasetPtr data, float globalMean,
                                   std::span<const uint32_t> trainingRatings);
/// dha, asdae, nrp-dha or nrp-asdae (config.kind); trainingRatings: the ratings its autoencoders read.
std::unique_ptr<Model> makeHybridAutoencoder(const ModelConfig& config, DatasetPtr data, float globalMean,
                                             std::span<const uint32_t> trainingRatings);
/// accm or accm-mlp (config.kind).
std::unique_ptr<Model> makeAccm(const ModelConfig& config, DatasetPtr data, float globalMean);

/// trainingRatings: the ratings its implicit groups and day range read (bayesian_fm.h).
std::unique_ptr<Model> makeBayesianFm(const ModelConfig& config, DatasetPtr data, float globalMean,
                                      std::span<const uint32_t> trainingRatings);

/// Initial sd of a dense weight matrix reading fanIn inputs: keeps W x about unit-sized.
float denseInitSd(int32_t fanIn);

}  // namespace ll
