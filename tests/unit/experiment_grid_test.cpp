// The experiment grid: expansion into cells, folds, feedback resolution, list parsing; and the
// mean ± sd of the results table on hand-computed values.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/data/input_error.h"
#include "core/data/setting_error.h"
#include "core/experiment/experiment_grid.h"
#include "core/experiment/experiment_presets.h"
#include "core/experiment/experiment_results.h"
#include "core/synth/synthetic_world.h"
#include "tests/support/tiny_dataset.h"

namespace ll {
namespace {

const Dataset& gridWorld() {
  static const Dataset world = generateSyntheticWorld(parseSyntheticSpec("synthetic:users=60,movies=80,ratings=1500")).dataset;
  return world;
}

TEST(ExperimentGrid, ExpandsModelsTimesDimsTimesFoldsWithOneRowForModelsWithoutZ) {
  ExperimentGrid grid;
  grid.models = {ModelKind::UserBias, ModelKind::MF, ModelKind::Tensor};
  grid.dims = {2, 4};
  grid.folds = "3";
  const std::vector<ExperimentCell> cells = expandGrid(grid, gridWorld());
  ASSERT_EQ(cells.size(), (1u + 2u + 2u) * 3u);
  // Run order: model by model, z by z, fold by fold.
  EXPECT_EQ(cells[0].model, ModelKind::UserBias);
  EXPECT_EQ(cells[0].dim, 0);
  EXPECT_EQ(cells[2].fold, 2);
  EXPECT_EQ(cells[3].model, ModelKind::MF);
  EXPECT_EQ(cells[3].dim, 2);
  EXPECT_EQ(cells[6].dim, 4);
  EXPECT_EQ(cells[14].model, ModelKind::Tensor);
  EXPECT_EQ(cells[14].dim, 4);
  EXPECT_EQ(cells[14].split.text(), "kfold:3:3");
  for (const ExperimentCell& cell : cells) {
    EXPECT_EQ(cell.folds, 3);
    EXPECT_FALSE(cell.implicit);
  }
}

TEST(ExperimentGrid, OfficialFoldsAreU1ToU5AndNeedTheDataSetToHaveThem) {
  const std::vector<SplitSpec> official = resolveFolds("official", gridWorld());
  ASSERT_EQ(official.size(), 5u);
  EXPECT_EQ(official[4].text(), "official:5");
  const Dataset tiny = testing::makeGridDataset(6, 8, 4);
  EXPECT_THROW(resolveFolds("official", tiny), InputError);
  EXPECT_THROW(resolveFolds("1", tiny), InputError);
  EXPECT_THROW(resolveFolds("sideways", tiny), InputError);
  const std::vector<SplitSpec> last = resolveFolds("last", tiny);
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0].kind, SplitSpec::Kind::Last);
}

// The NRP paper's §4 protocol: three random 80/10/10 splits, a row's folds.
TEST(ExperimentGrid, Random3IsThreeRepetitionsOfAnEightyTenTenSplit) {
  const std::vector<SplitSpec> specs = resolveFolds("random3", testing::makeGridDataset(6, 8, 4));
  ASSERT_EQ(specs.size(), 3u);
  for (int r = 0; r < 3; ++r) EXPECT_EQ(specs[static_cast<size_t>(r)].text(), "random:0.1:0.1:" + std::to_string(r + 1));
  ExperimentGrid grid;
  grid.models = {ModelKind::MF};
  grid.folds = "random3";
  const std::vector<ExperimentCell> cells = expandGrid(grid, gridWorld());
  ASSERT_EQ(cells.size(), 3u);
  EXPECT_EQ(cells[2].folds, 3);
  EXPECT_EQ(cells[2].split.repetition, 3);
}

TEST(ExperimentGrid, FeedbackAutoIsImplicitOnlyForNcfModelsOnLeaveLastOut) {
  ExperimentGrid grid;
  grid.models = {ModelKind::MF, ModelKind::GMF};
  grid.dims = {8};
  grid.folds = "last";
  std::vector<ExperimentCell> cells = expandGrid(grid, gridWorld());
  ASSERT_EQ(cells.size(), 2u);
  EXPECT_FALSE(cells[0].implicit);
  EXPECT_TRUE(cells[1].implicit);
  grid.feedback = FeedbackMode::Implicit;
  cells = expandGrid(grid, gridWorld());
  EXPECT_TRUE(cells[0].implicit);
  grid.feedback = FeedbackMode::Explicit;
  grid.folds = "2";
  cells = expandGrid(grid, gridWorld());
  EXPECT_FALSE(cells[3].implicit);
}

