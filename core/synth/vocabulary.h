#pragma once
// The synthetic world's vocabulary: themes (each a MovieLens genre, a few tags and title words),
// plus words for titles and free-text user tags. Parsed from assets/synthetic/vocabulary.txt,
// whose header documents the line format. Internal to core/synth.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ll {

struct VocabularyTheme {
  std::string name;
  int32_t genre = 0;                     ///< index into movieLensGenres()
  double weight = 1.0;                   ///< how common as a primary theme (relative)
  std::vector<std::string> tags;         ///< genome tags of this theme
  std::vector<std::string> titleWords;  ///< nouns for titles of its movies
};

struct SyntheticVocabulary {
  std::vector<VocabularyTheme> themes;
  std::vector<std::string> adjectives;
  std::vector<std::string> nouns;
  std::vector<std::string> places;
  std::vector<std::string> articles;    ///< written at the end: "Misérables, Les"
  std::vector<std::string> alternates;  ///< alternate titles in parentheses
  std::vector<std::string> userTags;    ///< free text for tags.csv
};

/// The 19 MovieLens genres in ml-100k order ("unknown", "Action", ..., "Western").
const std::vector<std::string>& movieLensGenres();

/// Parses the vocabulary text; throws InputError("synthetic vocabulary", line, ...) on a bad line,
/// an unknown genre, a duplicate tag, or a vocabulary without themes or title words.
SyntheticVocabulary parseVocabulary(std::string_view text);

}  // namespace ll
