#pragma once
// Background work yields the processor to the interface. On a 2-core machine the UI thread and
// the software rasteriser's threads share the cores with a layout or a training run; at normal
// priority a long computation keeps its time slices and a frame that needs them waits (a 60k
// UMAP took the app's p99 to ~60 ms). Lowered, the computation runs whenever the interface idles
// and steps aside when it draws — the same total work, the frames on time.
//
//   std::thread([] { lowerThisThreadPriority(); compute(); });   // threads it starts inherit it

namespace ll {

/// Lowers the calling thread's scheduling priority (Linux: nice +10 for this thread only; threads
/// it creates afterwards inherit it). Best effort: where the system refuses, nothing changes.
void lowerThisThreadPriority();

}  // namespace ll
