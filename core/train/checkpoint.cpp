#include "core/train/checkpoint.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <stdexcept>
#include <system_error>

#include "core/data/input_error.h"
#include "core/io/atomic_file.h"
#include "core/io/binary_stream.h"
#include "core/io/versioned_file.h"

namespace ll {

// Reaches into the Trainer's private state for saving and restoring it.
class CheckpointAccess {
 public:
  static void write(BinaryWriter& out, const Trainer& t);
  static void read(BinaryReader& in, Trainer& t);
  /// The trainer a checkpoint's payload describes, on data (which must be the data it was trained on).
  static std::unique_ptr<Trainer> rebuild(BinaryReader& in, const std::string& file, std::shared_ptr<const Dataset> data,
                                          uint32_t fileVersion);
};

namespace {

constexpr std::string_view kMagic = "LL-CHKPT";
// 2: implicit mode, ranking metrics, deepmf noise. 3: XXH3 checksums, of the file and of its data set.
// 4: gmf has mf's biases and fixed-length output weights. The layout is version 3's, so version 3
// files still load, except gmf's, whose parameters mean something else now.
// 8: bfm's feature groups and burn-in (after the version-4 fields of the model and of training);
// older files load with the defaults there, which no model but bfm reads. 8 and not 5: the
// header's version is outside the payload's checksum, and one flipped bit turns 5 into the
// readable 4 (whose reader then finds only "ends early"), while every one-bit change of 8 is a
// version no LatentLens wrote, refused as such. 5 to 7 were never written.
// 16: nrp reads the side information as bags of words (side_information.h): its side tables are
// words × outputs where they were dense layers over genres and one-hots, so older nrp files cannot
// load; other models' files are version 8's layout and still do. 16 for the reason 8 was chosen:
// its one-bit changes (0, 17, 18, 20, 24) are versions no LatentLens wrote. 9 to 15 were never written.
// 32: nrp reads its activation, where it was ReLU whatever the file said: a version 16 nrp loads as
// relu, the model it was. Each one-bit change of 32 is 0 or newer, refused; 17 to 31 were never written.
constexpr uint32_t kVersion = 32;
constexpr uint32_t kFirstVersionWithBfm = 8;
constexpr FormatVersions kReadableVersions{3, kVersion};
constexpr uint32_t kFirstVersionOfTodaysGmf = 4;
constexpr uint32_t kFirstVersionOfTodaysNrp = 16;
constexpr uint32_t kFirstVersionOfNrpActivation = 32;

// A checkpoint whose model has changed since it was written cannot be loaded; say so rather than
// report mismatched parameter shapes.
void refuseChangedModel(const CheckpointInfo& info, uint32_t fileVersion) {
  if (info.model.kind == ModelKind::GMF && fileVersion < kFirstVersionOfTodaysGmf) {
    throw DamagedFile("a gmf checkpoint from an older version of LatentLens (format version " + std::to_string(fileVersion) +
                      "), before gmf had biases and fixed-length weights; train it again");
  }
  if (info.model.kind == ModelKind::NRP && fileVersion < kFirstVersionOfTodaysNrp) {
    throw DamagedFile("an nrp checkpoint from an older version of LatentLens (format version " + std::to_string(fileVersion) +
                      "), before nrp read the side information as bags of words; train it again");
  }
}

void writeErrors(BinaryWriter& out, const RatingErrors& e) {
  out.put(e.mae);
  out.put(e.rmse);
  out.put(e.count);
}

RatingErrors readErrors(BinaryReader& in) {
  RatingErrors e;
  e.mae = in.get<double>();
  e.rmse = in.get<double>();
  e.count = in.get<int64_t>();
  return e;
}

void writeHistory(BinaryWriter& out, const TrainingHistory& h) {
  out.put(h.bestEpoch);
  out.put<uint64_t>(h.epochs.size());
  for (const EpochRecord& r : h.epochs) {
    out.put(r.epoch);
    out.put(r.trainLoss);
    writeErrors(out, r.validation);
    writeErrors(out, r.test);
    out.put<uint64_t>(r.pdc.size());
    for (const PdcPoint& p : r.pdc) {
      out.put(p.threshold);
      out.put(p.pairs);
      out.put<uint8_t>(p.pdc.has_value());
      out.put(p.pdc.value_or(0.0));
    }
    out.put(r.learningRate);
    out.put(r.batchSize);
    out.put(r.seconds);
    out.put(r.ratingsPerSecond);
    out.put(r.validationLoss);
    out.put<uint8_t>(r.ranking.has_value());
    const RankingMetrics m = r.ranking.value_or(RankingMetrics{});
    out.put(m.cutoff);
    out.put(m.hitRate);
    out.put(m.ndcg);
    out.put(m.pairs);
    out.put(m.recall);
    out.put(m.ndcgFull);
    out.put(m.users);
  }
}

TrainingHistory readHistory(BinaryReader& in) {
  TrainingHistory h;
  h.bestEpoch = in.get<int32_t>();
  const auto count = in.get<uint64_t>();
  if (count > in.remaining()) throw TruncatedData();
  for (uint64_t k = 0; k < count; ++k) {
    EpochRecord r;
    r.epoch = in.get<int32_t>();
    r.trainLoss = in.get<double>();
    r.validation = readErrors(in);
    r.test = readErrors(in);
    const auto points = in.get<uint64_t>();
    if (points > in.remaining()) throw TruncatedData();
    for (uint64_t p = 0; p < points; ++p) {
      PdcPoint point;
      point.threshold = in.get<int32_t>();
      point.pairs = in.get<int64_t>();
      const bool defined = in.get<uint8_t>() != 0;
      const double value = in.get<double>();
      if (defined) point.pdc = value;
      r.pdc.push_back(point);
    }
    r.learningRate = in.get<float>();
    r.batchSize = in.get<int32_t>();
    r.seconds = in.get<double>();
    r.ratingsPerSecond = in.get<double>();
    r.validationLoss = in.get<double>();
    const bool ranked = in.get<uint8_t>() != 0;
    RankingMetrics m;
    m.cutoff = in.get<int32_t>();
    m.hitRate = in.get<double>();
    m.ndcg = in.get<double>();
    m.pairs = in.get<int64_t>();
    m.recall = in.get<double>();
    m.ndcgFull = in.get<double>();
    m.users = in.get<int64_t>();
    if (ranked) r.ranking = m;
    h.epochs.push_back(std::move(r));
  }
  if (h.bestEpoch < 0 || static_cast<uint64_t>(h.bestEpoch) > h.epochs.size()) throw TruncatedData();  // best() indexes epochs
  return h;
}

void writeDescription(BinaryWriter& out, const Trainer& t, const SplitSpec& split, const SplitParams& splitParams,
                      uint32_t formatVersion) {
  const Dataset& d = t.model().data();
  const ModelConfig& m = t.model().config();
  const TrainParams& p = t.params();
  out.putString(LATENTLENS_VERSION);
  out.put(m.kind);
  out.put(m.dim);
  out.put(m.itemInput);
  out.put(m.activation);
  out.put(m.clipPredictions);
  out.put(m.initSd);
  out.put(m.noiseSd);
  out.put(m.seed);
  if (formatVersion >= kFirstVersionWithBfm) out.put(m.bfmGroups);
  out.put(p.epochs);
  out.put(p.learningRate);
  out.put(p.batchSize);
  out.put(p.optimizer.kind);
  out.put(p.optimizer.l2);
  out.put(p.optimizer.beta1);
  out.put(p.optimizer.beta2);
  out.put(p.optimizer.epsilon);
  out.put(p.schedule);
  out.put(p.minBatchSize);
  out.put(p.patience);
  out.put(p.threads);
  out.put(p.seed);
  out.put(p.loss);
  out.put(p.pdcEachEpoch);
  out.putVector(p.pdc.thresholds);
  out.put(p.pdc.ratingDistance);
  out.put(p.pdc.embeddingDistance);
  out.put(p.pdc.maxUsers);
  out.put(p.pdc.seed);
  out.put(p.implicit);
  out.put(p.negatives);
  out.put(p.ranking.cutoff);
  out.put(p.ranking.sampledNegatives);
  out.put(p.ranking.fullCatalogue);
  out.put(p.ranking.fullCatalogueUsers);
  out.put(p.ranking.seed);
  if (formatVersion >= kFirstVersionWithBfm) out.put(p.burnIn);
  out.putString(split.text());
  out.put(splitParams.seed);
  out.put(splitParams.validationFraction);
  out.put(d.checksum());
  out.putString(d.source);
  out.put(d.ratings.userCount);
  out.put(d.ratings.itemCount);
  out.put<int64_t>(static_cast<int64_t>(d.ratings.size()));
  writeHistory(out, t.history());
  out.putString(t.stopMessage());
}

// Each getEnum names the enum's last enumerator: extend it when one is added.
CheckpointInfo readDescription(BinaryReader& in, uint32_t fileVersion) {
  CheckpointInfo c;
  c.programVersion = in.getString();
  c.model.kind = in.getEnum(ModelKind::AccmMLP);
  c.model.dim = in.get<int32_t>();
  c.model.itemInput = in.getEnum(ItemInput::Both);
  c.model.activation = in.getEnum(Activation::Selu);
  if (c.model.kind == ModelKind::NRP && fileVersion < kFirstVersionOfNrpActivation) c.model.activation = Activation::Relu;
  c.model.clipPredictions = in.get<bool>();
  c.model.initSd = in.get<float>();
  c.model.noiseSd = in.get<float>();
  c.model.seed = in.get<uint64_t>();
  if (fileVersion >= kFirstVersionWithBfm) {
    c.model.bfmGroups = in.get<uint32_t>();
    if (c.model.bfmGroups & ~kAllBfmGroups) throw DamagedFile("damaged (unknown bfm feature groups)");
  }
  TrainParams& p = c.train;
  p.epochs = in.get<int32_t>();
  p.learningRate = in.get<float>();
  p.batchSize = in.get<int32_t>();
  p.optimizer.kind = in.getEnum(OptimizerKind::AdaGrad);
  p.optimizer.l2 = in.get<float>();
  p.optimizer.beta1 = in.get<float>();
  p.optimizer.beta2 = in.get<float>();
  p.optimizer.epsilon = in.get<float>();
  p.schedule = in.getEnum(Schedule::Adaptive);
  p.minBatchSize = in.get<int32_t>();
  p.patience = in.get<int32_t>();
  p.threads = in.get<int32_t>();
  p.seed = in.get<uint64_t>();
  p.loss = in.getEnum(LossKind::Logistic);
  p.pdcEachEpoch = in.get<bool>();
  p.pdc.thresholds = in.getVector<int32_t>();
  p.pdc.ratingDistance = in.getEnum(PdcParams::RatingDistance::MeanAbsolute);
  p.pdc.embeddingDistance = in.getEnum(PdcParams::EmbeddingDistance::Cosine);
  p.pdc.maxUsers = in.get<int32_t>();
  p.pdc.seed = in.get<uint64_t>();
  p.implicit = in.get<bool>();
  p.negatives = in.get<int32_t>();
  p.ranking.cutoff = in.get<int32_t>();
  p.ranking.sampledNegatives = in.get<int32_t>();
  p.ranking.fullCatalogue = in.get<bool>();
  p.ranking.fullCatalogueUsers = in.get<int32_t>();
  p.ranking.seed = in.get<uint64_t>();
  if (fileVersion >= kFirstVersionWithBfm) p.burnIn = in.get<int32_t>();
  c.split = parseSplitSpec(in.getString());
  c.splitParams.seed = in.get<uint64_t>();
  c.splitParams.validationFraction = in.get<double>();
  c.dataChecksum = in.get<uint64_t>();
  c.dataSource = in.getString();
  c.users = in.get<int32_t>();
  c.items = in.get<int32_t>();
  c.ratings = in.get<int64_t>();
  c.history = readHistory(in);
  c.stopMessage = in.getString();
  return c;
}

void writeBlocks(BinaryWriter& out, const std::vector<std::vector<float>>& blocks) {
  out.put<uint64_t>(blocks.size());
  for (const auto& b : blocks) out.putVector(b);
}

std::vector<std::vector<float>> readBlocks(BinaryReader& in) {
  const auto count = in.get<uint64_t>();
  if (count > in.remaining()) throw TruncatedData();
  std::vector<std::vector<float>> blocks;
  for (uint64_t k = 0; k < count; ++k) blocks.push_back(in.getVector<float>());
  return blocks;
}

template <class T>
bool sameShapes(const std::vector<std::vector<T>>& restored, const std::vector<std::vector<T>>& built) {
  return std::equal(restored.begin(), restored.end(), built.begin(), built.end(),
                    [](const std::vector<T>& r, const std::vector<T>& b) { return r.size() == b.size(); });
}

void checkSameData(const CheckpointInfo& c, const Dataset& d, const std::string& file) {
  if (c.dataChecksum != d.checksum() || c.users != d.ratings.userCount || c.items != d.ratings.itemCount) {
    throw InputError(file, 0,
                     "the data set it was trained on (" + c.dataSource + ", " + std::to_string(c.ratings) + " ratings)",
                     "other data (" + d.source + ", " + std::to_string(d.ratings.size()) + " ratings)");
  }
}

// Reads the checkpoint at path with `read` (BinaryReader& → result). Every way the file can be
// wrong — absent, unreadable, of another kind or version, truncated, damaged — becomes an
// InputError naming the file and saying what is wrong.
template <class Read>
auto readCheckpoint(const std::filesystem::path& path, Read read) {
  const std::string expected = "a LatentLens checkpoint (checkpoint.llckpt of a train run)";
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    throw InputError(path.string(), 0, expected,
                     std::filesystem::exists(path, error) ? "a folder or special file" : "no such file");
  }
  try {
    uint32_t fileVersion = 0;
    const std::string payload = readVersionedFile(path, kMagic, kReadableVersions, fileVersion);
    BinaryReader in(payload);
    return read(in, fileVersion);
  } catch (const DamagedFile& damage) {
    throw InputError(path.string(), 0, expected, damage.what());
  } catch (const TruncatedData&) {
    throw InputError(path.string(), 0, expected, "damaged (ends early)");
  } catch (const std::system_error& unreadable) {
    throw InputError(path.string(), 0, expected, "an unreadable file (" + unreadable.code().message() + ")");
  }
}

}  // namespace

