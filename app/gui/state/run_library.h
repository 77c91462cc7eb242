#pragma once
// Every finished, stopped or loaded run: its settings and its history (never its embeddings),
// so curves of different models can be overlaid. Persisted in
// $XDG_DATA_HOME/latentlens/runs.json ({"format_version": 1, "runs": [...]}), written atomically
// after every change. The App owns the library; panels tick, colour and delete runs through it.
// Several windows may share the file: each save first takes in the runs other windows added or
// deleted since this one last read or wrote it (under a lock, io/shared_file.h), so none is lost.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "app/gui/state/run_curves.h"
#include "app/gui/state/training_settings.h"
#include "core/train/training_history.h"

namespace ll::gui {

struct RunRecord {
  int64_t id = 0;              ///< unique within the library, increasing
  std::string name;            ///< "#3 tensor z=8 · both · adam"
  std::string created;         ///< local time, "2024-05-01 14:03"
  std::string outcome;         ///< "finished", "stopped", "failed" or "loaded"
  std::string message;         ///< why it ended, as the trainer said
  std::string dataSource;      ///< Dataset::source it was trained on
  std::string split;           ///< the split's --split form
  TrainingSettings settings;
  int64_t parameterCount = 0;
  TrainingHistory history;
  TrainingHistory refitHistory;  ///< the refit after selection, when there was one (its test figures are the run's)
  bool shown = true;           ///< ticked: overlaid on the curves
  int colour = 0;              ///< index into the run palette

  RunCurves curves;            ///< derived from history when added or loaded; not persisted
};

class RunLibrary {
 public:
  /// file empty: nothing is read or written (scripted runs and tests).
  explicit RunLibrary(std::filesystem::path file);

  /// Reads the file. A missing file is an empty library; a damaged or newer one is moved aside
  /// to runs.json.bad (never overwritten silently) and the reason returned.
  std::string load();
  /// Writes the file atomically, after taking in other windows' changes; returns an empty string
  /// or the reason.
  std::string save();

  /// Adds a run (id, colour and curves are filled in) and saves. Returns the stored record. Its id
  /// is nextId() unless another window has added runs meanwhile.
  const RunRecord& add(RunRecord run);
  void remove(int64_t id);
  std::vector<RunRecord>& runs() { return runs_; }
  const std::vector<RunRecord>& runs() const { return runs_; }
  /// The id and colour the next added run will get (the live run is drawn in it already).
  int64_t nextId() const { return nextId_; }
  int nextColour() const;
  /// The last save or load problem, for the status line (empty when fine).
  const std::string& lastError() const { return lastError_; }

 private:
  /// Merges the file's runs into ours: adds those another window added, drops those it deleted.
  void takeInOthers(std::vector<RunRecord> onDisk);
  /// Applies change to the runs (merged with the file's first) and writes them.
  std::string saveChanging(const std::function<void()>& change);

  std::filesystem::path file_;
  std::vector<RunRecord> runs_;
  std::set<int64_t> stored_;  ///< ids of the runs the file held when this window last read or wrote it
  int64_t nextId_ = 1;
  std::string lastError_;
};

}  // namespace ll::gui
