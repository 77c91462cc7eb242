#include "core/model/bfm_design.h"

#include <algorithm>
#include <limits>

#include "core/model/rating_profiles.h"
#include "core/model/user_side_features.h"

namespace ll {
namespace {

constexpr int64_t kSecondsPerDay = 86400;

int64_t calendarDay(int64_t timestamp) {
  return timestamp >= 0 ? timestamp / kSecondsPerDay : -((-timestamp + kSecondsPerDay - 1) / kSecondsPerDay);
}

// Builds a table entity by entity: entries are appended to the current entity, then the column
// view is made by a counting sort (each column lists its entities in ascending order).
class TableBuilder {
 public:
  TableBuilder(BfmTable& table, int32_t entities, int32_t firstColumn) : t_(table) {
    t_.entities = entities;
    t_.firstColumn = firstColumn;
    t_.entityOffsets.assign(1, 0);
  }
  void add(int32_t localColumn, float value) {
    if (value == 0.0f) return;
    t_.entityColumns.push_back(localColumn);
    t_.entityValues.push_back(value);
  }
  void endEntity() { t_.entityOffsets.push_back(static_cast<int64_t>(t_.entityColumns.size())); }

  void finish(int32_t columns, int32_t idColumns) {
    t_.columns = columns;
    t_.idColumns = idColumns;
    t_.columnOffsets.assign(static_cast<size_t>(columns) + 1, 0);
    for (int32_t c : t_.entityColumns) ++t_.columnOffsets[static_cast<size_t>(c) + 1];
    for (int32_t c = 0; c < columns; ++c) t_.columnOffsets[c + 1] += t_.columnOffsets[c];
    t_.columnEntities.resize(t_.entityColumns.size());
    t_.columnValues.resize(t_.entityColumns.size());
    std::vector<int64_t> next(t_.columnOffsets.begin(), t_.columnOffsets.end() - 1);
    for (int32_t e = 0; e < t_.entities; ++e) {
      for (int64_t k = t_.entityOffsets[e]; k < t_.entityOffsets[e + 1]; ++k) {
        const int64_t at = next[t_.entityColumns[k]]++;
        t_.columnEntities[at] = e;
        t_.columnValues[at] = t_.entityValues[k];
      }
    }
  }