TEST(ExperimentGrid, RefusesEmptyDuplicateAndBadLists) {
  ExperimentGrid grid;
  grid.models = {ModelKind::MF, ModelKind::MF};
  EXPECT_THROW(expandGrid(grid, gridWorld()), InputError);
  grid.models = {};
  EXPECT_THROW(expandGrid(grid, gridWorld()), InputError);
  grid.models = {ModelKind::MF};
  grid.dims = {0};
  EXPECT_THROW(expandGrid(grid, gridWorld()), InputError);
  EXPECT_EQ(parseModelList("user-bias, mf,tensor").size(), 3u);
  EXPECT_THROW(parseModelList("mf,nonsense"), InputError);
  EXPECT_EQ(parseDimList("2,4,8"), (std::vector<int32_t>{2, 4, 8}));
  EXPECT_THROW(parseDimList("2,x"), InputError);
  EXPECT_THROW(parseDimList("4,-1"), InputError);
  try {
    parseDimList("4,2.5");
    FAIL();
  } catch (const SettingError& error) {
    // Core names the setting in its own words; the CLI and the GUI put their names on it.
    EXPECT_EQ(error.setting(), Setting::Dimensions);
    EXPECT_EQ(error.file(), "dimensions");
    EXPECT_EQ(std::string(error.what()).find("--"), std::string::npos) << error.what();
    EXPECT_NE(error.found().find("2.5"), std::string::npos);
    EXPECT_EQ(error.describeAs("--dims").rfind("--dims: expected comma-separated whole numbers", 0), 0u);
  }
}

// --dims with per-model entries: plain numbers for every model, model:z replacing them for one.
TEST(ExperimentGrid, PerModelDimsReplaceThePlainOnesForThatModel) {
  const GridDims dims = parseGridDims("100, neumf:150,autorec-i : 500,8");
  EXPECT_EQ(dims.all, (std::vector<int32_t>{100, 8}));
  ASSERT_EQ(dims.perModel.size(), 2u);
  EXPECT_EQ(dims.perModel.at(ModelKind::NeuMF), std::vector<int32_t>{150});
  EXPECT_EQ(dims.perModel.at(ModelKind::AutoRecI), std::vector<int32_t>{500});
  EXPECT_EQ(parseGridDims("mf:16,4,mf:32").perModel.at(ModelKind::MF), (std::vector<int32_t>{16, 32}));
  EXPECT_EQ(gridDimsText(dims.all, dims.perModel), "100,8,neumf:150,autorec-i:500");
  EXPECT_EQ(parseGridDims(gridDimsText(dims.all, dims.perModel)).perModel, dims.perModel);

  ExperimentGrid grid;
  grid.models = {ModelKind::UserBias, ModelKind::MF, ModelKind::NeuMF};
  grid.dims = dims.all;
  grid.modelDims = dims.perModel;  // autorec-i's entry: not in the grid, ignored
  grid.folds = "2";
  EXPECT_EQ(dimsOf(grid, ModelKind::MF), (std::vector<int32_t>{100, 8}));
  EXPECT_EQ(dimsOf(grid, ModelKind::UserBias), std::vector<int32_t>{0});
  const std::vector<ExperimentCell> cells = expandGrid(grid, gridWorld());
  ASSERT_EQ(cells.size(), (1u + 2u + 1u) * 2u);
  EXPECT_EQ(cells[2].dim, 100);
  EXPECT_EQ(cells[4].dim, 8);
  EXPECT_EQ(cells[6].model, ModelKind::NeuMF);
  EXPECT_EQ(cells[6].dim, 150);
  // Only model entries: a model with a z but none of its own has nothing to run at.
  grid.dims.clear();
  try {
    expandGrid(grid, gridWorld());
    FAIL();
  } catch (const SettingError& error) {
    EXPECT_EQ(error.setting(), Setting::Dimensions);
    EXPECT_NE(error.expected().find("for mf"), std::string::npos) << error.what();
  }
}

