#include "app/cli/neighbour_lists.h"

#include <algorithm>
#include <cstdio>

#include "app/cli/model_source.h"
#include "app/cli/text_columns.h"
#include "core/analysis/title_search.h"
#include "core/data/catalogue.h"
#include "core/data/input_error.h"

namespace ll::cli {
namespace {

constexpr int32_t kCandidates = 10;  // title matches looked at: the best one and the others listed

}  // namespace

FoundMovie findMovie(const Dataset& data, const std::string& query, const std::string& option) {
  FoundMovie found;
  found.item = DenseIndex(data.itemIds).find(query);
  if (found.item >= 0) return found;
  const std::vector<TitleMatch> matches = TitleIndex(data).search(query, {.limit = kCandidates});
  if (matches.empty()) throw InputError(option, 0, "a movie id or title of " + data.source, "\"" + query + "\"");
  found.item = matches.front().item;
  for (size_t m = 1; m < matches.size(); ++m) found.others.push_back(matches[m].item);
  return found;
}

nlohmann::json movieJson(const Dataset& data, int32_t item) {
  return {{"id", data.itemIds[static_cast<size_t>(item)]}, {"title", movieTitle(data, item)},
          {"rating_count", data.ratings.itemRatingCount(item)}};
}

void printNeighbourComparison(const Dataset& data, const NeighbourComparison& comparison, std::span<const std::string> labels) {
  const int32_t item = comparison.item;
  std::printf("Neighbours of %s [%s], %lld ratings, under %zu models (* in every list)\n", movieTitle(data, item).c_str(),
              data.itemIds[static_cast<size_t>(item)].c_str(), static_cast<long long>(data.ratings.itemRatingCount(item)),
              comparison.lists.size());
  constexpr int kWidth = 34;
  size_t longest = 0;
  for (const auto& list : comparison.lists) longest = std::max(longest, list.size());
  std::printf("%4s", "rank");
  for (const std::string& label : labels) std::printf("  %s", fitLeft(label, kWidth).c_str());
  std::printf("\n");
  for (size_t r = 0; r < longest; ++r) {
    std::printf("%4zu", r + 1);
    for (const auto& list : comparison.lists) {
      std::string cell;
      if (r < list.size()) cell = std::string(comparison.inEveryList(list[r].item) ? "* " : "  ") + movieTitle(data, list[r].item);
      std::printf("  %s", fitLeft(cell, kWidth).c_str());
    }
    std::printf("\n");
  }
  std::printf("\n%-20s %-20s %7s %8s %9s\n", "model", "against", "shared", "Jaccard", "Spearman");
  for (const ListPairOverlap& p : comparison.pairs) {
    char rho[16] = "–";
    if (p.overlap.spearman) std::snprintf(rho, sizeof rho, "%.3f", *p.overlap.spearman);
    std::printf("%-20s %-20s %7d %8.3f %9s\n", labels[static_cast<size_t>(p.a)].c_str(), labels[static_cast<size_t>(p.b)].c_str(),
                p.overlap.shared, p.overlap.jaccard, rho);
  }
}

nlohmann::json neighbourComparisonJson(const Dataset& data, const NeighbourComparison& comparison, int32_t count,
                                       nlohmann::json runs) {
  for (size_t m = 0; m < comparison.lists.size(); ++m) {
    nlohmann::json list = nlohmann::json::array();
    for (const Neighbour& n : comparison.lists[m]) {
      nlohmann::json entry = movieJson(data, n.item);
      entry["similarity"] = n.similarity;
      entry["in_every_list"] = comparison.inEveryList(n.item);
      list.push_back(std::move(entry));
    }
    runs[m]["neighbours"] = std::move(list);
  }
  nlohmann::json overlaps = nlohmann::json::array();
  for (const ListPairOverlap& p : comparison.pairs) {
    overlaps.push_back({{"a", p.a}, {"b", p.b}, {"shared", p.overlap.shared}, {"jaccard", p.overlap.jaccard},
                        {"spearman", p.overlap.spearman ? nlohmann::json(*p.overlap.spearman) : nlohmann::json(nullptr)}});
  }
  return {{"movie", movieJson(data, comparison.item)}, {"k", count}, {"runs", std::move(runs)}, {"overlap", std::move(overlaps)}};
}

}  // namespace ll::cli
