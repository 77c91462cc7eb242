#include "core/analysis/title_search.h"

#include <algorithm>
#include <array>

#include "core/analysis/cosine_neighbours.h"
#include "core/data/text/encoding.h"

namespace ll {
namespace {

// Folds of U+00C0..U+00FF (ISO-8859-1's letters); "" keeps the character (× and ÷).
constexpr std::array<const char*, 64> kLatin1 = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // À..Ï
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",   // Ð..ß
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // à..ï
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y"};   // ð..ÿ

// Folds of U+0100..U+017F (Latin Extended-A) as runs of code points sharing a base letter.
struct Run {
  int count;
  const char* fold;
};
constexpr std::array<Run, 22> kExtendedA = {{{6, "a"}, {8, "c"}, {4, "d"}, {10, "e"}, {8, "g"}, {4, "h"}, {10, "i"},
                                             {2, "ij"}, {2, "j"}, {3, "k"}, {10, "l"}, {9, "n"}, {6, "o"}, {2, "oe"},
                                             {6, "r"}, {8, "s"}, {6, "t"}, {12, "u"}, {2, "w"}, {3, "y"}, {6, "z"}, {1, "s"}}};

const char* foldExtendedA(uint32_t codePoint) {
  uint32_t first = 0x100;
  for (const Run& run : kExtendedA) {
    if (codePoint < first + static_cast<uint32_t>(run.count)) return run.fold;
    first += static_cast<uint32_t>(run.count);
  }
  return nullptr;
}

// Decodes one UTF-8 sequence at text[pos]; an invalid one is a single ISO-8859-1 byte.
uint32_t decode(std::string_view text, size_t& pos) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(pos);
  int length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (length <= 1 || pos + static_cast<size_t>(length) > text.size()) {
    ++pos;
    return lead;
  }
  uint32_t cp = lead & (0x7F >> length);
  for (int k = 1; k < length; ++k) {
    const unsigned char c = byte(pos + static_cast<size_t>(k));
    if ((c >> 6) != 0x2) {
      ++pos;
      return lead;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  pos += static_cast<size_t>(length);
  return cp;
}

// "Misérables, Les" → "les miserables" (folded); empty when there is no trailing article.
std::string naturalOrder(const std::string& folded) {
  const size_t comma = folded.rfind(", ");
  if (comma == std::string::npos) return {};
  const std::string article = folded.substr(comma + 2);
  if (article.empty() || article.size() > 4 || article.find(' ') != std::string::npos) return {};
  const std::string_view last = article;
  const bool apostrophe = last.back() == '\'';  // "L'" joins without a space
  return article + (apostrophe ? "" : " ") + folded.substr(0, comma);
}

std::string trimmed(std::string s) {
  const size_t begin = s.find_first_not_of(' ');
  if (begin == std::string::npos) return {};
  const size_t end = s.find_last_not_of(' ');
  return s.substr(begin, end - begin + 1);
}

}  // namespace

std::string foldForSearch(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    const uint32_t cp = decode(text, pos);
    if (cp < 0x80) {
      out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp);
    } else if (cp >= 0xC0 && cp <= 0xFF && kLatin1[cp - 0xC0][0] != '\0') {
      out += kLatin1[cp - 0xC0];
    } else if (cp >= 0x100 && cp <= 0x17F) {
      out += foldExtendedA(cp);
    } else if (cp >= 0x300 && cp <= 0x36F) {
      // combining diacritical marks (decomposed accents): dropped
    } else if (cp == 0x2018 || cp == 0x2019) {
      out += '\'';
    } else if (cp == 0x201C || cp == 0x201D) {
      out += '"';
    } else {
      appendUtf8(out, static_cast<char32_t>(cp));
    }
  }
  return out;
}

TitleIndex::TitleIndex(const Dataset& dataset) {
  // Counted from the rating column rather than read from the item index: building that index
  // costs 8 bytes a rating (256 MB on an ML-32M-sized set) that nothing else may need.
  const std::vector<int64_t> ratingCounts = itemRatingCounts(dataset);
  entries_.resize(dataset.movies.size());
  for (size_t i = 0; i < dataset.movies.size(); ++i) {
    Entry& entry = entries_[i];
    entry.folded = foldForSearch(dataset.movies[i].title);
    entry.natural = naturalOrder(entry.folded);
    entry.year = dataset.movies[i].year;
    if (i < static_cast<size_t>(dataset.ratings.itemCount)) {
      entry.ratingCount = ratingCounts[i];
    }
  }
}

std::vector<TitleMatch> TitleIndex::search(std::string_view query, const TitleSearchParams& params) const {
  std::string needle = trimmed(foldForSearch(query));
  // "Toy Story (1995)": titles are stored without the year, so it becomes a filter.
  int32_t year = 0;
  if (needle.size() >= 6 && needle.back() == ')' && needle[needle.size() - 6] == '(' &&
      std::all_of(needle.end() - 5, needle.end() - 1, [](char c) { return c >= '0' && c <= '9'; })) {
    year = std::stoi(needle.substr(needle.size() - 5, 4));
    needle = trimmed(needle.substr(0, needle.size() - 6));
  }
  std::vector<TitleMatch> matches;
  if (needle.empty()) return matches;
  for (size_t i = 0; i < entries_.size(); ++i) {
    const Entry& entry = entries_[i];
    if (year != 0 && entry.year != 0 && entry.year != year) continue;
    const size_t at = entry.folded.find(needle);
    const size_t atNatural = entry.natural.empty() ? std::string::npos : entry.natural.find(needle);
    if (at == std::string::npos && atNatural == std::string::npos) continue;
    matches.push_back({static_cast<int32_t>(i), at == 0 || atNatural == 0, entry.ratingCount});
  }
  std::sort(matches.begin(), matches.end(), [](const TitleMatch& a, const TitleMatch& b) {
    if (a.prefix != b.prefix) return a.prefix;
    if (a.ratingCount != b.ratingCount) return a.ratingCount > b.ratingCount;
    return a.item < b.item;
  });
  if (matches.size() > static_cast<size_t>(std::max(0, params.limit))) matches.resize(static_cast<size_t>(std::max(0, params.limit)));
  return matches;
}

}  // namespace ll
