// MovieLens' official test sets, generated the way ML-100K's were made: u1..u5 split all ratings
// into five disjoint test sets of equal size; ua and ub hold exactly ten ratings of every user.
#include <algorithm>
#include <numeric>

#include "core/synth/synthetic_stages.h"

namespace ll {
namespace {

// Ten of each user's ratings, chosen without replacement. Each user's ratings are a run of the
// world's user-major columns; they are visited in item order (as Ratings::ofUser would give them)
// without building the index, which costs 8 bytes a rating that training may never need.
std::vector<uint32_t> tenPerUser(const Ratings& ratings, Random& random) {
  std::vector<uint32_t> test;
  test.reserve(static_cast<size_t>(ratings.userCount) * 10);
  std::vector<uint32_t> mine;
  size_t begin = 0;
  for (int32_t u = 0; u < ratings.userCount; ++u) {
    size_t end = begin;
    while (end < ratings.size() && ratings.user[end] == u) ++end;
    mine.resize(end - begin);
    std::iota(mine.begin(), mine.end(), static_cast<uint32_t>(begin));
    std::sort(mine.begin(), mine.end(), [&](uint32_t a, uint32_t b) { return ratings.item[a] < ratings.item[b]; });
    begin = end;
    // Partial Fisher–Yates: the first ten positions become a uniform sample.
    const size_t take = std::min<size_t>(10, mine.size());
    for (size_t k = 0; k < take; ++k) std::swap(mine[k], mine[k + random.below(mine.size() - k)]);
    test.insert(test.end(), mine.begin(), mine.begin() + static_cast<std::ptrdiff_t>(take));
  }
  std::sort(test.begin(), test.end());
  return test;
}

}  // namespace

void makeOfficialTestSets(SyntheticWorld& world) {
  const Ratings& ratings = world.dataset.ratings;
  const size_t n = ratings.size();
  // A shuffled list of fold labels, as balanced as the count allows.
  std::vector<uint8_t> fold(n);
  for (size_t k = 0; k < n; ++k) fold[k] = static_cast<uint8_t>(k * 5 / n);
  Random random = syntheticStream(world.params.seed, SyntheticStream::Folds);
  random.shuffle(fold.begin(), fold.end());
  std::vector<uint32_t> sets[5];
  for (auto& s : sets) s.reserve(n / 5 + 1);
  for (size_t k = 0; k < n; ++k) sets[fold[k]].push_back(static_cast<uint32_t>(k));
  for (int f = 0; f < 5; ++f) {
    std::string name = "u";  // appended, not "u" + ...: GCC 12 warns falsely (-Wrestrict) on that
    name += std::to_string(f + 1);
    world.dataset.officialTestSets[name] = std::move(sets[f]);
  }

  Random a = syntheticStream(world.params.seed, SyntheticStream::FoldA);
  Random b = syntheticStream(world.params.seed, SyntheticStream::FoldB);
  world.dataset.officialTestSets["ua"] = tenPerUser(ratings, a);
  world.dataset.officialTestSets["ub"] = tenPerUser(ratings, b);
}

}  // namespace ll
