// Checkpoints (core/train/checkpoint.h) with their envelope resealed (fuzz_inputs.h), read as
// `latentlens train --resume` reads them: the description alone, then the whole run resumed on
// the world the seeds were trained on, and one more epoch trained from the restored state.
// A damaged checkpoint or one of other data must be refused with DamagedFile or InputError.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/data/input_error.h"
#include "core/io/versioned_file.h"
#include "core/train/checkpoint.h"
#include "tests/fuzz/fuzz_inputs.h"

namespace {

// Work sizes are the run's own choice (the CLI bounds none of them from above): larger ones would
// only measure this machine's memory, threads and patience, so such runs are not resumed.
bool withinBudget(const ll::CheckpointInfo& info) {
  return info.model.dim <= 64 && info.train.threads <= 2 && info.train.negatives <= 8 &&
         info.train.ranking.sampledNegatives <= 100;
}

const std::shared_ptr<const ll::Dataset>& world() {
  static const std::shared_ptr<const ll::Dataset> data = ll::fuzz::checkpointWorld();
  return data;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string file = ll::fuzz::resealed(std::string_view(reinterpret_cast<const char*>(data), size));
  try {
    const ll::CheckpointInfo info = ll::decodeCheckpointInfo(file, "fuzz.llckpt");
    if (!withinBudget(info)) return 0;
    const auto trainer = ll::decodeCheckpoint(file, "fuzz.llckpt", world());
    trainer->runEpoch();
  } catch (const ll::DamagedFile&) {
  } catch (const ll::InputError&) {
  }
  return 0;
}
