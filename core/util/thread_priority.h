#pragma once
// A layout steps aside for the interface. On a 2-core machine the UI thread and the software
// rasteriser's threads share the cores with a UMAP or t-SNE computing beside them; at equal
// priority the layout keeps its time slices and a frame that needs them waits. A thread lowered
// by a few nice levels still gets every cycle the interface leaves, and yields when a frame
// draws. Only the layout jobs use it: a training run or a sweep at lowered priority was starved
// by other busy processes (withdrawn on 2026-12-06), and those are what a user waits for.
//
//   BackgroundJob([] { lowerThisThreadPriority(kLayoutNice); return compute(); });

namespace ll {

/// Lowers the calling thread's scheduling priority to `nice` (Linux: this thread only; threads it
/// creates afterwards inherit it). Never raises it. Best effort: where the system refuses,
/// nothing changes.
void lowerThisThreadPriority(int nice);

}  // namespace ll
