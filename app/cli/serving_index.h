#pragma once
// `recommend --index hnsw`: the checkpoint's maximum-inner-product index, kept beside it as
// <checkpoint>.hnsw and rebuilt when the model, the listed films or the build settings differ
// from the ones it was built from (a retrained checkpoint, another --min-ratings).

#include <filesystem>
#include <span>

#include "core/analysis/inner_product_index.h"

namespace ll::cli {

struct ServingIndex {
  InnerProductIndex index;
  bool built = false;          ///< false: read from the file
  double openSeconds = 0.0;    ///< building or reading it
  bool saved = false;          ///< a built index was written beside the checkpoint
};

/// The file an index of `checkpoint` lives in.
std::filesystem::path servingIndexPath(const std::filesystem::path& checkpoint);

/// Reads the index of `checkpoint` when it was built from form, items and params, else builds it
/// and tries to save it (a folder that cannot be written costs the next run a rebuild, nothing else;
/// a warning goes to stderr unless quiet).
ServingIndex openServingIndex(const std::filesystem::path& checkpoint, const UserAffineForm& form,
                              std::span<const int32_t> items, const HnswParams& params, bool quiet);

}  // namespace ll::cli
