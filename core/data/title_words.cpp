#include "core/data/title_words.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "core/data/text/encoding.h"

namespace ll {
namespace {

// English function words, byte-sorted (binary search below). Negations (no, not, nor) are not
// among them: "Dr. No" and "No Country for Old Men" keep their "no". The one- and two-letter
// entries d, ll, m, re, s, t, ve are what contractions leave once apostrophes separate words.
constexpr std::array<std::string_view, 129> kStopWords = {
    "a",       "about",   "above",     "after",      "again",    "against", "all",        "am",     "an",
    "and",     "any",     "are",       "as",         "at",       "be",      "because",    "been",   "before",
    "being",   "below",   "between",   "both",       "but",      "by",      "can",        "could",  "d",
    "did",     "do",      "does",      "doing",      "down",     "during",  "each",       "few",    "for",
    "from",    "further", "had",       "has",        "have",     "having",  "he",         "her",    "here",
    "hers",    "herself", "him",       "himself",    "his",      "how",     "i",          "if",     "in",
    "into",    "is",      "it",        "its",        "itself",   "just",    "ll",         "m",      "me",
    "more",    "most",    "my",        "myself",     "of",       "off",     "on",         "once",   "only",
    "or",      "other",   "our",       "ours",       "ourselves", "out",    "over",       "own",    "re",
    "s",       "same",    "she",       "should",     "so",       "some",    "such",       "t",      "than",
    "that",    "the",     "their",     "theirs",     "them",     "themselves", "then",    "there",  "these",
    "they",    "this",    "those",     "through",    "to",       "too",     "under",      "until",  "up",
    "ve",      "very",    "was",       "we",         "were",     "what",    "when",       "where",  "which",
    "while",   "who",     "whom",      "why",        "will",     "with",    "would",      "you",    "your",
    "yours",   "yourself", "yourselves"};
static_assert(std::is_sorted(kStopWords.begin(), kStopWords.end()), "kStopWords must stay sorted for binary search");

constexpr char32_t kInvalid = 0xFFFFFFFF;

// The code point at text[at] and its length in bytes; kInvalid (length 1) for a byte that does not
// start a well-formed sequence.
char32_t decodeTitleCodePoint(std::string_view text, size_t at, size_t& length) {
  const auto byte = [&text](size_t k) { return static_cast<uint8_t>(text[k]); };
  const uint8_t lead = byte(at);
  length = 1;
  if (lead < 0x80) return lead;
  size_t extra = 0;
  char32_t cp = 0;
  if ((lead & 0xE0) == 0xC0) {
    extra = 1;
    cp = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    extra = 2;
    cp = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    extra = 3;
    cp = lead & 0x07;
  } else {
    return kInvalid;
  }
  if (at + extra >= text.size()) return kInvalid;  // cut short by the end of the text
  for (size_t k = 1; k <= extra; ++k) {
    if ((byte(at + k) & 0xC0) != 0x80) return kInvalid;
    cp = (cp << 6) | (byte(at + k) & 0x3F);
  }
  length = extra + 1;
  return cp;
}

bool isTitleWordCharacter(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7) return false;  // Latin-1 punctuation and symbols
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;           // punctuation, arrows, symbols, dingbats
  if (cp >= 0x3000 && cp <= 0x303F) return false;           // CJK punctuation
  if (cp >= 0xFE00 && cp <= 0xFE0F) return false;           // variation selectors (emoji presentation)
  if (cp >= 0x1F000 && cp <= 0x1FAFF) return false;         // emoji and pictographs
  return true;
}

char32_t lowerTitleCodePoint(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
  if (cp == 0x130) return 'i';  // İ
  if (cp == 0x178) return 0xFF;  // Ÿ
  const bool evenUpper = (cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177);
  const bool oddUpper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
  if ((evenUpper && cp % 2 == 0) || (oddUpper && cp % 2 == 1)) return cp + 1;
  if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) return cp + 32;  // Greek capitals
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;                 // Cyrillic А–Я
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;                 // Cyrillic Ѐ–Џ
  return cp;
}

}  // namespace

bool isEnglishStopWord(std::string_view word) {
  return std::binary_search(kStopWords.begin(), kStopWords.end(), word);
}

std::vector<std::string> titleWords(std::string_view title) {
  std::vector<std::string> words;
  std::string word;
  const auto finishWord = [&words, &word] {
    if (!word.empty() && !isEnglishStopWord(word)) words.push_back(word);
    word.clear();
  };
  for (size_t at = 0; at < title.size();) {
    size_t length = 1;
    const char32_t cp = decodeTitleCodePoint(title, at, length);
    if (cp != kInvalid && isTitleWordCharacter(cp)) {
      appendUtf8(word, lowerTitleCodePoint(cp));
    } else {
      finishWord();
    }
    at += length;
  }
  finishWord();
  return words;
}

}  // namespace ll
