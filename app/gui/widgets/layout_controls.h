#pragma once
// The projection toolbar's layout controls: PCA, UMAP or t-SNE for the movies, and the layout's
// parameters in a popup (UMAP: neighbours, minimum distance, epochs; t-SNE: perplexity,
// iterations, θ; both: distance, dimensions, seed), set before a run — the first choice of a
// method opens them instead of starting anything; Stop while it runs.

namespace ll::gui {

class ExploreState;

/// On the toolbar's current line; scale is the content scale.
void drawLayoutControls(ExploreState& explore, float scale);

}  // namespace ll::gui
