#pragma once
// The Cockpit layout: Data over Training on the left, the live Curves on the right. Its panels
// work on the App's shared state (data set, training settings and run, run library).

#include "app/gui/layouts/layout.h"

namespace ll::gui {

class CockpitLayout final : public Layout {
 public:
  CockpitLayout();
};

}  // namespace ll::gui
