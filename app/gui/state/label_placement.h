#pragma once
// Titles beside points without overlaps: labels are placed greedily in priority order (the picked
// film first, then the most-rated films in view), each at the first of four spots around its point
// — right, left, above, below — that stays inside the view and clear of every label placed before;
// a label with no free spot is left out. Deterministic, O(labels²) with a few dozen labels per frame.

#include <cstdint>
#include <span>
#include <vector>

namespace ll::gui {

struct LabelRequest {
  int32_t point = -1;
  float x = 0.0f, y = 0.0f;            ///< the point on screen (pixels from the view's top-left)
  float width = 0.0f, height = 0.0f;  ///< the text's size
};

struct PlacedLabel {
  int32_t point = -1;
  float left = 0.0f, top = 0.0f;  ///< the text's top-left corner
  float width = 0.0f, height = 0.0f;
};

struct LabelArea {
  float width = 0.0f, height = 0.0f;  ///< the view
  float gap = 4.0f;                  ///< between a point and its label, and around every label
};

/// The labels that fit, in the order requested; none covers an obstacle (a legend drawn over the view).
std::vector<PlacedLabel> placeLabels(std::span<const LabelRequest> requests, const LabelArea& area,
                                     std::span<const PlacedLabel> obstacles = {});

}  // namespace ll::gui