std::unique_ptr<Trainer> CheckpointAccess::rebuild(BinaryReader& in, const std::string& file,
                                                    std::shared_ptr<const Dataset> data, uint32_t fileVersion) {
  const CheckpointInfo info = readDescription(in, fileVersion);
  refuseChangedModel(info, fileVersion);
  checkSameData(info, *data, file);
  auto trainer = std::make_unique<Trainer>(data, makeSplit(*data, info.split, info.splitParams), info.model, info.train);
  trainer->history_ = info.history;  // restored before the state, which may say the run ended
  read(in, *trainer);
  trainer->stopMessage_ = info.stopMessage;
  if (!in.atEnd()) throw DamagedFile("damaged (trailing data)");
  return trainer;
}

void CheckpointAccess::write(BinaryWriter& out, const Trainer& t) {
  out.put(t.learningRate_);
  out.put(t.batchSize_);
  out.put(t.epochsSinceBest_);
  out.put(t.stopReason_);
  writeBlocks(out, t.inEpoch_ ? t.lastGoodParameters_ : t.copyParameters());
  writeBlocks(out, t.bestParameters_);
  out.put(t.optimizer_->steps());
  writeBlocks(out, t.optimizer_->firstMoments());
  writeBlocks(out, t.optimizer_->secondMoments());
  const auto& rowSteps = t.optimizer_->rowSteps();
  out.put<uint64_t>(rowSteps.size());
  for (const auto& r : rowSteps) out.putVector(r);
}

