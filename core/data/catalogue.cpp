#include "core/data/catalogue.h"

#include <algorithm>

#include "core/data/input_error.h"
#include "core/data/text/fields.h"

namespace ll {

TitleYear splitTitleYear(std::string_view title) {
  title = trim(title);
  TitleYear out;
  // "Name (1995)": exactly four digits in parentheses at the end, a space before them.
  if (title.size() >= 7 && title.back() == ')' && title[title.size() - 6] == '(') {
    const std::string_view digits = title.substr(title.size() - 5, 4);
    const bool allDigits = std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (allDigits) {
      out.year = std::stoi(std::string(digits));
      out.title = std::string(trim(title.substr(0, title.size() - 6)));
      return out;
    }
  }
  out.title = std::string(title);
  return out;
}

int32_t yearFromReleaseDate(std::string_view date) {
  date = trim(date);
  if (date.size() < 4) return 0;
  const std::string_view digits = date.substr(date.size() - 4);
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) return 0;
  return std::stoi(std::string(digits));
}

const std::vector<std::string>& standardGenreNames() {
  static const std::vector<std::string> names = {
      "unknown", "Action",  "Adventure", "Animation", "Children's", "Children", "Comedy",
      "Crime",   "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical",
      "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western", "IMAX"};
  return names;
}

std::vector<std::string> orderGenres(const std::vector<std::string>& used, const std::string& file) {
  std::vector<std::string> ordered;
  for (const auto& name : standardGenreNames()) {
    if (std::find(used.begin(), used.end(), name) != used.end()) ordered.push_back(name);
  }
  std::vector<std::string> others;
  for (const auto& name : used) {
    const auto& standard = standardGenreNames();
    if (std::find(standard.begin(), standard.end(), name) == standard.end() &&
        std::find(others.begin(), others.end(), name) == others.end()) {
      others.push_back(name);
    }
  }
  std::sort(others.begin(), others.end());
  ordered.insert(ordered.end(), others.begin(), others.end());
  if (ordered.size() > 32) {
    throw InputError(file, 0, "at most 32 distinct genres", std::to_string(ordered.size()) + " genres");
  }
  return ordered;
}

void Catalogue::add(std::string_view id, Movie movie, const std::string& file, int64_t line) {
  const auto [it, inserted] = lineOf_.try_emplace(std::string(id), line);
  if (!inserted) {
    throw InputError(file, line, "each movie id listed once",
                     "movie " + quoteInput(id) + " again (first on line " + std::to_string(it->second) + ")");
  }
  movies_.emplace(std::string(id), std::move(movie));
}

int32_t Catalogue::attach(Dataset& dataset) const {
  dataset.movies.assign(dataset.itemIds.size(), Movie{});
  int32_t matched = 0;
  int32_t missing = 0;
  for (size_t i = 0; i < dataset.itemIds.size(); ++i) {
    const auto it = movies_.find(dataset.itemIds[i]);
    if (it == movies_.end()) {
      ++missing;
    } else {
      dataset.movies[i] = it->second;
      ++matched;
    }
  }
  dataset.listedUnrated = static_cast<int32_t>(movies_.size()) - matched;
  return missing;
}

void UserDirectory::add(std::string_view id, UserInfo info, const std::string& file, int64_t line) {
  const auto [it, inserted] = lineOf_.try_emplace(std::string(id), line);
  if (!inserted) {
    throw InputError(file, line, "each user id listed once",
                     "user " + quoteInput(id) + " again (first on line " + std::to_string(it->second) + ")");
  }
  users_.emplace(std::string(id), std::move(info));
}

void UserDirectory::attach(Dataset& dataset) const {
  dataset.users.assign(dataset.userIds.size(), UserInfo{});
  for (size_t u = 0; u < dataset.userIds.size(); ++u) {
    const auto it = users_.find(dataset.userIds[u]);
    if (it != users_.end()) dataset.users[u] = it->second;
  }
}

DenseIndex::DenseIndex(const std::vector<std::string>& rawIds) {
  index_.reserve(rawIds.size());
  for (size_t i = 0; i < rawIds.size(); ++i) index_.emplace(rawIds[i], static_cast<int32_t>(i));
}

int32_t DenseIndex::find(std::string_view raw) const {
  const auto it = index_.find(raw);
  return it == index_.end() ? -1 : it->second;
}

}  // namespace ll