 private:
  BfmTable& t_;
};

}  // namespace

int32_t BfmDesign::dayOf(const Ratings& ratings, uint32_t rating) const {
  if (!(groups & bfmGroupBit(BfmGroup::Day))) return 0;
  const int64_t day = calendarDay(ratings.timestamp[rating]) - firstDay;
  return static_cast<int32_t>(std::clamp<int64_t>(day, 0, days - 1));
}

BfmGroup BfmDesign::groupOf(int32_t column) const {
  for (int32_t g = 0; g < kBfmGroupCount; ++g) {
    if (column >= ranges[static_cast<size_t>(g)].begin && column < ranges[static_cast<size_t>(g)].end) return static_cast<BfmGroup>(g);
  }
  return BfmGroup::User;
}

BfmDesign buildBfmDesign(const Dataset& dataset, std::span<const uint32_t> trainingRatings, uint32_t requestedGroups) {
  const Ratings& r = dataset.ratings;
  BfmDesign d;
  d.groups = requestedGroups & kAllBfmGroups;
  const auto want = [&](BfmGroup g) { return (d.groups & bfmGroupBit(g)) != 0; };
  const auto drop = [&](BfmGroup g, const std::string& why) {
    if (!want(g)) return;
    d.groups &= ~bfmGroupBit(g);
    d.notes.push_back("bfm: group " + std::string(bfmGroupName(g)) + " left out: " + why);
  };
  const UserSideFeatures info = want(BfmGroup::UserInfo) ? buildUserSideFeatures(dataset) : UserSideFeatures{};
  if (info.count == 0) drop(BfmGroup::UserInfo, "the data set has no user information");
  if (dataset.features.count == 0) drop(BfmGroup::Features, "the data set has no movie features");
  if (!r.hasTimestamps() || trainingRatings.empty()) drop(BfmGroup::Day, "the ratings have no timestamps");

  // Column ranges, in block order.
  int32_t next = 0;
  const auto place = [&](BfmGroup g, int32_t count) {
    auto& range = d.ranges[static_cast<size_t>(g)];
    range.begin = next;
    if (want(g)) next += count;
    range.end = next;
  };
  if (want(BfmGroup::Day)) {
    int64_t first = std::numeric_limits<int64_t>::max(), last = std::numeric_limits<int64_t>::min();
    for (uint32_t k : trainingRatings) {
      const int64_t day = calendarDay(r.timestamp[k]);
      first = std::min(first, day);
      last = std::max(last, day);
    }
    d.firstDay = first;
    d.days = static_cast<int32_t>(std::min<int64_t>(last - first + 1, std::numeric_limits<int32_t>::max() / 2));
    d.currentDay = d.days - 1;
  }
  place(BfmGroup::User, r.userCount);
  place(BfmGroup::UserInfo, info.count);
  place(BfmGroup::ImplicitUser, r.itemCount);
  place(BfmGroup::Movie, r.itemCount);
  place(BfmGroup::Features, dataset.features.count);
  place(BfmGroup::ImplicitMovie, r.userCount);
  place(BfmGroup::Day, d.days);
  d.columns = next;
  const auto local = [&](BfmGroup g, int32_t first) { return d.ranges[static_cast<size_t>(g)].begin - first; };

  {  // user block
    const int32_t first = d.ranges[static_cast<size_t>(BfmGroup::User)].begin;
    TableBuilder b(d.tables[static_cast<size_t>(BfmSide::User)], r.userCount, first);
    const SparseProfiles rated = want(BfmGroup::ImplicitUser) ? buildRatedMovies(dataset, trainingRatings) : SparseProfiles{};
    for (int32_t u = 0; u < r.userCount; ++u) {
      if (want(BfmGroup::User)) b.add(local(BfmGroup::User, first) + u, 1.0f);
      if (want(BfmGroup::UserInfo)) {
        for (int32_t c = 0; c < info.count; ++c) b.add(local(BfmGroup::UserInfo, first) + c, info.row(u)[c]);
      }
      if (want(BfmGroup::ImplicitUser)) {
        const auto movies = rated.idsOf(u);
        const auto weights = rated.weightsOf(u);
        for (size_t k = 0; k < movies.size(); ++k) b.add(local(BfmGroup::ImplicitUser, first) + movies[k], weights[k]);
      }
      b.endEntity();
    }
    b.finish(d.ranges[static_cast<size_t>(BfmGroup::ImplicitUser)].end - first, want(BfmGroup::User) ? r.userCount : 0);
  }
  {  // movie block
    const int32_t first = d.ranges[static_cast<size_t>(BfmGroup::Movie)].begin;
    TableBuilder b(d.tables[static_cast<size_t>(BfmSide::Movie)], r.itemCount, first);
    const SparseProfiles raters = want(BfmGroup::ImplicitMovie) ? buildMovieRaters(dataset, trainingRatings) : SparseProfiles{};
    const ItemFeatures& x = dataset.features;
    for (int32_t i = 0; i < r.itemCount; ++i) {
      if (want(BfmGroup::Movie)) b.add(local(BfmGroup::Movie, first) + i, 1.0f);
      if (want(BfmGroup::Features)) {
        for (int32_t c = 0; c < x.count; ++c) b.add(local(BfmGroup::Features, first) + c, x.row(i)[c]);
      }
      if (want(BfmGroup::ImplicitMovie)) {
        const auto users = raters.idsOf(i);
        const auto weights = raters.weightsOf(i);
        for (size_t k = 0; k < users.size(); ++k) b.add(local(BfmGroup::ImplicitMovie, first) + users[k], weights[k]);
      }
      b.endEntity();
    }
    b.finish(d.ranges[static_cast<size_t>(BfmGroup::ImplicitMovie)].end - first, want(BfmGroup::Movie) ? r.itemCount : 0);
  }
  {  // day block
    const int32_t first = d.ranges[static_cast<size_t>(BfmGroup::Day)].begin;
    TableBuilder b(d.tables[static_cast<size_t>(BfmSide::Day)], d.days, first);
    for (int32_t day = 0; day < d.days; ++day) {
      if (want(BfmGroup::Day)) b.add(day, 1.0f);
      b.endEntity();
    }
    b.finish(want(BfmGroup::Day) ? d.days : 0, want(BfmGroup::Day) ? d.days : 0);
  }
  return d;
}

}  // namespace ll
