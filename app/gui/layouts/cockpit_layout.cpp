#include "app/gui/layouts/cockpit_layout.h"

#include "app/gui/panels/curves_panel.h"
#include "app/gui/panels/data_panel.h"
#include "app/gui/panels/training_panel.h"

namespace ll::gui {
namespace {

// First-use layout, as fractions of the work area (fits 1280×800): Data over Training on the
// left, Curves on the right.
constexpr float kLeftColumn = 0.40f;
constexpr float kDataHeight = 0.38f;

}  // namespace

CockpitLayout::CockpitLayout() {
  panels_.push_back(std::make_unique<DataPanel>(PanelPlacement{0.0f, 0.0f, kLeftColumn, kDataHeight, 400.0f}));
  panels_.push_back(
      std::make_unique<TrainingPanel>(PanelPlacement{0.0f, kDataHeight, kLeftColumn, 1.0f - kDataHeight, 400.0f}));
  panels_.push_back(std::make_unique<CurvesPanel>(PanelPlacement{kLeftColumn, 0.0f, 1.0f - kLeftColumn, 1.0f, 0.0f}));
}

}  // namespace ll::gui
