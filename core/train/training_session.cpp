#include "core/train/training_session.h"

#include <chrono>

#include "core/train/checkpoint.h"
#include "core/util/exception_message.h"
#include "core/util/thread_priority.h"

namespace ll {
namespace {

// The session is the app's training run: it trains beside the interface, so it steps aside when
// a frame draws (core/util/thread_priority.h); its batch threads inherit the level. At 10k films
// the frames while training went from p99 30.9–32.2 to 24.1–27.8 ms. +5, not more: a run at +10
// beside other busy processes was starved.
constexpr int kTrainingNice = 5;

}  // namespace

TrainingSession::TrainingSession(std::shared_ptr<const Dataset> data, SplitSpec split, SplitParams splitParams,
                                 ModelConfig model, TrainParams train, bool startPaused, Refit refit)
    : splitSpec_(std::move(split)), splitParams_(splitParams), trainParams_(train), refit_(refit), paused_(startPaused) {
  auto first = std::make_shared<Snapshot>();
  first->model = model;
  first->train = train;
  snapshot_ = std::move(first);
  worker_ = std::thread([this, data = std::move(data), model, startPaused]() mutable {
    lowerThisThreadPriority(kTrainingNice);
    run(std::move(data), model, startPaused);
  });
}

TrainingSession::~TrainingSession() {
  stop();
  if (worker_.joinable()) worker_.join();
}

void TrainingSession::pause() {
  std::lock_guard lock(commandMutex_);
  paused_ = true;
}

void TrainingSession::resume() {
  {
    std::lock_guard lock(commandMutex_);
    paused_ = false;
  }
  commandChanged_.notify_all();
}

void TrainingSession::step() {
  {
    std::lock_guard lock(commandMutex_);
    paused_ = true;
    ++stepsAllowed_;
  }
  commandChanged_.notify_all();
}

void TrainingSession::stop() {
  {
    // Under the lock: the worker checks the flag and then waits, both under it, so the
    // notification below cannot land between the two and be lost.
    std::lock_guard lock(commandMutex_);
    stopRequested_.store(true);
  }
  commandChanged_.notify_all();
}

void TrainingSession::wait() {
  if (worker_.joinable()) worker_.join();
}

std::shared_ptr<const Snapshot> TrainingSession::snapshot() const {
  std::lock_guard lock(snapshotMutex_);
  return snapshot_;
}

TrainingProgress TrainingSession::progress() const {
  TrainingProgress p;
  p.epoch = progressEpoch_.load(std::memory_order_relaxed);
  p.batchesDone = progressDone_.load(std::memory_order_relaxed);
  p.batchesPerEpoch = progressTotal_.load(std::memory_order_relaxed);
  p.ratingsPerSecond = ratingsPerSecond_.load(std::memory_order_relaxed);
  p.etaSeconds = etaSeconds_.load(std::memory_order_relaxed);
  return p;
}

void TrainingSession::requestCheckpoint(std::filesystem::path path, std::function<void(bool, std::string)> done) {
  atSafePoint([this, path = std::move(path), done = std::move(done)] { saveNow(path, done); });
}

void TrainingSession::requestModel(ModelHandOver done) {
  atSafePoint([this, done = std::move(done)] { copyModelNow(done); });
}

void TrainingSession::atSafePoint(std::function<void()> task) {
  {
    std::lock_guard lock(commandMutex_);
    if (!workerDone_) {
      safePointTasks_.push_back(std::move(task));
      commandChanged_.notify_all();
      return;
    }
  }
  task();  // the worker has ended and no longer changes the trainer
}

void TrainingSession::saveNow(const std::filesystem::path& path, const std::function<void(bool, std::string)>& done) {
  if (!trainer_) {
    if (done) done(false, "the run failed before it had a model");
    return;
  }
  try {
    saveCheckpoint(path, settledTrainer(), splitSpec_, refitDone_ ? refitSplitParams(splitParams_) : splitParams_);
    if (done) done(true, {});
  } catch (...) {
    if (done) done(false, currentExceptionMessage());
  }
}

void TrainingSession::copyModelNow(const ModelHandOver& done) {
  if (!trainer_) {
    done(nullptr, 0, "the run failed before it had a model");
    return;
  }
  try {
    const Trainer& settled = settledTrainer();
    std::shared_ptr<const Model> copy = settled.modelCopy();
    done(std::move(copy), static_cast<size_t>(settled.epochsDone()), {});
  } catch (...) {
    done(nullptr, 0, currentExceptionMessage());
  }
}

void TrainingSession::publish(RunState state, const std::string& message) {
  auto s = std::make_shared<Snapshot>();
  s->state = state;
  s->message = message;
  s->train = trainParams_;
  if (trainer_) {
    const Model& model = settledTrainer().model();
    s->model = model.config();
    s->parameterCount = model.parameterCount();
    if (selected_) {
      s->history = selected_->history();
      s->refitEpochs = trainer_->params().epochs;
      s->refitHistory = trainer_->history();
    } else {
      s->history = trainer_->history();
    }
    s->refitted = refitDone_;
    const TrainingHistory& modelHistory = refitDone_ ? s->refitHistory : s->history;
    if (const EpochRecord* last = modelHistory.last()) s->pdc = last->pdc;
    s->userEmbeddings = std::make_shared<const std::vector<float>>(model.userEmbeddings());
    s->userDim = model.userEmbeddingDim();
    s->itemEmbeddings = std::make_shared<const std::vector<float>>(model.itemEmbeddings());
    s->itemDim = model.itemEmbeddingDim();
  } else {
    s->model = snapshot()->model;
  }
  std::lock_guard lock(snapshotMutex_);
  s->sequence = ++sequence_;
  snapshot_ = std::move(s);
}

bool TrainingSession::keepGoing(int64_t done, int64_t total) {
  progressDone_.store(done, std::memory_order_relaxed);
  progressTotal_.store(total, std::memory_order_relaxed);
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - epochStart_).count();
  if (elapsed > 0 && done > 0) {
    const double perBatch = elapsed / static_cast<double>(done);
    const double batchSize = static_cast<double>(trainer_->batchSize());
    ratingsPerSecond_.store(batchSize / perBatch, std::memory_order_relaxed);
    const int64_t epochsLeft = std::max<int64_t>(0, trainer_->params().epochs - trainer_->epochsDone() - 1);
    etaSeconds_.store(perBatch * static_cast<double>((total - done) + epochsLeft * total), std::memory_order_relaxed);
  }
  const auto pausedAt = std::chrono::steady_clock::now();
  const bool go = waitUntilAllowedToRun();
  epochStart_ += std::chrono::steady_clock::now() - pausedAt;  // a pause does not count as epoch time
  return go;
}

