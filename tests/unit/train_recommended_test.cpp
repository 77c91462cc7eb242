// Per-model training recommendations, and the Training panel's model switch that loads them.
#include <gtest/gtest.h>

#include "app/gui/state/training_settings.h"
#include "core/train/recommended_training.h"

namespace ll {
namespace {

// Every field of kind's recommendation (explicit ratings) against the one expected.
void expectRecommendation(ModelKind kind, const TrainingRecommendation& expected) {
  const TrainingRecommendation r = recommendedTraining(kind);
  EXPECT_EQ(r.optimizer, expected.optimizer) << modelKindName(kind);
  EXPECT_FLOAT_EQ(r.learningRate, expected.learningRate) << modelKindName(kind);
  EXPECT_EQ(r.batchSize, expected.batchSize) << modelKindName(kind);
  EXPECT_FLOAT_EQ(r.l2, expected.l2) << modelKindName(kind);
  EXPECT_EQ(r.epochs, expected.epochs) << modelKindName(kind);
}

TEST(RecommendedTraining, MfAndGmfTrainByPerSampleSgdWithStrongL2) {
  for (ModelKind kind : {ModelKind::MF, ModelKind::GMF}) {
    expectRecommendation(kind, {.optimizer = OptimizerKind::Sgd, .learningRate = 0.01f, .batchSize = 1, .l2 = 0.1f, .epochs = 100});
  }
}

// The NRP paper's Table 6 for AutoRec on ml100k (Adam, lr 0.001), its Keras λ in our units.
TEST(RecommendedTraining, AutoRecTakesTheNrpPapersSettings) {
  for (ModelKind kind : {ModelKind::AutoRecI, ModelKind::AutoRecU}) {
    expectRecommendation(kind, {.optimizer = OptimizerKind::Adam, .learningRate = 0.001f, .l2 = kAutoRecL2, .epochs = 100});
  }
}

// Chosen on validation within the NRP paper's grid (recommended_training.h).
TEST(RecommendedTraining, AutoencoderHybridsTakeTheirValidationChoices) {
  for (ModelKind kind : {ModelKind::DHA, ModelKind::ASDAE}) {
    expectRecommendation(kind, {.optimizer = OptimizerKind::RmsProp, .learningRate = 0.001f, .l2 = 0.0001f, .epochs = 100});
  }
  for (ModelKind kind : {ModelKind::NrpDHA, ModelKind::NrpASDAE}) {
    expectRecommendation(kind, {.optimizer = OptimizerKind::Adam, .learningRate = 0.001f, .l2 = 0.001f, .epochs = 100});
  }
}

// NRP-direct: Adam at the NRP paper's learning rate with a weak penalty, chosen on the calibrated
// world's validation share (recommended_training.h).
TEST(RecommendedTraining, NrpDirectTakesItsValidationChoice) {
  expectRecommendation(ModelKind::NRP, {.optimizer = OptimizerKind::Adam, .learningRate = 0.001f, .l2 = 0.0001f, .epochs = 100});
}

// The NRP paper's Table 6 for ACCM on ml100k (RMSprop, lr 0.001) with the λ validation chose
// among its neighbours (recommended_training.h).
TEST(RecommendedTraining, AccmTakesTheNrpPapersOptimizerAndAValidationChosenPenalty) {
  for (ModelKind kind : {ModelKind::ACCM, ModelKind::AccmMLP}) {
    expectRecommendation(kind, {.optimizer = OptimizerKind::RmsProp, .learningRate = 0.001f, .l2 = 0.0001f, .epochs = 100});
  }
}

TEST(RecommendedTraining, OtherModelsKeepTheGeneralDefaults) {
  const TrainParams defaults;
  for (ModelKind kind : {ModelKind::Tensor, ModelKind::FM, ModelKind::NeuMF, ModelKind::UserBias}) {
    const TrainingRecommendation r = recommendedTraining(kind);
    EXPECT_EQ(r.optimizer, defaults.optimizer.kind);
    EXPECT_EQ(r.batchSize, defaults.batchSize);
    EXPECT_EQ(r.learningRate, defaults.learningRate);
    EXPECT_EQ(r.l2, defaults.optimizer.l2);
    EXPECT_EQ(r.epochs, defaults.epochs);
  }
}

TEST(RecommendedTraining, ImplicitDotProductsTakeAWeakPenaltyAndNeuralTowersMoreEpochs) {
  const TrainParams defaults;
  const TrainingRecommendation mf = recommendedTraining(ModelKind::MF, true);
  EXPECT_EQ(mf.optimizer, defaults.optimizer.kind);  // not the explicit per-sample SGD
  EXPECT_EQ(mf.batchSize, defaults.batchSize);
  EXPECT_FLOAT_EQ(mf.learningRate, 0.002f);
  EXPECT_FLOAT_EQ(mf.l2, 0.0001f);
  EXPECT_EQ(mf.epochs, 100);
  EXPECT_FLOAT_EQ(recommendedTraining(ModelKind::GMF, true).l2, 0.0001f);
  for (ModelKind kind : {ModelKind::MLP, ModelKind::NeuMF}) {
    const TrainingRecommendation r = recommendedTraining(kind, true);
    EXPECT_EQ(r.learningRate, defaults.learningRate);
    EXPECT_EQ(r.l2, defaults.optimizer.l2);
    EXPECT_EQ(r.epochs, 100);
  }
  EXPECT_EQ(recommendedTraining(ModelKind::Tensor, true).epochs, defaults.epochs);
}

TEST(RecommendedTraining, ApplyingSetsOnlyTheNamedFields) {
  TrainParams params;
  params.learningRate = 0.3f;
  params.epochs = 7;
  params.threads = 3;
  TrainFieldSet fields;
  fields.optimizer = true;
  fields.l2 = true;
  applyRecommendation(recommendedTraining(ModelKind::MF), fields, params);
  EXPECT_EQ(params.optimizer.kind, OptimizerKind::Sgd);
  EXPECT_FLOAT_EQ(params.optimizer.l2, 0.1f);
  EXPECT_FLOAT_EQ(params.learningRate, 0.3f);  // the user's
  EXPECT_EQ(params.epochs, 7);
  EXPECT_EQ(params.batchSize, TrainParams{}.batchSize);
  EXPECT_EQ(params.threads, 3);
  applyRecommendation(recommendedTraining(ModelKind::MF), TrainFieldSet::all(), params);
  EXPECT_EQ(params.batchSize, 1);
  EXPECT_EQ(params.epochs, 100);
  EXPECT_EQ(params.schedule, Schedule::Constant);
}

// nrp's recommendation carries the adaptive schedule (recommended_training.h says why); it is
// applied only where the user left --schedule unset.
TEST(RecommendedTraining, NrpTrainsOnTheAdaptiveSchedule) {
  EXPECT_EQ(recommendedTraining(ModelKind::NRP).schedule, Schedule::Adaptive);
  TrainParams params;
  TrainFieldSet fields = TrainFieldSet::all();
  fields.schedule = false;
  applyRecommendation(recommendedTraining(ModelKind::NRP), fields, params);
  EXPECT_EQ(params.schedule, Schedule::Constant);
  applyRecommendation(recommendedTraining(ModelKind::NRP), TrainFieldSet::all(), params);
  EXPECT_EQ(params.schedule, Schedule::Adaptive);
}

TEST(RecommendedTraining, ChoosingAModelInThePanelLoadsItsRecommendationOnly) {
  gui::TrainingSettings s;
  s.dim = 24;
  s.seed = 9;
  s.learningRate = 0.2f;
  s.chooseModel(ModelKind::MF);
  EXPECT_EQ(s.model, ModelKind::MF);
  EXPECT_EQ(s.optimizer, OptimizerKind::Sgd);
  EXPECT_EQ(s.batchSize, 1);
  EXPECT_FLOAT_EQ(s.learningRate, 0.01f);
  EXPECT_EQ(s.dim, 24);
  EXPECT_EQ(s.seed, 9u);
  s.learningRate = 0.03f;  // the user's edit survives re-choosing the same model
  s.chooseModel(ModelKind::MF);
  EXPECT_FLOAT_EQ(s.learningRate, 0.03f);
  s.chooseModel(ModelKind::Tensor);
  EXPECT_EQ(s.optimizer, TrainParams{}.optimizer.kind);
  EXPECT_EQ(s.batchSize, TrainParams{}.batchSize);
}

}  // namespace
}  // namespace ll
