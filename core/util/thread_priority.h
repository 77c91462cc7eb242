#pragma once
// Work beside the interface steps aside for it. On a 2-core machine the UI thread and the
// software rasteriser's threads share the cores with a training run or a UMAP/t-SNE computing;
// at equal priority the work keeps its time slices and a frame that needs them waits. A thread
// lowered by a few nice levels still gets every cycle the interface leaves, and yields when a
// frame draws. Used by the app's training session and layout jobs at +5; not by sweeps, loads
// or other jobs, and never lower: at +10 for every job (withdrawn 2026-12-06) a sweep beside
// other busy processes was starved.
//
//   std::thread([] { lowerThisThreadPriority(5); compute(); });

namespace ll {

/// Lowers the calling thread's scheduling priority to `nice` (Linux: this thread only; threads it
/// creates afterwards inherit it). Never raises it. Best effort: where the system refuses,
/// nothing changes.
void lowerThisThreadPriority(int nice);

}  // namespace ll
