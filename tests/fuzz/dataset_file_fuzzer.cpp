// One target per data file kind, built once per kind from this file: the input becomes the file
// LATENTLENS_FUZZ_FILE of the well-formed fixture folder LATENTLENS_FUZZ_FIXTURE (its other files
// kept; empty: no other files), and the folder is loaded as `latentlens info` would load it.
// Bad input must end in an InputError; anything else, or a data set that does not hold together,
// is a finding.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "core/data/file_source.h"
#include "core/data/formats.h"
#include "core/data/input_error.h"
#include "tests/fuzz/dataset_checks.h"

namespace {

const std::string kFuzzedFile = LATENTLENS_FUZZ_FILE;
const std::string kFixture = LATENTLENS_FUZZ_FIXTURE;

std::map<std::string, std::string> fixtureFiles() {
  std::map<std::string, std::string> files;
  if (kFixture.empty()) return files;
  const ll::FileSource folder = ll::FileSource::open(kFixture);
  for (const auto& name : folder.names()) files[name] = folder.read(name);
  return files;
}

const std::map<std::string, std::string>& companions() {
  static const std::map<std::string, std::string> files = fixtureFiles();
  return files;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::map<std::string, std::string> files = companions();
  files[kFuzzedFile] = std::string(reinterpret_cast<const char*>(data), size);
  try {
    const ll::Dataset dataset = ll::parseDataset(ll::FileSource::inMemory("fuzz", std::move(files)), ll::FeatureOptions{});
    ll::fuzz::requireUsableDataset(dataset);
  } catch (const ll::InputError&) {
  }
  return 0;
}
