#include "core/train/recommended_training.h"

namespace ll {

TrainingRecommendation recommendedTraining(ModelKind kind, bool implicit) {
  TrainingRecommendation r;
  if (implicit) {
    switch (kind) {
      case ModelKind::MF:
        r.learningRate = 0.002f;
        r.l2 = 0.0001f;
        r.epochs = 100;
        break;
      case ModelKind::GMF:
        r.l2 = 0.0001f;
        r.epochs = 100;
        break;
      case ModelKind::MLP:
      case ModelKind::NeuMF:
        r.epochs = 100;
        break;
      default: break;
    }
    return r;
  }
  if (kind == ModelKind::MF || kind == ModelKind::GMF || kind == ModelKind::SVDpp) {
    r.optimizer = OptimizerKind::Sgd;
    r.learningRate = 0.01f;
    r.batchSize = 1;
    r.l2 = 0.1f;
    r.epochs = 100;
  }
  if (kind == ModelKind::AutoRecI || kind == ModelKind::AutoRecU) {
    r.optimizer = OptimizerKind::Adam;
    r.learningRate = 0.001f;
    r.l2 = kAutoRecL2;
    r.epochs = 100;
  }
  if (kind == ModelKind::DHA || kind == ModelKind::ASDAE) {
    r.optimizer = OptimizerKind::RmsProp;
    r.learningRate = 0.001f;
    r.l2 = 0.0001f;
    r.epochs = 100;
  }
  if (kind == ModelKind::NrpDHA || kind == ModelKind::NrpASDAE) {
    r.optimizer = OptimizerKind::Adam;
    r.learningRate = 0.001f;
    r.l2 = 0.001f;
    r.epochs = 100;
  }
  if (kind == ModelKind::NRP) {
    r.optimizer = OptimizerKind::Adam;
    r.learningRate = 0.001f;
    r.l2 = 0.0001f;
    r.epochs = 100;
    r.schedule = Schedule::Adaptive;
  }
  if (kind == ModelKind::ACCM || kind == ModelKind::AccmMLP) {  // accm-mlp: accm's, not searched apart
    r.optimizer = OptimizerKind::RmsProp;
    r.learningRate = 0.001f;
    r.l2 = 0.0001f;
    r.epochs = 100;
  }
  if (kind == ModelKind::BFM) r.epochs = 200;  // Gibbs sweeps; nothing else applies
  return r;
}

void applyRecommendation(const TrainingRecommendation& recommendation, const TrainFieldSet& fields, TrainParams& params) {
  if (fields.optimizer) params.optimizer.kind = recommendation.optimizer;
  if (fields.learningRate) params.learningRate = recommendation.learningRate;
  if (fields.batchSize) params.batchSize = recommendation.batchSize;
  if (fields.l2) params.optimizer.l2 = recommendation.l2;
  if (fields.epochs) params.epochs = recommendation.epochs;
  if (fields.schedule) params.schedule = recommendation.schedule;
}

}  // namespace ll
