// .zip archives (core/data/file_source.h, through libzip): the input is written to a file, since
// archives are opened by path, then opened and every entry read (inflated, ".gz" entries too).
// A damaged archive or entry must end in an InputError.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/data/file_source.h"
#include "core/data/input_error.h"

namespace {

// The archive file of this fuzzing process, removed when it exits normally.
class ScratchArchive {
 public:
  ScratchArchive()
      : path_(std::filesystem::temp_directory_path() / ("latentlens-fuzz-" + std::to_string(::getpid()) + ".zip")) {}
  ~ScratchArchive() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  ScratchArchive(const ScratchArchive&) = delete;
  ScratchArchive& operator=(const ScratchArchive&) = delete;

  const std::filesystem::path& write(const uint8_t* data, size_t size) const {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    return path_;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const ScratchArchive archive;
  try {
    const ll::FileSource files = ll::FileSource::open(archive.write(data, size));
    for (const auto& name : files.names()) {
      try {
        files.read(name);
      } catch (const ll::InputError&) {
      }
    }
  } catch (const ll::InputError&) {
  }
  return 0;
}