void CheckpointAccess::read(BinaryReader& in, Trainer& t) {
  t.learningRate_ = in.get<float>();
  t.batchSize_ = in.get<int32_t>();
  t.epochsSinceBest_ = in.get<int32_t>();
  t.stopReason_ = in.getEnum(StopReason::Cancelled);
  if (t.batchSize_ < 1 || !std::isfinite(t.learningRate_)) throw DamagedFile("damaged (impossible batch size or learning rate)");
  auto parameters = readBlocks(in);
  auto best = readBlocks(in);
  Parameters& p = t.model_->parameters();
  // Shapes also follow what the data checksum leaves out (nrp's vocabularies come from the
  // catalogue and the user information): name the first block that differs.
  const auto checkFits = [&p](const std::vector<std::vector<float>>& blocks, bool allowEmpty) {
    if (allowEmpty && blocks.empty()) return;
    if (blocks.size() != static_cast<size_t>(p.count())) throw DamagedFile("damaged (parameter blocks do not match the model)");
    for (int32_t b = 0; b < p.count(); ++b) {
      if (blocks[b].size() == p[b].size() || (allowEmpty && blocks[b].empty())) continue;
      throw DamagedFile("parameter shapes do not match the model (block \"" + p[b].name + "\": " + std::to_string(blocks[b].size()) +
                        " values, the model's " + std::to_string(p[b].size()) + "; damaged, or another catalogue or user information)");
    }
  };
  checkFits(parameters, false);
  checkFits(best, true);
  t.restore(parameters);
  t.lastGoodParameters_ = std::move(parameters);
  t.bestParameters_ = std::move(best);
  const auto steps = in.get<int64_t>();
  auto first = readBlocks(in);
  auto second = readBlocks(in);
  const auto rowStepCount = in.get<uint64_t>();
  if (rowStepCount > in.remaining()) throw TruncatedData();
  std::vector<std::vector<int32_t>> rowSteps;
  for (uint64_t b = 0; b < rowStepCount; ++b) rowSteps.push_back(in.getVector<int32_t>());
  // The optimizer indexes its moments and row step counts by the rows of the model it was built
  // for, and counts a row's steps on from the stored count.
  const bool rowStepsPossible = std::all_of(rowSteps.begin(), rowSteps.end(), [steps](const std::vector<int32_t>& block) {
    return std::all_of(block.begin(), block.end(), [steps](int32_t n) { return n >= 0 && n <= steps && n < INT32_MAX; });
  });
  if (steps < 0 || !sameShapes(first, t.optimizer_->firstMoments()) || !sameShapes(second, t.optimizer_->secondMoments()) ||
      !sameShapes(rowSteps, t.optimizer_->rowSteps()) || !rowStepsPossible) {
    throw DamagedFile("damaged (optimizer state does not match)");
  }
  t.optimizer_->steps() = steps;
  t.optimizer_->firstMoments() = std::move(first);
  t.optimizer_->secondMoments() = std::move(second);
  t.optimizer_->rowSteps() = std::move(rowSteps);
  if (t.stopReason_ == StopReason::None) t.stopMessage_.clear();
  if (t.sampler_ && t.epochsDone() > 0) t.chainLost_ = true;  // the model's draws are back, the chain is not
}

