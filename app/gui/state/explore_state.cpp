// ExploreState, sources: the data set's facts, the embeddings to analyse (newest snapshot, else
// a loaded model), the PCA job that follows them, the model the deeper analyses need, and what
// the point cloud is built from.

#include "app/gui/state/explore_state.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>

namespace ll::gui {

/// The copy of the model a run hands over: it arrives on the worker thread.
struct ExploreState::ModelHandOver {
  std::atomic<bool> arrived{false};
  std::mutex mutex;
  LoadedModel model;  // null model when the copy failed
  std::string error;
};

namespace {

CatalogueFacts computeFacts(const Dataset& data) {
  CatalogueFacts facts;
  const Ratings& ratings = data.ratings;
  facts.itemRatings.assign(static_cast<size_t>(ratings.itemCount), 0);
  facts.userRatings.assign(static_cast<size_t>(ratings.userCount), 0);
  std::vector<double> sums(static_cast<size_t>(ratings.itemCount), 0.0);
  for (size_t k = 0; k < ratings.size(); ++k) {
    const auto item = static_cast<size_t>(ratings.item[k]);
    ++facts.itemRatings[item];
    sums[item] += ratings.value[k];
    ++facts.userRatings[static_cast<size_t>(ratings.user[k])];
  }
  facts.itemMeanRating.resize(sums.size());
  for (size_t i = 0; i < sums.size(); ++i) {
    facts.itemMeanRating[i] = facts.itemRatings[i] > 0 ? static_cast<float>(sums[i] / facts.itemRatings[i]) : 0.0f;
  }
  facts.titles = TitleIndex(data);
  return facts;
}

}  // namespace

ExploreState::ExploreState() = default;

ExploreState::~ExploreState() = default;

void ExploreState::refresh(const std::shared_ptr<const DatasetState>& data, const TrainingView& training,
                           const std::shared_ptr<const Model>& loadedModel) {
  std::shared_ptr<const Dataset> current =
      data && data->phase == DatasetState::Phase::Ready ? data->dataset : std::shared_ptr<const Dataset>();
  if (current != open_.dataset) openDataset(std::move(current));
  selection.refresh(open_.dataset);
  if (!open_.dataset) return;
  // A loaded checkpoint counts only when it was trained on the data set now open.
  std::shared_ptr<const Model> usable = loadedModel && &loadedModel->data() == open_.dataset.get() ? loadedModel : nullptr;
  if (usable != open_.loadedModel) {
    open_.loadedModel = usable;
    if (open_.loadedModel && !open_.fromRun) open_.model = {open_.loadedModel, 0};
  }
  takeEmbeddings(training, open_.loadedModel);
  collectJobs();
  layouts.embeddingsChanged(open_.embeddingVersion);
  layouts.poll();
  replay.poll(std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count());
  if (options.colour == ColourMode::Trust) requestTrust();
  if (showUncertainty) updateUncertainty();
}

void ExploreState::startReplay() {
  if (!open_.projection || open_.projection->movies.rows == 0) return;
  options.points = PointSet::Movies;
  options.threeD = false;
  replay.active = true;
  replay.prepare(open_.projection->movies);
}

void ExploreState::runLayout() {
  const int32_t items = open_.dataset ? open_.dataset->ratings.itemCount : 0;
  if (!open_.itemVectors || open_.itemDim <= 0 || open_.itemVectors->size() != static_cast<size_t>(items) * open_.itemDim) return;
  const Dataset& data = *open_.dataset;
  if (options.method == LayoutMethod::PcaWithoutPopularity) {
    layouts.runWithoutCovariate(open_.itemVectors, items, open_.itemDim, open_.embeddingVersion, logRatingCounts(data.ratings));
    return;
  }
  if (options.method != LayoutMethod::Axes) {
    layouts.run(options.method, open_.itemVectors, items, open_.itemDim, open_.embeddingVersion);
    return;
  }
  // Genre to genre: the rows are the dense items, so a genre's films are its group as they are.
  const auto genre = [&](int32_t g) {
    const std::vector<std::string> name = {data.genreNames[static_cast<size_t>(std::clamp<int32_t>(g, 0, static_cast<int32_t>(data.genreNames.size()) - 1))]};
    return std::make_pair(itemsWithGenres(data, name), name.front());
  };
  if (data.genreNames.size() < 2) return;
  const AxesChoice& c = layouts.axes;
  const auto [from, fromName] = genre(c.from);
  const auto [to, toName] = genre(c.to);
  if (from.empty() || to.empty() || c.from == c.to) return;
  std::vector<std::string> labels = {fromName + " → " + toName, "PC1 of the rest"};
  std::optional<AxisGroups> second;
  if (c.secondFromGenres) {
    const auto [secondFrom, secondFromName] = genre(c.secondFrom);
    const auto [secondTo, secondToName] = genre(c.secondTo);
    if (secondFrom.empty() || secondTo.empty() || c.secondFrom == c.secondTo) return;
    second = AxisGroups{secondFrom, secondTo};
    labels[1] = secondFromName + " → " + secondToName;
  }
  options.threeD = false;
  layouts.runAxes(open_.itemVectors, items, open_.itemDim, open_.embeddingVersion, {from, to}, std::move(second), std::move(labels));
}

bool ExploreState::showsLayout() const {
  const LayoutFrame* frame = layouts.frame();
  return options.method != LayoutMethod::Pca && options.points == PointSet::Movies && frame != nullptr && frame->method == options.method &&
         open_.dataset && frame->rows == open_.dataset->ratings.itemCount;
}

void ExploreState::requestTrust() {
  const ProjectionResult* projection = open_.projection.get();
  if (!projection || options.points != PointSet::Movies || !open_.itemVectors || projection->version != open_.embeddingVersion) return;
  const int32_t rows = open_.dataset->ratings.itemCount;
  if (open_.itemVectors->size() != static_cast<size_t>(rows) * open_.itemDim) return;
  // The key names the layout: its method, the axes or UMAP frame shown, and the embeddings.
  uint64_t key = open_.embeddingVersion * 1000003u;
  std::vector<float> coordinates;
  int32_t components = 0;
  std::string name;
  if (showsLayout()) {
    const LayoutFrame& frame = *layouts.frame();
    if (!frame.finished) return;  // a map still forming is not judged
    key = key * 31u + 7u + static_cast<uint64_t>(frame.method) * 17u + static_cast<uint64_t>(frame.embeddingVersion) * 131u;
    coordinates = frame.coordinates;
    components = frame.components;
    name = frame.method == LayoutMethod::PcaWithoutPopularity ? "PCA − popularity" : frame.axisName;
  } else {
    const PcaResult& pca = projection->movies;
    components = options.threeD ? 3 : 2;
    if (pca.rows != rows || pca.components < components) return;
    for (int a = 0; a < components; ++a) key = key * 31u + static_cast<uint64_t>(options.axes[a]) + 1u;
    coordinates.reserve(static_cast<size_t>(rows) * components);
    for (int32_t r = 0; r < rows; ++r) {
      for (int a = 0; a < components; ++a) coordinates.push_back(pca.coordinate(r, std::clamp(options.axes[a], 0, pca.components - 1)));
    }
    name = options.threeD ? "PCA 3D" : "PCA 2D";
  }
  open_.trustKey = key;
  layouts.requestTrust(name, key, open_.itemVectors, open_.itemDim, std::move(coordinates), rows, components);
}

void ExploreState::openDataset(std::shared_ptr<const Dataset> data) {
  open_ = OpenDataset{};  // the old data set's jobs are cancelled and joined here
  comparison.reset();
  layouts.reset();
  replay.reset();
  open_.dataset = std::move(data);
  options.feature = -1;
  foldInRatings.clear();
  scene_.invalidate();
  scene_.markHighlightsDirty();
  if (open_.dataset) {
    open_.factsJob = std::make_unique<BackgroundJob<CatalogueFacts>>(
        [data = open_.dataset](const JobProgress&) { return computeFacts(*data); });
  }
}

void ExploreState::takeEmbeddings(const TrainingView& training, const std::shared_ptr<const Model>& loadedModel) {
  const std::shared_ptr<const Snapshot>& snapshot = training.snapshot;
  const bool runHasVectors = snapshot && !snapshot->userEmbeddings->empty();
  if (runHasVectors) {
    if (training.name != open_.runName) {
      // A new run: sequences and epochs start again, and the old run's model is not this one's.
      open_.runName = training.name;
      open_.seenSnapshot = 0;
      open_.snapshotEpochs = 0;
      open_.itemVectors.reset();
      if (open_.fromRun) open_.model = {};
    }
    if (snapshot->sequence == open_.seenSnapshot && open_.fromRun) return;
    // Only epochs change the vectors; state changes (pause, resume) republish the same ones.
    // A finished refit replaces the vectors once more, with no new epoch of the selection.
    const size_t epochs = snapshot->history.epochs.size() + (snapshot->refitted ? snapshot->refitHistory.epochs.size() : 0);
    open_.seenSnapshot = snapshot->sequence;
    if (open_.fromRun && epochs == open_.snapshotEpochs && open_.itemVectors) return;
    open_.fromRun = true;
    open_.snapshotEpochs = epochs;
    // Shared, not copied: each side lives as long as anyone holds it (the replay, the movies only).
    open_.itemVectors = snapshot->itemEmbeddings;
    open_.userVectors = snapshot->userEmbeddings;
    open_.itemDim = snapshot->itemDim;
    open_.userDim = snapshot->userDim;
    if (open_.dataset) replay.record(training.name, static_cast<int32_t>(epochs), open_.itemVectors, open_.dataset->ratings.itemCount, open_.itemDim);
    open_.sourceLabel = training.name.substr(0, training.name.find(" · ")) +
                        (snapshot->refitted ? " · refit" : " · epoch " + std::to_string(epochs));
  } else if (loadedModel && loadedModel.get() != open_.seenLoadedModel) {
    open_.seenLoadedModel = loadedModel.get();
    open_.fromRun = false;
    auto items = std::make_shared<const std::vector<float>>(loadedModel->itemEmbeddings());
    auto users = std::make_shared<const std::vector<float>>(loadedModel->userEmbeddings());
    open_.itemVectors = std::move(items);
    open_.userVectors = std::move(users);
    open_.itemDim = loadedModel->itemEmbeddingDim();
    open_.userDim = loadedModel->userEmbeddingDim();
    open_.sourceLabel = "loaded model";
  } else {
    return;
  }
  ++open_.embeddingVersion;
  if (open_.projectionJob) {
    open_.projectionWanted = true;  // the running PCA finishes first; the newest vectors follow
  } else {
    startProjection();
  }
}

void ExploreState::startProjection() {
  open_.projectionWanted = false;
  const int32_t items = open_.dataset->ratings.itemCount;
  const int32_t users = open_.dataset->ratings.userCount;
  open_.projectionJob = std::make_unique<BackgroundJob<ProjectionResult>>(
      [itemVectors = open_.itemVectors, userVectors = open_.userVectors, itemDim = open_.itemDim, userDim = open_.userDim, items, users,
       previous = open_.projection, version = open_.embeddingVersion](const JobProgress& progress) {
        ProjectionResult result;
        result.version = version;
        if (itemDim > 0 && itemVectors->size() == static_cast<size_t>(items) * itemDim) {
          result.movies = computePca(*itemVectors, items, itemDim, {}, progress);
          result.index = CosineIndex(*itemVectors, items, itemDim);
          // The live view must not flip from one epoch to the next.
          if (previous && previous->movies.rows == items) alignSigns(result.movies, previous->movies);
        }
        if (userDim > 0 && userVectors->size() == static_cast<size_t>(users) * userDim) {
          result.users = computePca(*userVectors, users, userDim, {}, progress);
          if (previous && previous->users.rows == users) alignSigns(result.users, previous->users);
        }
        return result;
      });
}

void ExploreState::collectJobs() {
  comparison.collect();
  if (open_.factsJob && open_.factsJob->state() != JobState::Running) {
    open_.facts = open_.factsJob->result();
    open_.factsJob.reset();
    scene_.invalidate();  // colours and sizes read the counts
  }
  if (open_.projectionJob && open_.projectionJob->state() != JobState::Running) {
    if (auto result = open_.projectionJob->result()) open_.projection = std::move(result);
    open_.projectionJob.reset();
    if (open_.projectionWanted) startProjection();
  }
  if (open_.modelHandOver && open_.modelHandOver->arrived.load()) {
    const std::shared_ptr<ModelHandOver> handOver = std::move(open_.modelHandOver);
    std::lock_guard lock(handOver->mutex);
    if (handOver->model.model) {
      open_.model = handOver->model;
      open_.modelLabel = std::string(modelKindName(open_.model.model->config().kind)) + " z=" +
                    std::to_string(open_.model.model->config().dim) + " · epoch " + std::to_string(open_.model.epochs);
    } else {
      open_.modelLabel = "could not copy the run's model: " + handOver->error;
    }
  }
  if (!modelPending()) {
    // A waiting analysis starts now: with the fresh model, or without one when it did not come.
    if (open_.clusterWaitsForModel) {
      open_.clusterWaitsForModel = false;
      startClusters(open_.model.model);
    }
    if (open_.foldInWaitsForModel) {
      open_.foldInWaitsForModel = false;
      startFoldIn(open_.model.model);
    }
  }
  if (open_.clusterJob && open_.clusterJob->state() != JobState::Running) {
    if (auto result = open_.clusterJob->result()) {
      open_.clusters = std::move(result);
      open_.selectedCluster = open_.clusters->kmeans.clusters > 0 ? 0 : -1;
      open_.clusterStatus.clear();
      scene_.markHighlightsDirty();
    } else {
      open_.clusterStatus = open_.clusterJob->state() == JobState::Cancelled ? "Cancelled." : "Failed: " + open_.clusterJob->error();
    }
    open_.clusterJob.reset();
  }
  if (open_.foldInJob && open_.foldInJob->state() != JobState::Running) {
    if (auto result = open_.foldInJob->result()) {
      open_.foldIn = std::move(result);
      open_.foldInStatus = open_.foldIn->error;
    } else {
      open_.foldInStatus = "Failed: " + open_.foldInJob->error();
    }
    open_.foldInJob.reset();
  }
}

bool ExploreState::busy() const {
  return open_.factsJob || open_.projectionJob || open_.clusterJob || open_.foldInJob || open_.modelHandOver ||
         open_.clusterWaitsForModel || open_.foldInWaitsForModel || comparison.clusterRunning() || selection.summaryRunning() ||
         layouts.running() || layouts.trustRunning() || replay.preparing() || replay.playing;
}

std::shared_ptr<const Model> ExploreState::currentModel() {
  if (!open_.fromRun) return open_.model.model;  // a loaded checkpoint: it does not change
  if (open_.model.model && open_.model.epochs == open_.snapshotEpochs) return open_.model.model;
  requestModel();
  return nullptr;
}

void ExploreState::requestModel() {
  if (modelPending()) return;
  auto handOver = std::make_shared<ModelHandOver>();
  const bool accepted =
      requestModel_ && requestModel_([handOver](std::shared_ptr<const Model> model, size_t epochs, std::string error) {
        std::lock_guard lock(handOver->mutex);
        handOver->model = {std::move(model), epochs};
        handOver->error = std::move(error);
        handOver->arrived.store(true);
      });
  if (!accepted) {
    open_.modelLabel = "no run to take a model from";
    return;
  }
  open_.modelHandOver = std::move(handOver);
  open_.modelLabel = "copying the run's model at its next epoch end…";
}

SceneInputs ExploreState::sceneFacts() const {
  SceneInputs in;
  in.dataset = open_.dataset.get();
  in.facts = open_.facts.get();
  in.projection = open_.projection.get();
  in.clusters = open_.clusters.get();
  in.foldIn = open_.foldIn.get();
  in.foldInRatings = foldInRatings.size();
  in.selectedMovie = open_.selectedMovie;
  in.selectedCluster = open_.selectedCluster;
  in.selection = &selection;
  in.layout = replay.current() != nullptr && options.points == PointSet::Movies ? replay.current()
              : showsLayout()                                                   ? layouts.frame()
                                                                                : nullptr;
  in.trust = options.colour == ColourMode::Trust ? layouts.trust(open_.trustKey) : nullptr;
  in.options = options;
  in.pointSize = pointSize;
  return in;
}

SceneInputs ExploreState::sceneInputs() {
  SceneInputs in = sceneFacts();
  in.neighbours = &neighbours();
  return in;
}

}  // namespace ll::gui