TEST(ExperimentGrid, BadPerModelDimsNameTheEntry) {
  const auto refusal = [](const char* text) {
    try {
      parseGridDims(text);
    } catch (const SettingError& error) {
      EXPECT_EQ(error.setting(), Setting::Dimensions) << text;
      return error.describeAs("--dims");
    }
    ADD_FAILURE() << "accepted " << text;
    return std::string();
  };
  const std::string unknown = refusal("100,neumff:150");
  EXPECT_NE(unknown.find("\"neumff:150\""), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("autorec-i"), std::string::npos) << unknown;  // the accepted kinds are listed
  EXPECT_NE(refusal("100,neumf:x").find("\"neumf:x\""), std::string::npos);
  EXPECT_NE(refusal("100,neumf:").find("\"neumf:\""), std::string::npos);
  EXPECT_NE(refusal("100,neumf:2.5").find("2.5"), std::string::npos);
  EXPECT_NE(refusal("neumf:0").find("\"neumf:0\""), std::string::npos);
  EXPECT_NE(refusal("4,ten").find("\"ten\""), std::string::npos);
  EXPECT_NE(refusal(":8").find("\":8\""), std::string::npos);
  EXPECT_NE(refusal("4,user-bias:8").find("only for models that have one"), std::string::npos);
  EXPECT_NE(refusal("4,mf:8,mf:8").find("once"), std::string::npos);
  EXPECT_NE(refusal("4,4").find("once"), std::string::npos);
  EXPECT_EQ(refusal(" , ").rfind("--dims: expected comma-separated whole numbers", 0), 0u);
}

TEST(ExperimentGrid, PresetsReproduceTheSourceFiguresGrids) {
  ExperimentGrid grid;
  applyPreset(findExperimentPreset("table1"), grid);
  EXPECT_EQ(grid.models.size(), 6u);
  EXPECT_EQ(grid.models.front(), ModelKind::UserBias);
  EXPECT_EQ(grid.dims.front(), 2);
  EXPECT_FALSE(grid.presetTraining);
  applyPreset(findExperimentPreset("fig8"), grid);
  EXPECT_EQ(grid.models, std::vector<ModelKind>{ModelKind::MF});
  ASSERT_TRUE(grid.presetTraining);  // Latent Spaces 2021's protocol: per-sample SGD, one weak λ for every k
  EXPECT_EQ(grid.presetTraining->optimizer, OptimizerKind::Sgd);
  EXPECT_EQ(grid.presetTraining->batchSize, 1);
  EXPECT_FLOAT_EQ(grid.presetTraining->l2, 0.02f);
  applyPreset(findExperimentPreset("fig2"), grid);
  EXPECT_EQ(grid.folds, "last");
  EXPECT_EQ(grid.feedback, FeedbackMode::Implicit);
  EXPECT_FALSE(grid.presetTraining);
  EXPECT_THROW(findExperimentPreset("table9"), InputError);
}

TEST(ExperimentGrid, EachCellTrainsByItsModelsRecommendationExceptWhereTheUserSetAField) {
  ExperimentGrid grid;
  grid.train.learningRate = 0.02f;
  grid.train.threads = 2;
  grid.recommended = TrainFieldSet::all();
  grid.recommended.learningRate = false;  // the user set --lr
  ExperimentCell mf{ModelKind::MF, 8, 0, 1, {}, false};
  ExperimentCell implicitMf{ModelKind::MF, 8, 0, 1, {}, true};
  ExperimentCell tensor{ModelKind::Tensor, 8, 0, 1, {}, false};
  const TrainParams a = cellTraining(grid, mf), b = cellTraining(grid, implicitMf), c = cellTraining(grid, tensor);
  EXPECT_EQ(a.optimizer.kind, OptimizerKind::Sgd);
  EXPECT_EQ(a.batchSize, 1);
  EXPECT_FLOAT_EQ(a.optimizer.l2, 0.1f);
  EXPECT_FLOAT_EQ(a.learningRate, 0.02f);
  EXPECT_FALSE(a.implicit);
  EXPECT_FALSE(a.pdcEachEpoch);
  EXPECT_EQ(b.optimizer.kind, OptimizerKind::Adam);
  EXPECT_FLOAT_EQ(b.optimizer.l2, 0.0001f);
  EXPECT_TRUE(b.implicit);
  EXPECT_EQ(c.batchSize, TrainParams{}.batchSize);
  EXPECT_EQ(c.threads, 2);
  // A preset's protocol replaces the recommendations; the user's fields still win.
  grid.presetTraining = TrainingRecommendation{OptimizerKind::Sgd, 0.01f, 1, 0.02f, 50};
  const TrainParams d = cellTraining(grid, tensor);
  EXPECT_EQ(d.optimizer.kind, OptimizerKind::Sgd);
  EXPECT_FLOAT_EQ(d.optimizer.l2, 0.02f);
  EXPECT_EQ(d.epochs, 50);
  EXPECT_FLOAT_EQ(d.learningRate, 0.02f);
  // Nothing recommended: the grid's training as given.
  grid.recommended = TrainFieldSet{};
  EXPECT_EQ(cellTraining(grid, mf).optimizer.kind, TrainParams{}.optimizer.kind);
}

