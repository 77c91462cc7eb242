#pragma once
// What the Compare panel shows (Latent Spaces 2021 Tables 4–5, in the app): a film's cosine
// neighbours under each picked run's model side by side (neighbour_comparison.h), and the
// favourite films and distinctive features of one user cluster under each of them. The cluster is
// the Explore k-means' (its members); each run places the members' centroid in its own user space
// (kmeans.h partitionIn) and ranks the catalogue for it there, as the Clusters panel does.
// Neighbours are one pass over each run's index and are recomputed when their inputs change; the
// cluster comparison profiles a model per run and runs as a BackgroundJob.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "app/gui/state/run_models.h"
#include "core/analysis/cluster_profile.h"
#include "core/analysis/neighbour_comparison.h"
#include "core/util/background_job.h"

namespace ll::gui {

struct ClusterAcrossRuns {
  int32_t cluster = -1;
  std::vector<int64_t> runs;                   ///< one per list
  std::vector<std::vector<MovieScore>> films;  ///< favourite films per run, best first
  std::vector<std::vector<FeatureValue>> features;  ///< distinctive favourite features per run (empty lists without features)
  std::vector<ListPairOverlap> pairs;          ///< of the film lists
  std::vector<std::string> notes;              ///< per run: how its sensitivities were obtained

  bool filmInEveryList(int32_t item) const;
  bool featureInEveryList(int32_t feature) const;
};

class RunComparison {
 public:
  RunComparison() = default;
  RunComparison(const RunComparison&) = delete;
  RunComparison& operator=(const RunComparison&) = delete;

  std::vector<int64_t> picked;  ///< run ids ticked in the panel
  int32_t count = 10;           ///< films per list

  /// The picked runs whose models are in memory and belong to `data`, in picking order.
  std::vector<const RunModel*> comparable(const RunModels& models, const Dataset* data) const;

  /// The neighbours of `item` under the comparable runs (cached until an input changes).
  const NeighbourComparison& neighbours(const RunModels& models, const Dataset* data, int32_t item, int64_t minRatings,
                                        std::span<const int64_t> ratingCounts);
  /// The runs of the last neighbours(), one per list.
  const std::vector<int64_t>& neighbourRuns() const { return neighbourRuns_; }
  /// How many films every list of the last neighbours() holds.
  int32_t sharedByAll() const;

  /// Profiles cluster `cluster` of `assignment` (one per user, `clusters` clusters) under every
  /// comparable run, in the background.
  void compareCluster(const RunModels& models, const Dataset* data, std::span<const int32_t> assignment, int32_t clusters,
                      int32_t cluster, const RareMovieRule& rare);
  bool clusterRunning() const { return clusterJob_ != nullptr; }
  double clusterProgress() const { return clusterJob_ ? clusterJob_->progress() : 0.0; }
  /// Once per frame: collects a finished cluster job.
  void collect();
  const ClusterAcrossRuns* cluster() const { return cluster_.get(); }
  const std::string& clusterStatus() const { return clusterStatus_; }
  /// Forgets results (another data set opened).
  void reset();

 private:
  NeighbourComparison neighbours_;
  std::vector<int64_t> neighbourRuns_;
  struct Inputs {
    uint64_t modelsVersion = 0;
    const Dataset* data = nullptr;
    std::vector<int64_t> picked;
    int32_t item = -1, count = -1;
    int64_t minRatings = -1;
    bool operator==(const Inputs&) const = default;
  } neighbourInputs_;

  std::shared_ptr<const ClusterAcrossRuns> cluster_;
  std::unique_ptr<BackgroundJob<ClusterAcrossRuns>> clusterJob_;
  std::string clusterStatus_;
};

}  // namespace ll::gui
