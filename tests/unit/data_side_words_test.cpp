// The words side information is made of, by hand: title words (punctuation, articles, accents,
// stop words, invalid bytes), zip-code regions, age groups, and the bag-of-words builder's column
// order and counts.
#include <gtest/gtest.h>

#include <climits>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/data/bag_of_words.h"
#include "core/data/title_words.h"
#include "core/data/user_words.h"

namespace ll {
namespace {

using Words = std::vector<std::string>;

TEST(DataSideWords, TitleWordsSplitOnPunctuationAndDropStopWords) {
  EXPECT_EQ(titleWords("Shawshank Redemption, The"), (Words{"shawshank", "redemption"}));
  // titleWords reads what it is given: a year left in the title is a word (the catalogue strips it).
  EXPECT_EQ(titleWords("Shawshank Redemption, The (1994)"), (Words{"shawshank", "redemption", "1994"}));
  EXPECT_EQ(titleWords("Hellboy: The Seeds of Creation \"Making Of\", Part 1"),
            (Words{"hellboy", "seeds", "creation", "making", "part", "1"}));
  EXPECT_EQ(titleWords("2001: A Space Odyssey"), (Words{"2001", "space", "odyssey"}));
  EXPECT_EQ(titleWords("Se7en"), (Words{"se7en"}));
  EXPECT_EQ(titleWords("Spider-Man 2"), (Words{"spider", "man", "2"}));
  EXPECT_EQ(titleWords("Tora! Tora! Tora!"), (Words{"tora", "tora", "tora"}));  // repeats are kept
  EXPECT_EQ(titleWords("The Lord of the Rings"), (Words{"lord", "rings"}));
  EXPECT_EQ(titleWords("It"), Words{});
  EXPECT_EQ(titleWords("Dr. No"), (Words{"dr", "no"}));  // negations are not stop words
  EXPECT_EQ(titleWords(""), Words{});
  EXPECT_EQ(titleWords(" ,.;:!?()[]{}\"'-_/&*#@"), Words{});
}

TEST(DataSideWords, ApostrophesSeparateAndContractionFragmentsAreStopWords) {
  EXPECT_EQ(titleWords("Schindler's List"), (Words{"schindler", "list"}));
  EXPECT_EQ(titleWords("One Flew Over the Cuckoo's Nest"), (Words{"one", "flew", "cuckoo", "nest"}));
  EXPECT_EQ(titleWords("Don\u2019t Look Now"), (Words{"don", "look", "now"}));  // ’ (U+2019)
  EXPECT_EQ(titleWords("We'll Never Have Paris"), (Words{"never", "paris"}));
}

TEST(DataSideWords, TitleWordsLowerCaseUtf8AndKeepAccents) {
  EXPECT_EQ(titleWords("Amélie"), (Words{"amélie"}));
  EXPECT_EQ(titleWords("CAFÉ AU LAIT"), (Words{"café", "au", "lait"}));
  EXPECT_EQ(titleWords("Misérables, Les"), (Words{"misérables", "les"}));  // foreign articles stay
  EXPECT_EQ(titleWords("ŁÓDŹ"), (Words{"łódź"}));                          // Latin Extended-A
  EXPECT_EQ(titleWords("ΑΘΗΝΑ Москва"), (Words{"αθηνα", "москва"}));       // Greek, Cyrillic
  EXPECT_EQ(titleWords("İstanbul"), (Words{"istanbul"}));
  EXPECT_EQ(titleWords("千と千尋の神隠し"), (Words{"千と千尋の神隠し"}));  // no segmentation without spaces
}

TEST(DataSideWords, SymbolsEmojiAndInvalidBytesSeparateWords) {
  EXPECT_EQ(titleWords("Parisian café ☕"), (Words{"parisian", "café"}));
  EXPECT_EQ(titleWords("Love\u2014Actually\u2026"), (Words{"love", "actually"}));  // — and …
  EXPECT_EQ(titleWords("«Les» ¿Qué? 2×3"), (Words{"les", "qué", "2", "3"}));
  EXPECT_EQ(titleWords("Happy\xF0\x9F\x98\x80" "Feet"), (Words{"happy", "feet"}));  // 😀
  EXPECT_EQ(titleWords("Caf\xE9 noir"), (Words{"caf", "noir"}));  // a Latin-1 byte, not UTF-8
  EXPECT_EQ(titleWords("cut \xC3"), (Words{"cut"}));              // a sequence cut short by the end
}

TEST(DataSideWords, StopWords) {
  for (const char* word : {"the", "a", "an", "of", "and", "s", "t", "ll", "yourselves"}) EXPECT_TRUE(isEnglishStopWord(word)) << word;
  for (const char* word : {"no", "not", "star", "wars", "les", "The", ""}) EXPECT_FALSE(isEnglishStopWord(word)) << word;
}

TEST(DataSideWords, ZipCodesGiveRegionAndArea) {
  const auto words = [](std::string_view zip) {
    const ZipWords z = zipWords(zip);
    return std::vector<std::string>{z.region, z.area};
  };
  EXPECT_EQ(words("94110"), (Words{"9", "941"}));
  EXPECT_EQ(words("02138-4321"), (Words{"0", "021"}));  // ZIP+4
  EXPECT_EQ(words(" 85711 "), (Words{"8", "857"}));
  EXPECT_EQ(words("T8H1N"), (Words{"T", "T8H"}));  // ML-100K's Canadian codes
  EXPECT_EQ(words("t8h 1n5"), (Words{"T", "T8H"}));
  EXPECT_EQ(words("V3N4P"), (Words{"V", "V3N"}));
  EXPECT_EQ(words("123"), (Words{"other", ""}));
  EXPECT_EQ(words("ABCDE"), (Words{"other", ""}));
  EXPECT_EQ(words("9411"), (Words{"other", ""}));
  EXPECT_EQ(words(""), (Words{"", ""}));
  EXPECT_EQ(words("   "), (Words{"", ""}));
}

TEST(DataSideWords, AgeGroups) {
  const std::vector<std::pair<int32_t, std::string>> cases = {
      {0, ""},       {-3, ""},     {1, "<18"},     {17, "<18"},    {18, "18-24"}, {24, "18-24"},  {25, "25-34"},
      {34, "25-34"}, {35, "35-44"}, {44, "35-44"}, {45, "45-49"}, {49, "45-49"}, {50, "50-55"}, {55, "50-55"},
      {56, "56+"},   {73, "56+"},  {INT32_MAX, "56+"}};
  for (const auto& [age, group] : cases) EXPECT_EQ(ageGroup(age), group) << age;
  // ML-1M's age codes each fall in their own group, in order.
  int32_t expected = 0;
  for (const int32_t code : {1, 18, 25, 35, 45, 50, 56}) EXPECT_EQ(ageGroupIndex(code), expected++) << code;
  EXPECT_EQ(ageGroupIndex(0), -1);
}

TEST(DataSideWords, BagOfWordsOrdersColumnsBySourceRankThenTextAndCountsRepeats) {
  BagOfWordsBuilder builder(3);
  builder.beginSource("year");
  builder.add(0, "1995", 1995);
  builder.add(2, "980", 980);  // rank, not text, orders: 980 before 1995
  builder.beginSource("empty");  // no words: not a source of the bag
  builder.beginSource("title");
  builder.add(0, "tora");
  builder.add(2, "beta");
  builder.add(0, "tora");
  builder.add(0, "alpha");
  builder.add(0, "tora");
  const BagOfWords bag = builder.finish();
  EXPECT_EQ(bag.rows(), 3);
  EXPECT_EQ(bag.words(), (Words{"year:980", "year:1995", "title:alpha", "title:beta", "title:tora"}));
  ASSERT_EQ(bag.sources().size(), 2u);
  EXPECT_EQ(bag.sources()[1].name, "title");
  EXPECT_EQ(bag.sources()[1].begin, 2);
  EXPECT_EQ(bag.sources()[1].size(), 3);
  EXPECT_EQ(bag.source("empty"), nullptr);
  EXPECT_EQ(bag.nonZeros(), 5);
  EXPECT_EQ(std::vector<int64_t>(bag.offsets().begin(), bag.offsets().end()), (std::vector<int64_t>{0, 3, 3, 5}));
  const auto row0 = bag.row(0);
  ASSERT_EQ(row0.size(), 3u);
  EXPECT_EQ(row0[0].column, 1);
  EXPECT_EQ(row0[1].column, 2);
  EXPECT_EQ(row0[2].column, 4);
  EXPECT_EQ(row0[2].count, 3.0f);
  EXPECT_TRUE(bag.row(1).empty());
  std::vector<float> dense(5, -1.0f);
  bag.denseRow(2, dense);
  EXPECT_EQ(dense, (std::vector<float>{1, 0, 0, 1, 0}));
  std::vector<float> tooShort(4);
  EXPECT_THROW(bag.denseRow(0, tooShort), std::invalid_argument);
}

TEST(DataSideWords, BagOfWordsBuilderRefusesMisuse) {
  BagOfWordsBuilder builder(2);
  EXPECT_THROW(builder.add(0, "x"), std::logic_error);
  EXPECT_THROW(builder.beginSource("a:b"), std::invalid_argument);
  EXPECT_THROW(builder.beginSource(""), std::invalid_argument);
  builder.beginSource("genre");
  EXPECT_THROW(builder.add(2, "Drama"), std::out_of_range);
  EXPECT_THROW(builder.add(-1, "Drama"), std::out_of_range);
  builder.beginSource("title");
  EXPECT_THROW(builder.beginSource("genre"), std::invalid_argument);
  EXPECT_EQ(BagOfWordsBuilder(0).finish().rows(), 0);
  EXPECT_EQ(BagOfWords().cols(), 0);
}

}  // namespace
}  // namespace ll
