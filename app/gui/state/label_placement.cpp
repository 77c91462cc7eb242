#include "app/gui/state/label_placement.h"

namespace ll::gui {
namespace {

bool labelsOverlap(const PlacedLabel& a, const PlacedLabel& b, float gap) {
  return a.left < b.left + b.width + gap && b.left < a.left + a.width + gap && a.top < b.top + b.height + gap &&
         b.top < a.top + a.height + gap;
}

}  // namespace

std::vector<PlacedLabel> placeLabels(std::span<const LabelRequest> requests, const LabelArea& area,
                                     std::span<const PlacedLabel> obstacles) {
  std::vector<PlacedLabel> placed;
  for (const LabelRequest& r : requests) {
    const float g = area.gap;
    const float spots[4][2] = {{r.x + g, r.y - r.height * 0.5f},              // right
                               {r.x - g - r.width, r.y - r.height * 0.5f},    // left
                               {r.x - r.width * 0.5f, r.y - g - r.height},    // above
                               {r.x - r.width * 0.5f, r.y + g}};              // below
    for (const auto& spot : spots) {
      const PlacedLabel label{r.point, spot[0], spot[1], r.width, r.height};
      if (label.left < 0.0f || label.top < 0.0f || label.left + label.width > area.width || label.top + label.height > area.height) {
        continue;
      }
      bool free = true;
      for (const PlacedLabel& other : obstacles) {
        if (labelsOverlap(label, other, g)) {
          free = false;
          break;
        }
      }
      for (const PlacedLabel& other : placed) {
        if (!free) break;
        if (labelsOverlap(label, other, g)) {
          free = false;
          break;
        }
      }
      if (free) {
        placed.push_back(label);
        break;
      }
    }
  }
  return placed;
}

}  // namespace ll::gui
