#include "app/gui/state/run_comparison.h"

#include <algorithm>
#include <stdexcept>

#include "core/analysis/kmeans.h"

namespace ll::gui {
namespace {

constexpr int32_t kFeatures = 8;  // distinctive features listed per run

template <class List, class Key>
bool inEvery(const std::vector<List>& lists, Key key) {
  if (lists.empty()) return false;
  return std::all_of(lists.begin(), lists.end(), [&](const List& list) { return std::any_of(list.begin(), list.end(), key); });
}

}  // namespace

bool ClusterAcrossRuns::filmInEveryList(int32_t item) const {
  return inEvery(films, [item](const MovieScore& m) { return m.item == item; });
}

bool ClusterAcrossRuns::featureInEveryList(int32_t feature) const {
  if (std::any_of(features.begin(), features.end(), [](const auto& list) { return list.empty(); })) return false;
  return inEvery(features, [feature](const FeatureValue& f) { return f.feature == feature; });
}

std::vector<const RunModel*> RunComparison::comparable(const RunModels& models, const Dataset* data) const {
  std::vector<const RunModel*> out;
  for (const int64_t id : picked) {
    const RunModel* run = models.find(id);
    if (run != nullptr && data != nullptr && &run->model->data() == data) out.push_back(run);
  }
  return out;
}

const NeighbourComparison& RunComparison::neighbours(const RunModels& models, const Dataset* data, int32_t item,
                                                     int64_t minRatings, std::span<const int64_t> ratingCounts) {
  Inputs inputs{models.version(), data, picked, item, count, minRatings};
  if (inputs == neighbourInputs_) return neighbours_;
  neighbourInputs_ = std::move(inputs);
  neighbours_ = {};
  neighbourRuns_.clear();
  if (item < 0) return neighbours_;
  neighbours_.item = item;
  std::vector<std::vector<int32_t>> ids;
  for (const RunModel* run : comparable(models, data)) {
    if (run->movies->rows() <= item) continue;  // a model without movie vectors
    neighbourRuns_.push_back(run->runId);
    neighbours_.lists.push_back(run->movies->neighbours(item, {.count = count, .minRatings = minRatings}, ratingCounts));
    std::vector<int32_t>& films = ids.emplace_back();
    for (const Neighbour& n : neighbours_.lists.back()) films.push_back(n.item);
  }
  neighbours_.pairs = compareEveryPair(ids);
  return neighbours_;
}

int32_t RunComparison::sharedByAll() const {
  if (neighbours_.lists.empty()) return 0;
  return static_cast<int32_t>(std::count_if(neighbours_.lists.front().begin(), neighbours_.lists.front().end(),
                                            [&](const Neighbour& n) { return neighbours_.inEveryList(n.item); }));
}

void RunComparison::compareCluster(const RunModels& models, const Dataset* data, std::span<const int32_t> assignment,
                                   int32_t clusters, int32_t cluster, const RareMovieRule& rare) {
  struct Run {
    int64_t id;
    std::shared_ptr<const Model> model;
  };
  std::vector<Run> runs;
  for (const RunModel* run : comparable(models, data)) runs.push_back({run->runId, run->model});
  if (runs.empty() || cluster < 0 || cluster >= clusters) {
    clusterStatus_ = "Pick runs with a model, and a cluster in the Clusters panel.";
    return;
  }
  // The cluster against everyone else: two groups are all the profile needs.
  std::vector<int32_t> members(assignment.size());
  for (size_t u = 0; u < assignment.size(); ++u) members[u] = assignment[u] == cluster ? 0 : 1;
  clusterStatus_.clear();
  clusterJob_ = std::make_unique<BackgroundJob<ClusterAcrossRuns>>(
      [runs, members = std::move(members), cluster, rare, count = count](const JobProgress& progress) {
        ClusterAcrossRuns out;
        out.cluster = cluster;
        std::vector<std::vector<int32_t>> ids;
        for (size_t r = 0; r < runs.size(); ++r) {
          const Model& model = *runs[r].model;
          const KMeansResult groups = partitionIn(model.userEmbeddings(), model.data().ratings.userCount,
                                                  model.userEmbeddingDim(), members, 2);
          ClusterProfileParams params;
          params.movies = count;
          params.features = kFeatures;
          params.rare = rare;
          const ClusterProfiles profiles = profileClusters(model, groups, params, [&](double f) {
            return progress((static_cast<double>(r) + f) / static_cast<double>(runs.size()));
          });
          if (profiles.cancelled) throw std::runtime_error("cancelled");
          const ClusterProfile& profile = profiles.clusters.front();
          out.runs.push_back(runs[r].id);
          out.films.push_back(profile.top);
          out.features.push_back(profile.distinctive.favourite);
          out.notes.push_back(profiles.note);
          std::vector<int32_t>& films = ids.emplace_back();
          for (const MovieScore& m : profile.top) films.push_back(m.item);
        }
        out.pairs = compareEveryPair(ids);
        return out;
      });
}

void RunComparison::collect() {
  if (!clusterJob_) return;
  switch (clusterJob_->state()) {
    case JobState::Running: return;
    case JobState::Succeeded: cluster_ = clusterJob_->result(); break;
    case JobState::Failed: clusterStatus_ = "Could not compare the cluster: " + clusterJob_->error(); break;
    case JobState::Cancelled: clusterStatus_ = "Cancelled."; break;
  }
  clusterJob_.reset();
}

void RunComparison::reset() {
  clusterJob_.reset();
  cluster_.reset();
  clusterStatus_.clear();
  neighbourInputs_ = {};
  neighbours_ = {};
  neighbourRuns_.clear();
}

}  // namespace ll::gui