TEST(MeanSd, HandComputedValues) {
  const std::vector<double> values = {1.0, 2.0, 3.0, 4.0};
  const MeanSd m = meanSd(values);
  EXPECT_EQ(m.count, 4);
  EXPECT_DOUBLE_EQ(m.mean, 2.5);
  EXPECT_NEAR(m.sd, std::sqrt(5.0 / 3.0), 1e-12);  // Σ(x − 2.5)² = 5, over n − 1 = 3
  const std::vector<double> withGap = {0.30, std::numeric_limits<double>::quiet_NaN(), 0.36};
  const MeanSd g = meanSd(withGap);
  EXPECT_EQ(g.count, 2);
  EXPECT_NEAR(g.mean, 0.33, 1e-12);
  EXPECT_NEAR(g.sd, std::sqrt(2 * 0.03 * 0.03), 1e-12);
  const std::vector<double> one = {0.7};
  EXPECT_DOUBLE_EQ(meanSd(one).sd, 0.0);
  EXPECT_FALSE(meanSd(std::vector<double>{}).defined());
}

FoldOutcome outcome(ModelKind model, int32_t dim, int32_t fold, double rmse, double validation) {
  FoldOutcome o;
  o.model = model;
  o.dim = dim;
  o.fold = fold;
  o.rmse = rmse;
  o.mae = rmse * 0.8;
  o.mse = rmse * rmse;
  o.validation = validation;
  o.pdc = {{1, 0.1 * (fold + 1)}};
  if (fold == 0) o.pdc[16] = 0.5;  // defined on one fold only
  o.params = 100 + dim;
  o.secondsPerEpoch = 0.01;
  o.epochs = 10 + fold;
  return o;
}

TEST(ExperimentResults, RowsSummariseFoldsAndMarkTheZValidationChose) {
  const std::vector<FoldOutcome> outcomes = {
      outcome(ModelKind::MF, 4, 0, 0.90, 0.95), outcome(ModelKind::MF, 4, 1, 1.00, 0.97),
      outcome(ModelKind::MF, 8, 0, 0.80, 0.99), outcome(ModelKind::MF, 8, 1, 0.84, 0.99),
      outcome(ModelKind::UserBias, 0, 0, 1.1, 1.2)};
  const std::vector<ResultRow> rows = summariseOutcomes(outcomes);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].dim, 4);
  EXPECT_EQ(rows[0].folds, 2);
  EXPECT_NEAR(rows[0].rmse.mean, 0.95, 1e-12);
  EXPECT_NEAR(rows[0].rmse.sd, std::sqrt(2 * 0.05 * 0.05), 1e-12);
  EXPECT_NEAR(rows[0].mse.mean, (0.81 + 1.0) / 2, 1e-12);
  EXPECT_NEAR(rows[0].pdc.at(1).mean, 0.15, 1e-12);
  EXPECT_EQ(rows[0].pdc.at(16).count, 1);
  EXPECT_NEAR(rows[0].epochs.mean, 10.5, 1e-12);
  // z = 8 has the better test RMSE, but z = 4 the better validation score: validation decides.
  EXPECT_TRUE(rows[0].bestOnValidation);
  EXPECT_FALSE(rows[1].bestOnValidation);
  EXPECT_TRUE(rows[2].bestOnValidation);
  EXPECT_FALSE(rows[0].hitRate.defined());
}

// bfm learns from the validation share as well (its validation score is a placeholder 0): no z of
// it is marked as validation's choice.
TEST(ExperimentResults, NoBfmRowIsMarkedAsValidationsChoice) {
  const std::vector<ResultRow> rows =
      summariseOutcomes({outcome(ModelKind::BFM, 8, 0, 0.85, 0.0), outcome(ModelKind::BFM, 16, 0, 0.84, 0.0)});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_FALSE(rows[0].bestOnValidation);
  EXPECT_FALSE(rows[1].bestOnValidation);
}

}  // namespace
}  // namespace ll
