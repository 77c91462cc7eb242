#include "core/synth/vocabulary.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "core/data/input_error.h"

namespace ll {
namespace {

constexpr const char* kFile = "synthetic vocabulary";

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> splitOn(std::string_view s, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t end = s.find(separator, start);
    parts.push_back(trim(s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start)));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

// A ';' list; empty items are an error so a stray separator is caught rather than producing "".
std::vector<std::string> parseList(std::string_view s, int64_t line, const char* what) {
  std::vector<std::string> items;
  for (std::string_view item : splitOn(s, ';')) {
    if (item.empty()) throw InputError(kFile, line, std::string("a non-empty ") + what, "an empty item");
    items.emplace_back(item);
  }
  return items;
}

VocabularyTheme parseTheme(std::string_view value, int64_t line) {
  const auto fields = splitOn(value, '|');
  if (fields.size() != 5) {
    throw InputError(kFile, line, "theme = NAME | GENRE | WEIGHT | TAGS | TITLE WORDS",
                     std::to_string(fields.size()) + " fields");
  }
  VocabularyTheme theme;
  theme.name = std::string(fields[0]);
  if (theme.name.empty()) throw InputError(kFile, line, "a theme name", "nothing");
  const auto& genres = movieLensGenres();
  const auto genre = std::find(genres.begin(), genres.end(), fields[1]);
  if (genre == genres.end()) throw InputError(kFile, line, "one of the 19 MovieLens genres", std::string(fields[1]));
  theme.genre = static_cast<int32_t>(genre - genres.begin());
  // std::from_chars for double is in libstdc++ 11+, so the weight parses the same everywhere.
  const auto weightText = fields[2];
  const auto result = std::from_chars(weightText.data(), weightText.data() + weightText.size(), theme.weight);
  if (result.ec != std::errc() || result.ptr != weightText.data() + weightText.size() || !(theme.weight > 0)) {
    throw InputError(kFile, line, "a positive theme weight", std::string(weightText));
  }
  theme.tags = parseList(fields[3], line, "tag");
  theme.titleWords = parseList(fields[4], line, "title word");
  return theme;
}

}  // namespace

const std::vector<std::string>& movieLensGenres() {
  static const std::vector<std::string> names = {
      "unknown", "Action",    "Adventure", "Animation", "Children's", "Comedy", "Crime",
      "Documentary", "Drama", "Fantasy",   "Film-Noir", "Horror",     "Musical", "Mystery",
      "Romance", "Sci-Fi",    "Thriller",  "War",       "Western"};
  return names;
}

SyntheticVocabulary parseVocabulary(std::string_view text) {
  SyntheticVocabulary vocabulary;
  int64_t lineNumber = 0;
  size_t position = 0;
  while (position <= text.size()) {
    const size_t end = std::min(text.find('\n', position), text.size());
    const std::string_view line = trim(text.substr(position, end - position));
    position = end + 1;
    ++lineNumber;
    if (line.empty() || line.front() == '#') continue;
    const size_t equals = line.find('=');
    if (equals == std::string_view::npos) throw InputError(kFile, lineNumber, "KEY = VALUE", std::string(line));
    const std::string_view key = trim(line.substr(0, equals));
    const std::string_view value = trim(line.substr(equals + 1));
    auto append = [&](std::vector<std::string>& to, const char* what) {
      auto items = parseList(value, lineNumber, what);
      to.insert(to.end(), items.begin(), items.end());
    };
    if (key == "theme") {
      vocabulary.themes.push_back(parseTheme(value, lineNumber));
    } else if (key == "adjective") {
      append(vocabulary.adjectives, "adjective");
    } else if (key == "noun") {
      append(vocabulary.nouns, "noun");
    } else if (key == "place") {
      append(vocabulary.places, "place");
    } else if (key == "article") {
      append(vocabulary.articles, "article");
    } else if (key == "alternate") {
      append(vocabulary.alternates, "alternate title");
    } else if (key == "usertag") {
      append(vocabulary.userTags, "user tag");
    } else {
      throw InputError(kFile, lineNumber, "theme, adjective, noun, place, article, alternate or usertag",
                       std::string(key));
    }
  }
  if (vocabulary.themes.empty()) throw InputError(kFile, 0, "at least one theme", "none");
  if (vocabulary.adjectives.empty() || vocabulary.nouns.empty() || vocabulary.places.empty() ||
      vocabulary.articles.empty()) {
    throw InputError(kFile, 0, "adjectives, nouns, places and articles", "an empty list");
  }
  // Tags become feature names: they must be unique or two columns would share a name.
  std::set<std::string> seen;
  for (const auto& theme : vocabulary.themes) {
    for (const auto& tag : theme.tags) {
      if (!seen.insert(tag).second) throw InputError(kFile, 0, "unique tags", "\"" + tag + "\" twice");
    }
  }
  return vocabulary;
}

}  // namespace ll
