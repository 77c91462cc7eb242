#pragma once
// The projection toolbar's layout controls: PCA or UMAP for the movies, and UMAP's parameters in a
// popup (neighbours, minimum distance, epochs, distance, dimensions, seed), set before a run —
// the first choice of UMAP opens them instead of starting anything; Stop while it runs.

namespace ll::gui {

class ExploreState;

/// On the toolbar's current line; scale is the content scale.
void drawLayoutControls(ExploreState& explore, float scale);

}  // namespace ll::gui
