#pragma once
// The files of a tune: the resumable state (tune-state.json, written after every step) and the
// results (tune-results.json). Both are JSON with a format name, a version and a checksum, written
// atomically (io/atomic_file.h). Shapes (keys scripts may rely on):
//   {"format", "version", "search": {…what a resumed run must match…}, "rung_epochs": [r, …, R],
//    "space": {"optimizer", "lr": [lo, hi], "l2": [lo, hi], "batch": […], "dims": […], "max_epochs"},
//    "trials": [{"id" (0-based), "trial" (id + 1, as shown), "bracket", "optimizer", "lr", "l2", "batch", "dim", "status",
//                "rungs": [{"epochs", "score", "best_epoch", "seconds", "stop"}]}],
//    "best": {"id", "trial", "optimizer", "lr", "l2", "batch", "dim", "score", "best_epoch", "epochs"} | null,
//    "score", "steps", "elapsed_seconds", "complete", "ended", "checksum"}

#include <filesystem>
#include <string>

#include "core/data/dataset.h"
#include "core/tune/tuner.h"

namespace ll {

/// The search's identity: data checksum, model, seed, split, validation share, space, rungs and
/// the training options a trial's result depends on (threads included). JSON text.
std::string searchIdentity(const Dataset& data, const TuneParams& params, const TuneResult& shape, int32_t threads);

/// The whole record as JSON text; `state` selects the state file's format name.
std::string tuneJson(const TuneResult& result, bool state);

/// Writes the state file / the results file. Throws std::runtime_error naming the path.
void saveTuneState(const TuneResult& result, const std::filesystem::path& path);
void saveTuneResults(const TuneResult& result, const std::filesystem::path& path);

/// Fills result's trials, steps and elapsed time from a state file of the same search (result's
/// identity). Throws InputError naming the file when it is damaged, of another kind or a newer
/// version, or holds another search (saying which setting differs).
void loadTuneState(const std::filesystem::path& path, TuneResult& result);

}  // namespace ll
