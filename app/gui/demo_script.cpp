#include "app/gui/demo_script.h"

#include <algorithm>
#include <filesystem>

#include "app/gui/state/run_library.h"
#include "app/gui/state/run_models.h"
#include "app/gui/state/tune_state.h"

namespace ll::gui {
namespace {

constexpr size_t kDemoEpochs = 5;  // the run's epochs before the screenshot (or the run's end)
constexpr int32_t kCompareDims[] = {3, 10, 64};  // Latent Spaces 2021 Tables 4–5 (300 → 64: a demo)

bool dataFailed(const FrameContext& frame) { return frame.dataset && frame.dataset->phase == DatasetState::Phase::Failed; }

}  // namespace

DemoScript::DemoScript(bool enabled, const std::string& layout, bool spin, std::string outputs, DemoRun run)
    : spin_(spin), outputs_(std::move(outputs)), run_(run) {
  if (!enabled) return;
  if (layout == "experiments") {
    mode_ = Mode::Sweep;
  } else if (layout == "experiments-fig3") {
    mode_ = Mode::DotProduct;
  } else if (layout == "tune") {
    mode_ = Mode::Tune;
  } else if (layout == "explore" || layout == "explore-3d" || layout == "select") {
    mode_ = Mode::Tour;
    lasso_ = layout == "select";
  } else if (layout == "compare") {
    mode_ = Mode::Compare;
  } else if (layout == "umap" || layout == "tsne" || layout == "axes" || layout == "trust" || layout == "replay" || layout == "views" || layout == "spread") {
    mode_ = Mode::Layout;
    trust_ = layout == "trust";
    replay_ = layout == "replay";
    views_ = layout == "views";
    spread_ = layout == "spread";
    if (layout == "tsne") layoutMethod_ = LayoutMethod::Tsne;
    if (layout == "axes") layoutMethod_ = LayoutMethod::Axes;
  } else {
    mode_ = Mode::Training;
  }
}

void DemoScript::chooseModel(TrainingSettings& settings) const {
  if (mode_ == Mode::Off || mode_ == Mode::Sweep || mode_ == Mode::DotProduct) return;
  chooseLayoutModel(settings);
  if (run_.model) {
    settings.chooseModel(*run_.model);
    settings.split.clear();
  }
  if (run_.dim > 0) settings.dim = run_.dim;
  if (run_.threads > 0) settings.threads = run_.threads;
}

void DemoScript::chooseLayoutModel(TrainingSettings& settings) const {
  if (mode_ == Mode::Tune || mode_ == Mode::Compare) {
    settings.chooseModel(ModelKind::MF);
    settings.split.clear();
    if (mode_ == Mode::Compare) {
      settings.dim = kCompareDims[0];
      settings.epochs = 15;
    }
    return;
  }
  if (spread_) {  // the Bayesian model: the only one with a posterior to draw
    settings.chooseModel(ModelKind::BFM);
    settings.dim = 8;
    settings.split.clear();
    return;
  }
  // The paper's best model on both kinds of item input.
  settings.model = ModelKind::Tensor;
  settings.dim = 8;
  settings.itemInput = ItemInput::Both;
  settings.epochs = 40;
  settings.split.clear();
}

void DemoScript::advance(const FrameContext& frame, AppCommands& commands, ExploreState& explore,
                         ExperimentState& experiments) {
  if (mode_ == Mode::Off || frame.dataset->phase != DatasetState::Phase::Ready) return;
  if (mode_ == Mode::Sweep) {
    if (sweepStarted_) return;
    sweepStarted_ = true;
    ExperimentForm& form = experiments.form;
    form.models = {ModelKind::UserBias, ModelKind::Linear, ModelKind::MF, ModelKind::Add, ModelKind::Tensor};
    form.dims = "2,4,8,16";
    form.folds = "3";
    form.epochs = 12;
    experiments.run(frame.dataset->dataset);
    return;
  }
  if (mode_ == Mode::DotProduct) {
    if (sweepStarted_) return;
    sweepStarted_ = true;
    if (experiments.dotProduct.results() != nullptr) return;  // --results loaded a run to show
    DotProductForm& form = experiments.dotProduct.form;
    form.dims = "4,8";
    form.users = "100,200,400,800";
    form.repeats = 1;
    form.epochs = 10;
    experiments.run(nullptr);
    return;
  }
  if (mode_ == Mode::Tune) {
    if (tuneStarted_ || frame.tune == nullptr) return;
    tuneStarted_ = true;
    frame.tune->form.budgetMinutes = 2.0f;
    frame.tune->form.trials = 54;  // two brackets: a few seconds for mf
    frame.tune->run(frame.dataset->dataset, *frame.settings);
    return;
  }
  if (mode_ == Mode::Compare) {
    advanceCompare(frame, commands, explore);
    return;
  }
  if (!runStarted_) {
    runStarted_ = true;
    commands.startTraining();
    return;
  }
  if (mode_ == Mode::Tour && !needsMoreEpochs(frame)) advanceTour(commands, explore);
  if (mode_ == Mode::Layout && !needsMoreEpochs(frame)) advanceLayout(commands, explore);
}

void DemoScript::advanceLayout(AppCommands& commands, ExploreState& explore) {
  if (explore.projection() == nullptr) return;
  switch (layoutStep_) {
    case LayoutStep::PcaTrust:
      commands.pauseTraining();  // one set of embeddings for every layout
      explore.options.colour = trust_ ? ColourMode::Trust : ColourMode::Genre;
      if (trust_ && explore.layouts.trustSummary().empty()) return;  // PCA's first, for the comparison
      layoutStep_ = replay_ ? LayoutStep::Replay : spread_ ? LayoutStep::Spread : LayoutStep::Layout;
      return;
    case LayoutStep::Layout:
      if (explore.layouts.running() || explore.layouts.frame() != nullptr) {
        if (!explore.layouts.running()) layoutStep_ = trust_ ? LayoutStep::LayoutTrust : views_ ? LayoutStep::SaveView : LayoutStep::Done;
        return;
      }
      explore.options.method = layoutMethod_;
      if (layoutMethod_ == LayoutMethod::Axes && explore.dataset() != nullptr) {
        // Comedy → Drama across, Horror → Romance up, where the data set has those genres.
        const std::vector<std::string>& names = explore.dataset()->genreNames;
        const auto index = [&](const char* name, int32_t otherwise) {
          const auto at = std::find(names.begin(), names.end(), name);
          return at == names.end() ? otherwise : static_cast<int32_t>(at - names.begin());
        };
        AxesChoice& axes = explore.layouts.axes;
        axes = {index("Comedy", 0), index("Drama", 1), true, index("Horror", 2), index("Romance", 3)};
      }
      explore.runLayout();
      return;
    case LayoutStep::LayoutTrust:
      if (explore.layouts.trustSummary().find(" · ") != std::string::npos) layoutStep_ = LayoutStep::Done;
      return;
    case LayoutStep::Replay: {
      ReplayState& replay = explore.replay;
      if (!replay.active) {
        const CatalogueFacts* facts = explore.facts();
        if (facts == nullptr || facts->itemRatings.empty()) return;
        const auto most = std::max_element(facts->itemRatings.begin(), facts->itemRatings.end());
        explore.selectMovie(static_cast<int32_t>(most - facts->itemRatings.begin()));
        explore.startReplay();
        return;
      }
      if (replay.preparing() || replay.frames() == 0) return;
      if (!outputs_.empty()) {
        replay.exportFolder = (std::filesystem::path(outputs_) / "replay-frames").string();
        replay.startExport();
        layoutStep_ = LayoutStep::ReplayExport;
        return;
      }
      replay.frame = replay.frames() / 2;  // half-way: the film's path so far, the comet still forming
      layoutStep_ = LayoutStep::Done;
      return;
    }
    case LayoutStep::ReplayExport:
      if (explore.replay.exporting()) return;
      explore.replay.frame = explore.replay.frames() / 2;  // half-way: the film's path so far, the comet still forming
      layoutStep_ = LayoutStep::Done;
      return;
    case LayoutStep::SaveView: {
      const CatalogueFacts* facts = explore.facts();
      if (facts == nullptr || facts->itemRatings.empty()) return;
      const auto most = std::max_element(facts->itemRatings.begin(), facts->itemRatings.end());
      explore.selectMovie(static_cast<int32_t>(most - facts->itemRatings.begin()));
      explore.selectPickedAndNeighbours();
      ProjectionCamera camera;
      camera.zoomBy(1.5f);
      explore.views.save(explore.captureView("umap demo", camera));
      explore.options.method = LayoutMethod::Pca;  // away from it: the comet, nothing selected
      explore.selection.clear();
      layoutStep_ = LayoutStep::RestoreView;
      return;
    }
    case LayoutStep::RestoreView: {
      const std::vector<SavedView> views = explore.views.list(explore.dataset()->source);
      if (!views.empty()) explore.applyView(views.front());
      layoutStep_ = LayoutStep::Done;
      return;
    }
    case LayoutStep::Spread:
      explore.showUncertainty = true;
      if (explore.uncertainty() != nullptr) layoutStep_ = LayoutStep::Done;
      return;
    case LayoutStep::Done: return;
  }
}

bool DemoScript::pending(const FrameContext& frame, const ExperimentState& experiments) const {
  if (mode_ == Mode::Off || dataFailed(frame)) return false;
  switch (mode_) {
    case Mode::Sweep:
    case Mode::DotProduct: return !sweepStarted_ || experiments.running();
    case Mode::Tune: return !tuneStarted_ || (frame.tune != nullptr && frame.tune->running());
    case Mode::Training: return needsMoreEpochs(frame);
    case Mode::Compare:
      if (runStarted_ && frame.training->phase == TrainingView::Phase::Idle) return false;  // the run was refused
      return compareStep_ != CompareStep::Done || (frame.explore != nullptr && frame.explore->comparison.clusterRunning());
    case Mode::Layout: return needsMoreEpochs(frame) || layoutStep_ != LayoutStep::Done;
    case Mode::Tour:
      if (needsMoreEpochs(frame)) return true;
      if (frame.training->phase == TrainingView::Phase::Idle && runStarted_) return false;  // the run was refused
      return tourStep_ != TourStep::Done;
    case Mode::Off: break;
  }
  return false;
}

bool DemoScript::needsMoreEpochs(const FrameContext& frame) const {
  if (dataFailed(frame)) return false;  // nothing to train on
  if (!runStarted_) return true;
  const TrainingView& run = *frame.training;
  if (run.phase == TrainingView::Phase::Idle) return false;  // refused to start: nothing to wait for
  if (run.phase == TrainingView::Phase::Ended) return false;
  // bfm's posterior sds exist after its burn-in (20 sweeps): the spread demo waits past it.
  return run.snapshot->history.epochs.size() < (spread_ ? kDemoEpochs + 25 : kDemoEpochs);
}

void DemoScript::advanceTour(AppCommands& commands, ExploreState& explore) {
  const CatalogueFacts* facts = explore.facts();
  switch (tourStep_) {
    case TourStep::SelectFilm: {
      if (facts == nullptr || explore.projection() == nullptr || facts->itemRatings.empty()) return;
      const auto most = std::max_element(facts->itemRatings.begin(), facts->itemRatings.end());
      explore.selectMovie(static_cast<int32_t>(most - facts->itemRatings.begin()));
      if (!explore.options.threeD) explore.options.colour = ColourMode::Genre;
      tourStep_ = TourStep::RunClusters;
      return;
    }
    case TourStep::RunClusters:
      explore.runClusters();
      tourStep_ = TourStep::PickCluster;
      return;
    case TourStep::PickCluster: {
      if (explore.clustersRunning()) return;
      const ClusterAnalysis* clusters = explore.clusters();
      if (clusters == nullptr) {
        tourStep_ = TourStep::Done;  // k-means failed: its status says why
        return;
      }
      const auto& sizes = clusters->kmeans.sizes;
      explore.selectCluster(static_cast<int32_t>(std::max_element(sizes.begin(), sizes.end()) - sizes.begin()));
      // The new user loves the selected film and its nearest neighbours and dislikes what the
      // cluster ranks lowest.
      explore.setFoldInRating(explore.selectedMovie(), 5.0f);
      const std::vector<Neighbour>& near = explore.neighbours();
      for (size_t k = 0; k < near.size() && k < 2; ++k) explore.setFoldInRating(near[k].item, k == 0 ? 5.0f : 4.0f);
      if (clusters->profiles && explore.selectedCluster() >= 0) {
        const ClusterProfile& p = clusters->profiles->clusters[static_cast<size_t>(explore.selectedCluster())];
        for (size_t k = 0; k < p.bottom.size() && k < 2; ++k) explore.setFoldInRating(p.bottom[k].item, k == 0 ? 1.0f : 2.0f);
      }
      explore.runFoldIn();
      tourStep_ = TourStep::FoldIn;
      return;
    }
    case TourStep::FoldIn:
      if (explore.foldInRunning()) return;
      if (lasso_) {
        tourStep_ = TourStep::Lasso;
        return;
      }
      tourStep_ = TourStep::Done;
      if (spin_) {
        // Frame-time measurement: from here on the view alone, the run paused so it keeps no core.
        commands.pauseTraining();
        explore.measureFrames = true;
      }
      return;
    case TourStep::Lasso:
      // A freehand-like loop over the middle of the view, as fractions of its width and height.
      explore.selection.scriptedLasso = {{0.40f, 0.34f}, {0.48f, 0.30f}, {0.56f, 0.36f}, {0.58f, 0.46f},
                                         {0.52f, 0.54f}, {0.44f, 0.55f}, {0.39f, 0.48f}, {0.43f, 0.42f}};
      explore.selection.isolate = true;
      tourStep_ = TourStep::Summary;
      return;
    case TourStep::Summary:
      if (explore.selection.summary() != nullptr || (explore.selection.empty() && explore.selection.scriptedLasso.empty())) {
        tourStep_ = TourStep::Done;
      }
      return;
    case TourStep::Done: return;
  }
}

void DemoScript::advanceCompare(const FrameContext& frame, AppCommands& commands, ExploreState& explore) {
  const TrainingView& run = *frame.training;
  switch (compareStep_) {
    case CompareStep::Train:
      if (run.active()) return;
      if (runStarted_ && run.phase == TrainingView::Phase::Idle) return;  // refused: pending() gives up
      if (compareRuns_ == std::size(kCompareDims)) {
        compareStep_ = CompareStep::PickRuns;
        return;
      }
      if (compareRuns_ == 0) firstCompareRun_ = frame.runs->nextId();
      frame.settings->dim = kCompareDims[compareRuns_++];
      runStarted_ = true;
      commands.startTraining();
      return;
    case CompareStep::PickRuns: {
      const CatalogueFacts* facts = explore.facts();
      explore.comparison.picked.clear();
      for (int64_t id = firstCompareRun_; id < frame.runs->nextId(); ++id) {
        if (frame.runModels->find(id) == nullptr) return;  // its model is still on its way
        explore.comparison.picked.push_back(id);
      }
      if (facts == nullptr || facts->itemRatings.empty()) return;
      const auto most = std::max_element(facts->itemRatings.begin(), facts->itemRatings.end());
      explore.selectMovie(static_cast<int32_t>(most - facts->itemRatings.begin()));
      compareStep_ = CompareStep::RunClusters;
      return;
    }
    case CompareStep::RunClusters:
      if (explore.projection() == nullptr) return;  // the last run's vectors are still being projected
      explore.runClusters();
      compareStep_ = CompareStep::CompareCluster;
      return;
    case CompareStep::CompareCluster: {
      if (explore.clustersRunning()) return;
      const ClusterAnalysis* clusters = explore.clusters();
      if (clusters == nullptr) {
        compareStep_ = CompareStep::Done;  // k-means failed: its status says why
        return;
      }
      const auto& sizes = clusters->kmeans.sizes;
      const auto largest = static_cast<int32_t>(std::max_element(sizes.begin(), sizes.end()) - sizes.begin());
      explore.selectCluster(largest);
      explore.comparison.compareCluster(*frame.runModels, explore.dataset(), clusters->kmeans.assignment,
                                        clusters->kmeans.clusters, largest, explore.rareMovieRule());
      compareStep_ = CompareStep::Done;
      return;
    }
    case CompareStep::Done: return;
  }
}

}  // namespace ll::gui