bool TrainingSession::waitUntilAllowedToRun() {
  std::unique_lock lock(commandMutex_);
  bool announcedPause = false;
  for (;;) {
    if (stopRequested_.load()) return false;
    if (!safePointTasks_.empty()) {  // mid-epoch, this sees the last completed epoch (see Trainer)
      lock.unlock();
      serviceSafePoint();
      lock.lock();
      continue;
    }
    if (!paused_ || runningStep_) break;
    if (stepsAllowed_ > 0) {
      --stepsAllowed_;
      runningStep_ = true;
      break;
    }
    if (!announcedPause) {
      lock.unlock();
      publish(RunState::Paused, {});
      lock.lock();
      announcedPause = true;
      continue;
    }
    commandChanged_.wait(lock);
  }
  if (announcedPause) {
    lock.unlock();
    publish(RunState::Running, {});
  }
  return true;
}

void TrainingSession::serviceSafePoint() {
  std::vector<std::function<void()>> tasks;
  {
    std::lock_guard lock(commandMutex_);
    tasks.swap(safePointTasks_);
  }
  for (const auto& task : tasks) task();  // unlocked: a task may take a while
}

void TrainingSession::run(std::shared_ptr<const Dataset> data, ModelConfig model, bool startPaused) {
  try {
    trainer_ = std::make_unique<Trainer>(data, makeSplit(*data, splitSpec_, splitParams_), model, trainParams_);
  } catch (...) {
    publish(RunState::Failed, currentExceptionMessage());
    markWorkerDone();
    return;
  }
  try {
    train(startPaused);
  } catch (...) {
    publish(RunState::Failed, "training stopped: " + currentExceptionMessage());
  }
  markWorkerDone();
}

const Trainer& TrainingSession::settledTrainer() const { return selected_ && !refitDone_ ? *selected_ : *trainer_; }

bool TrainingSession::runEpochs() {
  while (!trainer_->done() && waitUntilAllowedToRun()) {
    progressEpoch_.store(trainer_->epochsDone() + 1, std::memory_order_relaxed);
    epochStart_ = std::chrono::steady_clock::now();
    trainer_->runEpoch([this](int64_t done, int64_t total) { return keepGoing(done, total); });
    {
      std::lock_guard lock(commandMutex_);
      runningStep_ = false;
    }
    serviceSafePoint();
    if (!trainer_->done()) publish(RunState::Running, {});
  }
  if (trainer_->done()) return trainer_->stopReason() != StopReason::Cancelled;
  trainer_->finish(StopReason::Cancelled);
  return false;
}

void TrainingSession::refitSelection() {
  const RefitPlan plan = planRefit(*trainer_);
  if (!plan.applies) return;
  // Safe-point work (checkpoints, model copies) runs on this thread too, so it never sees the
  // hand-over half done.
  std::unique_ptr<Trainer> refit = makeRefitTrainer(*trainer_, plan);
  selected_ = std::move(trainer_);
  trainer_ = std::move(refit);
  publish(RunState::Running, {});
  if (runEpochs() && trainer_->stopReason() == StopReason::EpochLimit) {
    refitDone_ = true;
    return;
  }
  // Stopped or diverged part-way: the refit is dropped and the selected model stays the run's.
  refitNote_ = "; refit dropped (" + std::string(stopReasonName(trainer_->stopReason())) + " after " +
               std::to_string(trainer_->epochsDone()) + " of " + std::to_string(plan.epochs) +
               " epochs): the selected model is kept";
  trainer_ = std::move(selected_);
}

void TrainingSession::train(bool startPaused) {
  publish(startPaused ? RunState::Paused : RunState::Running, {});
  const bool ended = runEpochs();
  if (ended && refit_ == Refit::AfterSelection) refitSelection();
  const Trainer& selection = selected_ ? *selected_ : *trainer_;
  std::string message = selection.stopMessage() + refitNote_;
  if (refitDone_) message += "; refit for " + std::to_string(trainer_->epochsDone()) + " epochs on all training ratings";
  publish(selection.stopReason() == StopReason::Diverged ? RunState::Failed : RunState::Finished, message);
}

void TrainingSession::markWorkerDone() {
  {
    std::lock_guard lock(commandMutex_);
    workerDone_ = true;
  }
  serviceSafePoint();  // work queued before the worker ended
}

}  // namespace ll
