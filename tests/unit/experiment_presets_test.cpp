// The NRP paper's presets (table2, table3): built from model names, so they hold the paper's models
// this build has, in the paper's order, name the others, size each model as the paper does, follow
// its §4 protocol — and table3 runs end to end on a small world.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/data/input_error.h"
#include "core/experiment/experiment_presets.h"
#include "core/experiment/experiment_runner.h"
#include "core/synth/synthetic_world.h"

namespace ll {
namespace {

/// What a preset built from these names must hold: the ones that are model kinds, in this order.
std::vector<ModelKind> existingKinds(const std::vector<std::string>& names, std::vector<std::string>* absent) {
  std::vector<ModelKind> kinds;
  for (const std::string& name : names) {
    try {
      kinds.push_back(parseModelKind(name));
    } catch (const InputError&) {
      absent->push_back(name);
    }
  }
  return kinds;
}

void expectNrpPaperPreset(const ExperimentPreset& preset, const std::vector<std::string>& paperModels) {
  std::vector<std::string> absent;
  EXPECT_EQ(preset.models, existingKinds(paperModels, &absent)) << preset.name;
  EXPECT_EQ(preset.absentModels, absent) << preset.name;
  for (const std::string& name : absent) EXPECT_NE(preset.figure.find(name), std::string::npos) << preset.figure;
  if (absent.empty()) {
    EXPECT_EQ(preset.figure.find("not in this build"), std::string::npos) << preset.figure;
  }
  // §4: three random 80/10/10 splits, explicit ratings, tested as trained on the 80 %.
  EXPECT_EQ(preset.folds, "random3");
  EXPECT_EQ(preset.feedback, FeedbackMode::Explicit);
  EXPECT_FALSE(preset.refit);
  EXPECT_FALSE(preset.training.has_value());
  EXPECT_EQ(preset.dims, std::vector<int32_t>{100});
}

TEST(ExperimentPresets, NrpPaperTablesHoldTheirExistingModelsInThePapersOrder) {
  const ExperimentPreset& table2 = findExperimentPreset("table2");
  expectNrpPaperPreset(table2, {"mf", "dha", "nrp-dha", "asdae", "nrp-asdae", "accm", "accm-mlp", "nrp"});
  EXPECT_TRUE(table2.modelDims.empty());
  const ExperimentPreset& table3 = findExperimentPreset("table3");
  expectNrpPaperPreset(table3, {"mf", "autorec-i", "neumf", "dha", "nrp-dha", "asdae", "nrp-asdae", "nrp"});
  ASSERT_EQ(table3.modelDims.size(), 1u);
  EXPECT_EQ(table3.modelDims.at(ModelKind::AutoRecI), std::vector<int32_t>{500});  // AutoRec [m, 500, m]
  // Models this build has for certain keep their places: mf first, nrp (NRP-direct) last.
  ASSERT_GE(table2.models.size(), 2u);
  EXPECT_EQ(table2.models.front(), ModelKind::MF);
  EXPECT_EQ(table2.models.back(), ModelKind::NRP);
  ASSERT_GE(table3.models.size(), 4u);
  EXPECT_EQ(std::vector<ModelKind>(table3.models.begin(), table3.models.begin() + 3),
            (std::vector<ModelKind>{ModelKind::MF, ModelKind::AutoRecI, ModelKind::NeuMF}));
  EXPECT_EQ(table3.models.back(), ModelKind::NRP);

  ExperimentGrid grid;
  applyPreset(table3, grid);
  EXPECT_FALSE(grid.refit);
  EXPECT_EQ(dimsOf(grid, ModelKind::AutoRecI), std::vector<int32_t>{500});
  EXPECT_EQ(dimsOf(grid, ModelKind::NeuMF), std::vector<int32_t>{100});
  applyPreset(findExperimentPreset("table1"), grid);  // the other presets refit and size every model alike
  EXPECT_TRUE(grid.refit);
  EXPECT_TRUE(grid.modelDims.empty());
}

// table3 as `sweep --preset table3 --dims 3,autorec-i:5 --epochs 1` runs it: every model on the
// three random splits, with RMSE and both precisions per row.
TEST(ExperimentPresets, Table3RunsOnASmallWorld) {
  const auto data = std::make_shared<const Dataset>(
      generateSyntheticWorld(parseSyntheticSpec("synthetic:users=50,movies=60,ratings=1500")).dataset);
  ExperimentGrid grid;
  applyPreset(findExperimentPreset("table3"), grid);
  const GridDims small = parseGridDims("3,autorec-i:5");
  grid.dims = small.all;
  grid.modelDims = small.perModel;
  grid.train.epochs = 1;
  grid.train.threads = 1;
  grid.recommended = TrainFieldSet::all();
  grid.recommended.epochs = false;
  grid.significance.bootstrap.resamples = 50;
  const ExperimentResults results = runExperiment(data, grid);
  EXPECT_EQ(results.folds, "random3");
  ASSERT_EQ(results.rows.size(), grid.models.size());
  for (size_t k = 0; k < results.rows.size(); ++k) {
    const ResultRow& row = results.rows[k];
    EXPECT_EQ(row.model, grid.models[k]);
    EXPECT_EQ(row.dim, row.model == ModelKind::AutoRecI ? 5 : 3);
    EXPECT_EQ(row.folds, 3);
    EXPECT_EQ(row.rmse.count, 3);
    EXPECT_EQ(row.precisionTop10.count, 3);
    EXPECT_EQ(row.precisionTop25.count, 3);
  }
  for (const FoldOutcome& outcome : results.outcomes) EXPECT_EQ(outcome.refitEpochs, 0);  // no refit
}

}  // namespace
}  // namespace ll
