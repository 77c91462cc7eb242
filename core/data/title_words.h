#pragma once
// The words of a movie title, as a bag-of-words vocabulary reads them (NRP paper §4: "bag of
// words (BoW) to represent the item ... side information").
//
// A word is a maximal run of letters and digits in the UTF-8 title; everything else separates
// words: blanks, punctuation (ASCII and the General Punctuation block: ’ “ ” – — …), symbols
// (Latin-1 ¡ « » × ÷ and the like, arrows, dingbats, emoji). Apostrophes separate too, so
// "Schindler's" gives "schindler" and "s", and "s" is a stop word (as are the other contraction
// fragments t, d, ll, m, re, ve). Letters are lower-cased in ASCII, Latin-1, Latin Extended-A,
// basic Greek and basic Cyrillic; accents are kept ("Amélie" → "amélie"). Letters of other
// scripts are word characters as they are (no word segmentation for scripts without spaces).
// English stop words are dropped; foreign articles ("les", "la", "il") are not, as they are not
// English and the stop list does not guess a title's language.

#include <string>
#include <string_view>
#include <vector>

namespace ll {

/// The title's words in order of appearance, lower-cased, stop words out; repeats kept (a title's
/// bag counts them). Invalid UTF-8 bytes separate words.
std::vector<std::string> titleWords(std::string_view title);

/// word: lower case, as titleWords gives it.
bool isEnglishStopWord(std::string_view word);

}  // namespace ll
