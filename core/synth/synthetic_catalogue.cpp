// Titles, years and people. Titles are built from the primary theme's title words, the shared
// adjectives, nouns and places, and sometimes a tag, in MovieLens' own shapes: trailing articles
// ("Harbour, The", "Misérables, Les"), alternate titles in parentheses, double quotes, sequels.
// They are unique (with the year), so a title finds one film.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <unordered_set>

#include "core/synth/synthetic_stages.h"

namespace ll {
namespace {

template <class T>
const T& pick(const std::vector<T>& list, Random& random) {
  return list[random.below(list.size())];
}

std::string capitalised(std::string text) {
  bool start = true;
  for (char& c : text) {
    if (start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    start = c == ' ' || c == '-';
  }
  return text;
}

// ML-100K's years: mostly 1990–1998 (peaking in 1995–1997), the rest spread back to the 1930s.
int32_t drawYear(Random& random) {
  static constexpr int kRecentWeight[] = {3, 3, 4, 6, 10, 16, 20, 16, 4};  // 1990..1998
  if (random.bernoulli(0.7)) {
    int x = static_cast<int>(random.below(82));
    int year = 1990;
    for (int w : kRecentWeight) {
      if (x < w) break;
      x -= w;
      ++year;
    }
    return year;
  }
  return 1930 + static_cast<int32_t>(60.0 * std::sqrt(random.uniform()));
}

std::string drawTitle(const SyntheticVocabulary& v, const VocabularyTheme& theme, const std::string& tag, Random& random) {
  const std::string& word = random.bernoulli(0.75) ? pick(theme.titleWords, random) : pick(v.nouns, random);
  const std::string& adjective = pick(v.adjectives, random);
  const std::string& noun = pick(v.nouns, random);
  const std::string& place = pick(v.places, random);
  const double u = random.uniform();
  // Foreign articles are the ones after the English three in the vocabulary's list.
  const std::string& article = v.articles.size() > 3 ? v.articles[3 + random.below(v.articles.size() - 3)] : v.articles[0];
  if (u < 0.20) return adjective + " " + word;
  if (u < 0.32) return word + " of " + place;
  if (u < 0.42) return adjective + " " + word + ", The";
  if (u < 0.50) return noun + ", " + article;
  if (u < 0.60) return place + " " + word;
  if (u < 0.67) return adjective + " " + word + ", A";
  if (u < 0.72) return "\"" + adjective + "\" " + word;
  if (u < 0.77) return word + " " + std::to_string(2 + random.below(3));
  if (u < 0.82) return noun + " and the " + word;
  if (u < 0.86 && !v.alternates.empty()) return word + ", The (" + pick(v.alternates, random) + ")";
  if (u < 0.91) return capitalised(tag);
  if (u < 0.93) return place + ", " + place + ", " + pick(v.places, random);
  return adjective + " " + noun;
}

}  // namespace

void makeCatalogue(SyntheticWorld& world, const SyntheticVocabulary& vocabulary, int32_t unknownMovie) {
  Random random = syntheticStream(world.params.seed, SyntheticStream::Titles);
  std::unordered_set<std::string> used;
  for (size_t i = 0; i < world.dataset.movies.size(); ++i) {
    Movie& movie = world.dataset.movies[i];
    if (static_cast<int32_t>(i) == unknownMovie) {
      movie.title = "unknown";
      movie.year = 0;
      continue;
    }
    const SyntheticTheme& theme = world.themes[world.primaryTheme[i]];
    const VocabularyTheme& words = vocabulary.themes[world.primaryTheme[i]];
    movie.year = drawYear(random);
    std::string title;
    for (int attempt = 0; attempt < 8; ++attempt) {
      title = drawTitle(vocabulary, words, world.tagNames[pick(theme.tags, random)], random);
      if (!used.count(title + "|" + std::to_string(movie.year))) break;
    }
    // Still taken after a few draws (large catalogues): number it like a sequel.
    const std::string base = title;
    for (int n = 2; used.count(title + "|" + std::to_string(movie.year)); ++n) title = base + " " + std::to_string(n);
    used.insert(title + "|" + std::to_string(movie.year));
    movie.title = std::move(title);
  }
}

std::vector<UserInfo> makeUsers(const SyntheticParams& params) {
  // ML-100K's occupations and how many of its 943 users had each.
  struct Occupation {
    const char* name;
    int count;
  };
  static constexpr Occupation kOccupations[] = {
      {"student", 196},  {"other", 105},        {"educator", 95},  {"administrator", 79}, {"engineer", 67},
      {"programmer", 66}, {"librarian", 51},    {"writer", 45},    {"executive", 32},     {"scientist", 31},
      {"artist", 28},    {"technician", 27},    {"marketing", 26}, {"entertainment", 18}, {"healthcare", 16},
      {"retired", 14},   {"lawyer", 12},        {"salesman", 12},  {"none", 9},           {"homemaker", 7},
      {"doctor", 7}};
  int total = 0;
  for (const auto& o : kOccupations) total += o.count;

  Random random = syntheticStream(params.seed, SyntheticStream::People);
  std::vector<UserInfo> users(static_cast<size_t>(params.users));
  for (auto& user : users) {
    user.age = static_cast<int32_t>(std::clamp(std::lround(random.normal(33.0, 11.5)), 7L, 73L));
    user.gender = random.bernoulli(0.71) ? 'M' : 'F';
    if (user.age < 23 && random.bernoulli(0.65)) {
      user.occupation = "student";
    } else if (user.age >= 62 && random.bernoulli(0.5)) {
      user.occupation = "retired";
    } else {
      int x = static_cast<int>(random.below(static_cast<uint64_t>(total)));
      for (const auto& o : kOccupations) {
        if (x < o.count) {
          user.occupation = o.name;
          break;
        }
        x -= o.count;
      }
    }
    char zip[8];
    if (random.bernoulli(0.01)) {  // ML-100K has a few Canadian postal codes
      std::snprintf(zip, sizeof zip, "%c%d%c%d%c", 'A' + static_cast<int>(random.below(26)), static_cast<int>(random.below(10)),
                    'A' + static_cast<int>(random.below(26)), static_cast<int>(random.below(10)),
                    'A' + static_cast<int>(random.below(26)));
    } else {
      std::snprintf(zip, sizeof zip, "%05d", static_cast<int>(random.below(100000)));
    }
    user.zip = zip;
  }
  return users;
}

}  // namespace ll
