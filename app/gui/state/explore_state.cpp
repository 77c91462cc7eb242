// ExploreState, sources: the data set's facts, the embeddings to analyse (newest snapshot, else
// a loaded model), the PCA job that follows them, and the model the deeper analyses need.

#include "app/gui/state/explore_state.h"

#include <unistd.h>

#include <atomic>
#include <mutex>

#include "core/train/checkpoint.h"

namespace ll::gui {

/// The checkpoint a run writes for us: its outcome arrives on the worker thread.
struct ExploreState::ModelFileState {
  std::filesystem::path path;
  std::atomic<int> outcome{0};  // 0 pending, 1 written, −1 failed
  std::mutex mutex;
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

ExploreState::ExploreState() : renderer_(std::make_unique<NullPointCloudRenderer>()) {}

ExploreState::~ExploreState() = default;

void ExploreState::setRenderer(std::unique_ptr<PointCloudRenderer> renderer) {
  renderer_ = std::move(renderer);
  sceneChanged_ = true;
  builtProjection_ = nullptr;  // the new renderer holds no points yet
}

void ExploreState::refresh(const std::shared_ptr<const DatasetState>& data, const TrainingView& training,
                           const std::shared_ptr<const Model>& loadedModel) {
  std::shared_ptr<const Dataset> current =
      data && data->phase == DatasetState::Phase::Ready ? data->dataset : std::shared_ptr<const Dataset>();
  if (current != dataset_) resetForDataset(std::move(current));
  if (!dataset_) return;
  // A loaded checkpoint counts only when it was trained on the data set now open.
  std::shared_ptr<const Model> usable = loadedModel && &loadedModel->data() == dataset_.get() ? loadedModel : nullptr;
  if (usable != loadedModel_) {
    loadedModel_ = usable;
    if (loadedModel_ && !fromRun_) model_ = {loadedModel_, 0};
  }
  takeEmbeddings(training, loadedModel_);
  collectJobs();
}

void ExploreState::resetForDataset(std::shared_ptr<const Dataset> data) {
  // Jobs of the old data set are cancelled and joined by their destructors (each at its next
  // progress report).
  factsJob_.reset();
  projectionJob_.reset();
  clusterJob_.reset();
  foldInJob_.reset();
  modelJob_.reset();
  modelFileState_.reset();
  dataset_ = std::move(data);
  facts_.reset();
  projection_.reset();
  clusters_.reset();
  foldIn_.reset();
  model_ = {};
  loadedModel_.reset();
  itemVectors_.reset();
  userVectors_.reset();
  seenSnapshot_ = 0;
  runName_.clear();
  seenLoadedModel_ = nullptr;
  fromRun_ = false;
  sourceLabel_.clear();
  modelLabel_.clear();
  selectedMovie_ = -1;
  selectedCluster_ = -1;
  foldInRatings.clear();
  clusterWaitsForModel_ = foldInWaitsForModel_ = false;
  clusterStatus_.clear();
  foldInStatus_.clear();
  options.feature = -1;
  builtProjection_ = nullptr;
  highlightsDirty_ = true;
  if (dataset_) {
    factsJob_ = std::make_unique<BackgroundJob<CatalogueFacts>>(
        [data = dataset_](const JobProgress&) { return computeFacts(*data); });
  }
}

void ExploreState::takeEmbeddings(const TrainingView& training, const std::shared_ptr<const Model>& loadedModel) {
  const std::shared_ptr<const Snapshot>& snapshot = training.snapshot;
  const bool runHasVectors = snapshot && !snapshot->userEmbeddings.empty();
  if (runHasVectors) {
    if (training.name != runName_) {
      // A new run: sequences and epochs start again, and the old run's model is not this one's.
      runName_ = training.name;
      seenSnapshot_ = 0;
      snapshotEpochs_ = 0;
      itemVectors_.reset();
      if (fromRun_) model_ = {};
    }
    if (snapshot->sequence == seenSnapshot_ && fromRun_) return;
    // Only epochs change the vectors; state changes (pause, resume) republish the same ones.
    const size_t epochs = snapshot->history.epochs.size();
    seenSnapshot_ = snapshot->sequence;
    if (fromRun_ && epochs == snapshotEpochs_ && itemVectors_) return;
    fromRun_ = true;
    snapshotEpochs_ = epochs;
    // Aliasing pointers: the vectors live as long as anyone holds them, inside the snapshot.
    itemVectors_ = std::shared_ptr<const std::vector<float>>(snapshot, &snapshot->itemEmbeddings);
    userVectors_ = std::shared_ptr<const std::vector<float>>(snapshot, &snapshot->userEmbeddings);
    itemDim_ = snapshot->itemDim;
    userDim_ = snapshot->userDim;
    sourceLabel_ = training.name.substr(0, training.name.find(" · ")) + " · epoch " + std::to_string(epochs);
  } else if (loadedModel && loadedModel.get() != seenLoadedModel_) {
    seenLoadedModel_ = loadedModel.get();
    fromRun_ = false;
    auto items = std::make_shared<const std::vector<float>>(loadedModel->itemEmbeddings());
    auto users = std::make_shared<const std::vector<float>>(loadedModel->userEmbeddings());
    itemVectors_ = std::move(items);
    userVectors_ = std::move(users);
    itemDim_ = loadedModel->itemEmbeddingDim();
    userDim_ = loadedModel->userEmbeddingDim();
    sourceLabel_ = "loaded model";
  } else {
    return;
  }
  ++embeddingVersion_;
  if (projectionJob_) {
    projectionWanted_ = true;  // the running PCA finishes first; the newest vectors follow
  } else {
    startProjection();
  }
}

void ExploreState::startProjection() {
  projectionWanted_ = false;
  const int32_t items = dataset_->ratings.itemCount;
  const int32_t users = dataset_->ratings.userCount;
  projectionJob_ = std::make_unique<BackgroundJob<ProjectionResult>>(
      [itemVectors = itemVectors_, userVectors = userVectors_, itemDim = itemDim_, userDim = userDim_, items, users,
       previous = projection_, version = embeddingVersion_](const JobProgress& progress) {
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
  if (factsJob_ && factsJob_->state() != JobState::Running) {
    facts_ = factsJob_->result();
    factsJob_.reset();
    builtProjection_ = nullptr;  // colours and sizes read the counts
  }
  if (projectionJob_ && projectionJob_->state() != JobState::Running) {
    if (auto result = projectionJob_->result()) projection_ = std::move(result);
    projectionJob_.reset();
    if (projectionWanted_) startProjection();
  }
  if (modelFileState_ && modelFileState_->outcome.load() != 0) {
    std::shared_ptr<ModelFileState> file = std::move(modelFileState_);
    if (file->outcome.load() < 0) {
      std::lock_guard lock(file->mutex);
      modelLabel_ = "could not copy the run's model: " + file->error;
    } else {
      modelJob_ = std::make_unique<BackgroundJob<LoadedModel>>([path = file->path, data = dataset_](const JobProgress&) {
        LoadedModel loaded;
        try {
          loaded.epochs = readCheckpointInfo(path).history.epochs.size();
          loaded.model = loadModel(path, data);
        } catch (...) {
          std::error_code ignored;
          std::filesystem::remove(path, ignored);
          throw;
        }
        std::error_code ignored;
        std::filesystem::remove(path, ignored);
        return loaded;
      });
    }
  }
  if (modelJob_ && modelJob_->state() != JobState::Running) {
    if (auto loaded = modelJob_->result()) {
      model_ = *loaded;
      modelLabel_ = std::string(modelKindName(model_.model->config().kind)) + " z=" +
                    std::to_string(model_.model->config().dim) + " · epoch " + std::to_string(model_.epochs);
    } else {
      modelLabel_ = "could not load the run's model: " + modelJob_->error();
    }
    modelJob_.reset();
  }
  if (!modelPending()) {
    // A waiting analysis starts now: with the fresh model, or without one when it did not come.
    if (clusterWaitsForModel_) {
      clusterWaitsForModel_ = false;
      startClusters(model_.model);
    }
    if (foldInWaitsForModel_) {
      foldInWaitsForModel_ = false;
      startFoldIn(model_.model);
    }
  }
  if (clusterJob_ && clusterJob_->state() != JobState::Running) {
    if (auto result = clusterJob_->result()) {
      clusters_ = std::move(result);
      selectedCluster_ = clusters_->kmeans.clusters > 0 ? 0 : -1;
      clusterStatus_.clear();
      highlightsDirty_ = true;
    } else {
      clusterStatus_ = clusterJob_->state() == JobState::Cancelled ? "Cancelled." : "Failed: " + clusterJob_->error();
    }
    clusterJob_.reset();
  }
  if (foldInJob_ && foldInJob_->state() != JobState::Running) {
    if (auto result = foldInJob_->result()) {
      foldIn_ = std::move(result);
      foldInStatus_ = foldIn_->error;
    } else {
      foldInStatus_ = "Failed: " + foldInJob_->error();
    }
    foldInJob_.reset();
  }
}

bool ExploreState::busy() const {
  return factsJob_ || projectionJob_ || clusterJob_ || foldInJob_ || modelJob_ || modelFileState_ ||
         clusterWaitsForModel_ || foldInWaitsForModel_;
}

std::shared_ptr<const Model> ExploreState::currentModel() {
  if (!fromRun_) return model_.model;  // a loaded checkpoint: it does not change
  if (model_.model && model_.epochs == snapshotEpochs_) return model_.model;
  requestModel();
  return nullptr;
}

void ExploreState::requestModel() {
  if (modelPending()) return;
  auto file = std::make_shared<ModelFileState>();
  file->path = std::filesystem::temp_directory_path() /
               ("latentlens-" + std::to_string(::getpid()) + "-model-" + std::to_string(++modelFileCounter_) + ".llckpt");
  const bool accepted = requestModelFile_ && requestModelFile_(file->path, [file](bool ok, std::string error) {
                          std::lock_guard lock(file->mutex);
                          file->error = std::move(error);
                          file->outcome.store(ok ? 1 : -1);
                        });
  if (!accepted) {
    modelLabel_ = "no run to take a model from";
    return;
  }
  modelFileState_ = std::move(file);
  modelLabel_ = "copying the run's model at its next epoch end…";
}

}  // namespace ll::gui
