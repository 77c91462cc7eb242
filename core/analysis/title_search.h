#pragma once
// Finding a film by title: case- and accent-insensitive substring search, ranked by
// whether the title starts with the query, then by rating count. MovieLens writes leading articles
// at the end ("Misérables, Les"), so a title is also matched in its natural order
// ("les miserables").

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/data/dataset.h"

namespace ll {

/// Lower case with Latin accents folded (é→e, ñ→n, ß→ss, æ→ae, œ→oe, ł→l, …) and combining marks
/// dropped. Input is UTF-8; a byte that is not valid UTF-8 is read as ISO-8859-1. Other characters
/// are kept as they are.
std::string foldForSearch(std::string_view text);

struct TitleSearchParams {
  int32_t limit = 20;  ///< at most this many matches (default: 20)
};

struct TitleMatch {
  int32_t item = -1;
  bool prefix = false;       ///< the (folded) title starts with the (folded) query
  int64_t ratingCount = 0;
};

class TitleIndex {
 public:
  TitleIndex() = default;
  explicit TitleIndex(const Dataset& dataset);

  /// Matches best first: prefix matches, then more ratings, then lower item index.
  /// An empty (or all-space) query matches nothing. A trailing "(1995)" filters by year.
  std::vector<TitleMatch> search(std::string_view query, const TitleSearchParams& params = {}) const;

 private:
  struct Entry {
    std::string folded;   // the title as written
    std::string natural;  // "les miserables" for "Misérables, Les"; empty when the same
    int64_t ratingCount = 0;
    int32_t year = 0;
  };
  std::vector<Entry> entries_;  // per dense item
};

}  // namespace ll
