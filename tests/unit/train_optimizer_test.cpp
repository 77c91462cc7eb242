// The update rules on hand-computed steps, lazy row-sparse updates, and Adam's tabulated bias
// corrections against the formula over a long run (past the point where they reach 1 in float).
#include "core/train/optimizer.h"

#include <gtest/gtest.h>

#include <cmath>

namespace ll {
namespace {

struct OneBlock {
  explicit OneBlock(int32_t rows, int32_t cols, bool rowSparse) {
    parameters.add("w", rows, cols, rowSparse, 0.0f);
    gradients = std::make_unique<Gradients>(parameters);
  }
  float& value(int32_t r, int32_t c) { return parameters[0].value[static_cast<size_t>(r * parameters[0].cols + c)]; }
  void setGradient(int32_t r, int32_t c, float g) { gradients->row(0, r)[c] = g; }

  Parameters parameters;
  std::unique_ptr<Gradients> gradients;
};

TEST(TrainOptimizer, SgdStepsAgainstTheGradientPlusThePenalty) {
  OneBlock b(1, 2, false);
  b.value(0, 0) = 1.0f;
  b.value(0, 1) = -2.0f;
  b.setGradient(0, 0, 0.5f);
  b.setGradient(0, 1, 0.0f);
  Optimizer sgd(b.parameters, OptimizerParams{.kind = OptimizerKind::Sgd, .l2 = 0.1f});
  sgd.step(b.parameters, *b.gradients, 0.1f);
  EXPECT_FLOAT_EQ(b.value(0, 0), 1.0f - 0.1f * (0.5f + 0.1f * 1.0f));  // 0.94
  EXPECT_FLOAT_EQ(b.value(0, 1), -2.0f - 0.1f * (0.1f * -2.0f));        // −1.98: the penalty alone
}

TEST(TrainOptimizer, ABlockHeldAtItsValueIsNeverStepped) {
  for (OptimizerKind kind : {OptimizerKind::Sgd, OptimizerKind::Adam}) {
    OneBlock b(1, 2, false);
    b.value(0, 0) = 3.5f;
    b.parameters[0].trained = false;
    b.setGradient(0, 0, 0.5f);
    b.setGradient(0, 1, -1.0f);
    Optimizer optimizer(b.parameters, OptimizerParams{.kind = kind, .l2 = 0.1f});
    optimizer.step(b.parameters, *b.gradients, 0.1f);
    EXPECT_EQ(b.value(0, 0), 3.5f);
    EXPECT_EQ(b.value(0, 1), 0.0f);
  }
}

TEST(TrainOptimizer, AdamsFirstStepMovesEachParameterByTheLearningRate) {
  // m = (1−β₁)g, v = (1−β₂)g², corrected: m̂ = g, v̂ = g², so θ moves by lr·g/|g| (ε aside).
  OneBlock b(1, 3, false);
  b.setGradient(0, 0, 0.5f);
  b.setGradient(0, 1, -3.0f);
  b.setGradient(0, 2, 1e-3f);
  Optimizer adam(b.parameters, OptimizerParams{.kind = OptimizerKind::Adam, .l2 = 0.0f});
  adam.step(b.parameters, *b.gradients, 0.01f);
  EXPECT_NEAR(b.value(0, 0), -0.01f, 1e-6f);
  EXPECT_NEAR(b.value(0, 1), 0.01f, 1e-6f);
  EXPECT_NEAR(b.value(0, 2), -0.01f, 1e-5f);
}

TEST(TrainOptimizer, RowSparseBlocksUpdateOnlyTouchedRowsAndCountTheirOwnSteps) {
  OneBlock b(2, 1, true);
  b.value(0, 0) = 1.0f;
  b.value(1, 0) = 1.0f;
  Optimizer adam(b.parameters, OptimizerParams{.kind = OptimizerKind::Adam, .l2 = 0.5f});
  for (int k = 0; k < 3; ++k) {  // row 1 only: the penalty does not reach row 0 either
    b.setGradient(1, 0, 1.0f);
    adam.step(b.parameters, *b.gradients, 0.01f);
    b.gradients->clear();
  }
  EXPECT_EQ(b.value(0, 0), 1.0f);
  EXPECT_EQ(adam.rowSteps()[0][0], 0);
  EXPECT_EQ(adam.rowSteps()[0][1], 3);
  b.setGradient(0, 0, 2.0f);
  adam.step(b.parameters, *b.gradients, 0.01f);
  EXPECT_NEAR(b.value(0, 0), 1.0f - 0.01f, 1e-6f);  // row 0's first step: corrected as t = 1
  EXPECT_EQ(adam.steps(), 4);
}

TEST(TrainOptimizer, AdamsTabulatedCorrectionsEqualTheFormulaOverALongRun) {
  OneBlock b(1, 2, false);
  b.value(0, 0) = 0.3f;
  b.value(0, 1) = -0.7f;
  Optimizer adam(b.parameters, OptimizerParams{.kind = OptimizerKind::Adam, .l2 = 0.01f});
  const OptimizerParams p = OptimizerParams{.kind = OptimizerKind::Adam, .l2 = 0.01f};
  float theta[2] = {0.3f, -0.7f}, m[2] = {0.0f, 0.0f}, v[2] = {0.0f, 0.0f};
  const float lr = 0.001f;
  for (int64_t t = 1; t <= 25000; ++t) {  // β₂ = 0.999's correction reaches 1 in float near 17k
    const float gradient[2] = {std::sin(0.01f * static_cast<float>(t)), 0.25f};
    b.setGradient(0, 0, gradient[0]);
    b.setGradient(0, 1, gradient[1]);
    adam.step(b.parameters, *b.gradients, lr);
    b.gradients->clear();
    const float correction1 = 1.0f - std::pow(p.beta1, static_cast<float>(t));
    const float correction2 = 1.0f - std::pow(p.beta2, static_cast<float>(t));
    const float stepSize = lr * std::sqrt(correction2) / correction1;
    for (int k = 0; k < 2; ++k) {
      const float g = gradient[k] + p.l2 * theta[k];
      m[k] = p.beta1 * m[k] + (1.0f - p.beta1) * g;
      v[k] = p.beta2 * v[k] + (1.0f - p.beta2) * g * g;
      theta[k] -= stepSize * m[k] / (std::sqrt(v[k]) + p.epsilon);
    }
    if (t % 5000 == 0 || t <= 3) {  // near, not equal: the compiler may fuse multiply-adds differently here
      ASSERT_NEAR(b.value(0, 0), theta[0], 1e-6f) << t;
      ASSERT_NEAR(b.value(0, 1), theta[1], 1e-6f) << t;
    }
  }
}

}  // namespace
}  // namespace ll
