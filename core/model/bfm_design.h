#pragma once
// bfm's design matrix, stored by blocks. The feature vector of a rating (u, i, d) is three sparse
// blocks, one per thing it names — x = [x(u); x(i); x(d)] — as in Rendle 2013, "Scaling
// factorization machines to relational data" (block structure): every rating of user u shares u's
// block, so the sampler works per user rather than per rating, and a sweep costs
// O(k · (ratings + entries of the blocks)) instead of O(k · Σ_ratings |N(u)|) for the implicit groups.
//
// One column space over every group in use, each group a contiguous range, each block its own range:
//   user block:   user id (users) · user-info (side features) · implicit-user (movies, 1/√|N(u)|)
//   movie block:  movie id (movies) · features (x_i) · implicit-movie (users, 1/√|N(i)|)
//   day block:    day (one column per calendar day from the first training day to the last)
// The implicit groups and the day range read the training ratings only.

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/model/model_config.h"

namespace ll {

enum class BfmSide { User, Movie, Day };
constexpr int32_t kBfmSides = 3;

/// One block's entries, by entity (CSR) and by column (CSC). Columns are local: column c of the
/// table is global column firstColumn + c.
struct BfmTable {
  int32_t entities = 0;
  int32_t firstColumn = 0;
  int32_t columns = 0;
  std::vector<int64_t> entityOffsets;  ///< entities + 1
  std::vector<int32_t> entityColumns;  ///< local column of each entry
  std::vector<float> entityValues;
  std::vector<int64_t> columnOffsets;  ///< columns + 1
  std::vector<int32_t> columnEntities;
  std::vector<float> columnValues;
  /// Local columns [0, idColumns) are the id group: column e holds entity e alone, with x = 1, so
  /// their parameters are conditionally independent of each other (0 when the id group is off).
  int32_t idColumns = 0;

  int64_t entries() const { return static_cast<int64_t>(entityColumns.size()); }
};

struct BfmDesign {
  uint32_t groups = 0;  ///< the groups in use: those asked for that the data set has
  struct Range {
    int32_t begin = 0, end = 0;
  };
  std::array<Range, kBfmGroupCount> ranges;  ///< global columns of each group (empty when not in use)
  std::array<BfmTable, kBfmSides> tables;
  int32_t columns = 0;
  int64_t firstDay = 0;    ///< calendar day (timestamp / 86400) of day column 0
  int32_t days = 1;        ///< rows of the day block (one empty row without the day group)
  int32_t currentDay = 0;  ///< the day of a prediction without a date: the last training day
  std::vector<std::string> notes;  ///< groups asked for but left out, and why

  const BfmTable& table(BfmSide side) const { return tables[static_cast<size_t>(side)]; }
  /// The day row of a rating of the data set: its calendar day, clamped to the training days.
  int32_t dayOf(const Ratings& ratings, uint32_t rating) const;
  /// The group a global column belongs to.
  BfmGroup groupOf(int32_t column) const;
};

/// trainingRatings: indices into dataset.ratings (the implicit groups and the day range read them).
BfmDesign buildBfmDesign(const Dataset& dataset, std::span<const uint32_t> trainingRatings, uint32_t requestedGroups);

}  // namespace ll
