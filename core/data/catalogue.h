#pragma once
// The movie catalogue a format lists (u.item, movies.dat, movies.csv), keyed by raw movie id,
// and the side information about users (u.user, users.dat), keyed by raw user id. Both are
// attached to a Dataset once its dense indices are known.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/data/dataset.h"

namespace ll {

/// A title split into its name and the year of a trailing "(1995)"; year 0 when there is none.
struct TitleYear {
  std::string title;
  int32_t year = 0;
};
TitleYear splitTitleYear(std::string_view title);
/// The year of an ML-100K release date such as "01-Jan-1995"; 0 when empty or unreadable.
int32_t yearFromReleaseDate(std::string_view date);

/// The MovieLens genre names in their customary order: the 19 of ML-100K (starting with
/// "unknown"; ML-latest's "Children" beside "Children's"), then ML-latest's "IMAX".
const std::vector<std::string>& standardGenreNames();
/// The genres used by a catalogue, in standardGenreNames() order, others after them sorted.
/// Throws InputError(file) past 32 distinct genres.
std::vector<std::string> orderGenres(const std::vector<std::string>& used, const std::string& file);

class Catalogue {
 public:
  /// Throws InputError(file, line) when id was listed before.
  void add(std::string_view id, Movie movie, const std::string& file, int64_t line);
  size_t size() const { return movies_.size(); }

  /// Fills dataset.movies (one per dense item, from dataset.itemIds) and dataset.listedUnrated.
  /// Rated movies missing from the catalogue get an empty Movie; returns how many there were.
  int32_t attach(Dataset& dataset) const;

 private:
  std::unordered_map<std::string, Movie> movies_;
  std::unordered_map<std::string, int64_t> lineOf_;
};

class UserDirectory {
 public:
  /// Throws InputError(file, line) when id was listed before.
  void add(std::string_view id, UserInfo info, const std::string& file, int64_t line);
  bool empty() const { return users_.empty(); }
  /// Fills dataset.users (one per dense user; users not listed get a default UserInfo).
  void attach(Dataset& dataset) const;

 private:
  std::unordered_map<std::string, UserInfo> users_;
  std::unordered_map<std::string, int64_t> lineOf_;
};

/// Raw id → dense index over a list of raw ids in dense order (Dataset::itemIds or userIds).
/// Holds views into that list: keep the list alive and unchanged.
class DenseIndex {
 public:
  explicit DenseIndex(const std::vector<std::string>& rawIds);
  int32_t find(std::string_view raw) const;  ///< -1 when absent

 private:
  std::unordered_map<std::string_view, int32_t> index_;
};

}  // namespace ll
