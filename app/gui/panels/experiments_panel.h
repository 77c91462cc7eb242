#pragma once
// The Experiments panel: a grid of models × z × folds (or a source figure's preset), run as a
// background sweep with progress, ETA and Cancel; the results table (widgets/experiment_table.h:
// mean ± sd, the z each model's validation score chose, each row against the best); PDC paper
// Fig. 4 (PDC against the co-rating threshold per model and z) and a metric against z (Latent
// Spaces 2021 Fig. 8: MSE vs k; Rendle et al. 2020 Fig. 2: HR@10 / NDCG@10 vs z, with the
// popularity baseline); saving and loading results as CSV or JSON. The fig3 preset (Rendle et al.
// 2020 Fig. 3, an MLP learning a dot product on synthetic embeddings) swaps in its own form, table
// and plot (widgets/dot_product_plot.h).

#include <array>

#include "app/gui/panels/panel.h"
#include "app/gui/widgets/dot_product_plot.h"
#include "app/gui/widgets/line_plot.h"

namespace ll {
struct ExperimentResults;
}

namespace ll::gui {

class ExperimentState;

class ExperimentsPanel final : public Panel {
 public:
  explicit ExperimentsPanel(PanelPlacement placement);

 protected:
  void drawContent(const FrameContext& frame) override;

 private:
  void drawGridForm(const FrameContext& frame, ExperimentState& experiments);
  void drawDotProductForm(const FrameContext& frame, ExperimentState& experiments);
  void drawDotProductResults(const FrameContext& frame, const ExperimentState& experiments);
  void drawRunControls(const FrameContext& frame, ExperimentState& experiments);
  void drawFileControls(const FrameContext& frame, ExperimentState& experiments);
  void drawPdcPlot(const FrameContext& frame, const ExperimentResults& results, float height);
  void drawMetricPlot(const FrameContext& frame, const ExperimentResults& results, float height);

  widgets::LinePlot pdcPlot_{"experiment-pdc"};
  widgets::LinePlot metricPlot_{"experiment-metric"};
  widgets::DotProductPlot fig3Plot_;
  int pdcModel_ = -1;  ///< −1: the validation-chosen z of every model; else a ModelKind: all its z
  int metric_ = -1;    ///< index into the metric list; −1: pick by what the results measured
};

}  // namespace ll::gui
