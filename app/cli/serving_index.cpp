#include "app/cli/serving_index.h"

#include <chrono>
#include <cstdio>
#include <optional>

#include "core/io/atomic_file.h"
#include "core/io/mapped_file.h"
#include "core/io/versioned_file.h"

namespace ll::cli {
namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The saved index when it is there, whole, and built from the same model and films.
std::optional<InnerProductIndex> savedIndex(const std::filesystem::path& path, const UserAffineForm& form,
                                            std::span<const int32_t> items, const HnswParams& params) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return std::nullopt;
  try {
    const MappedFile file(path);
    InnerProductIndex index = InnerProductIndex::fromBytes(file.bytes());
    if (!index.builtFrom(form, items, params)) return std::nullopt;
    index.setEfSearch(params.efSearch);
    return index;
  } catch (const std::exception&) {
    return std::nullopt;  // damaged, another version, unreadable: built again and replaced
  }
}

}  // namespace

std::filesystem::path servingIndexPath(const std::filesystem::path& checkpoint) {
  std::filesystem::path path = checkpoint;
  path += ".hnsw";
  return path;
}

ServingIndex openServingIndex(const std::filesystem::path& checkpoint, const UserAffineForm& form,
                              std::span<const int32_t> items, const HnswParams& params, bool quiet) {
  const auto start = std::chrono::steady_clock::now();
  const std::filesystem::path path = servingIndexPath(checkpoint);
  if (std::optional<InnerProductIndex> saved = savedIndex(path, form, items, params)) {
    return {std::move(*saved), false, secondsSince(start), false};
  }
  ServingIndex serving{InnerProductIndex(form, items, params), true, 0.0, false};
  serving.openSeconds = secondsSince(start);
  try {
    writeFileAtomically(path, serving.index.toBytes());
    serving.saved = true;
  } catch (const std::exception& e) {
    if (!quiet) std::fprintf(stderr, "warning: the search index was not saved (%s); the next run builds it again\n", e.what());
  }
  return serving;
}

}  // namespace ll::cli