std::string encodeCheckpoint(const Trainer& trainer, const SplitSpec& split, const SplitParams& splitParams,
                             uint32_t formatVersion) {
  if (formatVersion < kReadableVersions.oldest || formatVersion > kVersion ||
      (formatVersion < kFirstVersionWithBfm && trainer.model().config().kind == ModelKind::BFM)) {
    throw std::invalid_argument("encodeCheckpoint: format version " + std::to_string(formatVersion) + " cannot hold this run");
  }
  BinaryWriter out;
  writeDescription(out, trainer, split, splitParams, formatVersion);
  CheckpointAccess::write(out, trainer);
  return sealVersioned(kMagic, formatVersion, out.bytes());
}

void saveCheckpoint(const std::filesystem::path& path, const Trainer& trainer, const SplitSpec& split,
                    const SplitParams& splitParams) {
  writeFileAtomically(path, encodeCheckpoint(trainer, split, splitParams, kVersion));
}

CheckpointInfo readCheckpointInfo(const std::filesystem::path& path) {
  return readCheckpoint(path, [](BinaryReader& in, uint32_t fileVersion) { return readDescription(in, fileVersion); });
}

CheckpointInfo decodeCheckpointInfo(std::string_view bytes, const std::string& file) {
  uint32_t fileVersion = 0;
  BinaryReader in(openVersioned(bytes, kMagic, kReadableVersions, fileVersion));
  try {
    return readDescription(in, fileVersion);
  } catch (const TruncatedData&) {
    throw DamagedFile(file + ": damaged (ends early)");
  }
}

std::unique_ptr<Trainer> resumeTrainer(const std::filesystem::path& path, std::shared_ptr<const Dataset> data) {
  return readCheckpoint(path, [&](BinaryReader& in, uint32_t fileVersion) {
    return CheckpointAccess::rebuild(in, path.string(), std::move(data), fileVersion);
  });
}

std::unique_ptr<Trainer> decodeCheckpoint(std::string_view bytes, const std::string& file,
                                          std::shared_ptr<const Dataset> data) {
  uint32_t fileVersion = 0;
  BinaryReader in(openVersioned(bytes, kMagic, kReadableVersions, fileVersion));
  try {
    return CheckpointAccess::rebuild(in, file, std::move(data), fileVersion);
  } catch (const TruncatedData&) {
    throw DamagedFile(file + ": damaged (ends early)");
  }
}

std::unique_ptr<Model> loadModel(const std::filesystem::path& path, std::shared_ptr<const Dataset> data) {
  auto trainer = resumeTrainer(path, std::move(data));
  return trainer->releaseModel();
}

}  // namespace ll
