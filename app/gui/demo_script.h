#pragma once
// --demo: the app drives itself, so one scripted screenshot shows a layout at work.
//   cockpit      trains tensor z=8 (both item inputs) as soon as the data is in;
//   explore(-3d) the same run, then once it has 5 epochs a tour: select the most rated film, run
//                k-means and pick a cluster, fold in a user from 5 ratings (with --spin it then
//                pauses the run and measures frames of the orbiting view);
//   experiments  a small Table I-shaped sweep instead of a run;
//   experiments-fig3  a small run of Rendle et al. 2020 Fig. 3 (unless results were loaded);
//   tune         the cockpit with a short tune of mf (the Training panel's Tune) instead of a run;
//   select       the explore tour, then a lasso over the middle of the comet with the rest greyed
//                (isolate) and the Selection panel's summary;
//   umap         the explore run, paused after 5 epochs, laid out by UMAP (drawn as it forms),
//                coloured by genre; tsne: the same by t-SNE; axes: custom axes Comedy → Drama
//                and Horror → Romance; trust: UMAP coloured by trust,
//                after PCA's, so the status line compares the two; replay: the run's epochs
//                replayed, stopped half-way, with the most-rated film's path (its frames exported
//                as PNGs beside the screenshot, in replay-frames/); views: the UMAP
//                with a picked film and a selection saved as a view, PCA shown, the view restored;
//   spread       bfm (Gibbs) trained instead, the comet drawn with each film's posterior spread;
//   compare      Explore with the Compare panel: trains mf at z = 3, 10 and 64 one after the other,
//                ticks the three runs, selects the most rated film, runs k-means, picks the
//                largest cluster and compares its favourites across the runs.
// --model, --dim and --threads (DemoRun) replace the run's model, z and threads in any of them
// that trains one (e.g. mf k=32 on 2 threads for the frame times of a large world's comet).
// Scripted runs keep drawing until the demo got there (or a timeout passes).

#include <optional>
#include <string>

#include "app/gui/state/experiment_state.h"
#include "app/gui/state/explore_state.h"
#include "app/gui/state/frame_context.h"
#include "app/gui/state/training_settings.h"

namespace ll::gui {

/// What the command line chose for the demo's run instead of the layout's own.
struct DemoRun {
  std::optional<ModelKind> model;  ///< trained with its recommended settings (default: the layout's model)
  int32_t dim = 0;                 ///< > 0: z (default: 0, the layout's or the model's)
  int32_t threads = 0;             ///< > 0: the run's threads (default: 0, the Training form's)
};

class DemoScript {
 public:
  /// layout: AppConfig::layout; spin: AppConfig::spin. A disabled script does nothing.
  /// outputs: a folder the demo may write into (the screenshot's), or empty.
  /// run: the command line's model, z and threads for the demo's run.
  DemoScript(bool enabled, const std::string& layout, bool spin, std::string outputs = {}, DemoRun run = {});

  bool enabled() const { return mode_ != Mode::Off; }
  /// The demo's model, put into the Training form (the user's saved settings are not touched).
  void chooseModel(TrainingSettings& settings) const;
  /// Once per frame, after the state was refreshed: starts the run or the sweep, walks the tour.
  void advance(const FrameContext& frame, AppCommands& commands, ExploreState& explore, ExperimentState& experiments);
  /// The demo has not got where its screenshot should show it yet.
  bool pending(const FrameContext& frame, const ExperimentState& experiments) const;

 private:
  enum class Mode { Off, Training, Tour, Sweep, DotProduct, Tune, Compare, Layout };
  enum class LayoutStep { PcaTrust, Layout, LayoutTrust, Replay, ReplayExport, SaveView, RestoreView, Spread, Done };
  enum class TourStep { SelectFilm, RunClusters, PickCluster, FoldIn, Lasso, Summary, Done };
  enum class CompareStep { Train, PickRuns, RunClusters, CompareCluster, Done };

  /// The model the layout's demo shows at its best (tensor z=8, mf for tune and compare, bfm for spread).
  void chooseLayoutModel(TrainingSettings& settings) const;
  bool needsMoreEpochs(const FrameContext& frame) const;
  void advanceTour(AppCommands& commands, ExploreState& explore);
  void advanceCompare(const FrameContext& frame, AppCommands& commands, ExploreState& explore);
  void advanceLayout(AppCommands& commands, ExploreState& explore);

  Mode mode_ = Mode::Off;
  bool spin_ = false;
  bool lasso_ = false;  // --view select: the tour ends with a lasso selection
  bool trust_ = false;  // --view trust: the layout demo colours by trust
  LayoutMethod layoutMethod_ = LayoutMethod::Umap;  // --view tsne: t-SNE
  bool replay_ = false;  // --view replay: the run's epochs replayed instead of a layout
  bool views_ = false;   // --view views: the UMAP saved as a view, the comet shown, the view restored
  bool spread_ = false;  // --view spread: bfm trained, the comet drawn with each film's posterior spread
  LayoutStep layoutStep_ = LayoutStep::PcaTrust;
  std::string outputs_;
  DemoRun run_;
  bool runStarted_ = false;
  bool sweepStarted_ = false;
  bool tuneStarted_ = false;
  TourStep tourStep_ = TourStep::SelectFilm;
  CompareStep compareStep_ = CompareStep::Train;
  size_t compareRuns_ = 0;  // runs started so far
  int64_t firstCompareRun_ = 0;  // the id of the first
};

}  // namespace ll::gui
