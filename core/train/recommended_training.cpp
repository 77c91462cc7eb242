#include "core/train/recommended_training.h"

namespace ll {

TrainingRecommendation recommendedTraining(ModelKind kind) {
  TrainingRecommendation r;
  if (kind == ModelKind::MF) {
    r.optimizer = OptimizerKind::Sgd;
    r.learningRate = 0.01f;
    r.batchSize = 1;
    r.l2 = 0.1f;
    r.epochs = 100;
  }
  return r;
}

}  // namespace ll
