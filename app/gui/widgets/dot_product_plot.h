#pragma once
// Rendle et al. 2020 Fig. 3 in the Experiments view: the approximation error RMSE(MLP) − RMSE(dot)
// against the number of users M (log axis; log y by default), one colour per (d, h), solid on the
// fresh set and dashed on the test set, with the paper's 0.01 ("very significant") and 0.001
// ("significant") lines; and the table of the points it plots.

#include <optional>

#include "app/gui/widgets/line_plot.h"
#include "core/experiment/dot_product_learning.h"

namespace ll::gui::widgets {

/// One row per (d, h, M): the errors (mean ± sd over repeats), the RMSEs, the MLP's size.
void dotProductTable(const DotProductLearningResults& results, float height);

class DotProductPlot {
 public:
  /// Full available width, plot area `height` tall. Returns the LinePlot's PNG request.
  std::optional<PlotPngRequest> draw(const DotProductLearningResults& results, float height);
  void setExportStatus(std::string status) { plot_.setExportStatus(std::move(status)); }

 private:
  LinePlot plot_{"experiment-fig3", 0.0f, true};
};

}  // namespace ll::gui::widgets
