// The text utilities under core/data/text: lines, fields, numbers, and the RFC-4180 reader.

#include "core/data/text/csv.h"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "core/data/input_error.h"
#include "core/data/text/fields.h"
#include "core/data/text/line_reader.h"
#include "core/data/text/numbers.h"

namespace ll {
namespace {

std::vector<std::pair<int64_t, std::string>> allLines(std::string_view text) {
  std::vector<std::pair<int64_t, std::string>> out;
  LineReader reader(text);
  std::string_view line;
  while (reader.next(line)) out.emplace_back(reader.lineNumber(), std::string(line));
  return out;
}

std::vector<std::vector<std::string>> allRecords(std::string_view text, std::vector<int64_t>* lines = nullptr,
                                                 char separator = ',') {
  CsvReader csv(text, "test.csv", separator);
  std::vector<std::vector<std::string>> out;
  while (csv.next()) {
    out.emplace_back(csv.fields().begin(), csv.fields().end());
    if (lines) lines->push_back(csv.line());
  }
  return out;
}

using Lines = std::vector<std::pair<int64_t, std::string>>;
using Records = std::vector<std::vector<std::string>>;

TEST(DataLineReader, NumbersLinesFromOne) {
  EXPECT_EQ(allLines("a\nb\nc\n"), (Lines{{1, "a"}, {2, "b"}, {3, "c"}}));
}

TEST(DataLineReader, HandlesCrlfAndMissingFinalNewline) {
  EXPECT_EQ(allLines("a\r\nb\r\nc"), (Lines{{1, "a"}, {2, "b"}, {3, "c"}}));
  EXPECT_EQ(allLines("only"), (Lines{{1, "only"}}));
}

TEST(DataLineReader, KeepsEmptyLinesAndStopsAtTheEnd) {
  EXPECT_EQ(allLines("a\n\nb\n"), (Lines{{1, "a"}, {2, ""}, {3, "b"}}));
  EXPECT_TRUE(allLines("").empty());
  EXPECT_EQ(allLines("\n"), (Lines{{1, ""}}));
}

TEST(DataLineReader, SkipsAUtf8ByteOrderMark) {
  EXPECT_EQ(allLines("\xEF\xBB\xBFuser\titem\n1\t2\n"), (Lines{{1, "user\titem"}, {2, "1\t2"}}));
}

TEST(DataFields, SplitsOnACharacterAndCountsBeyondCapacity) {
  std::array<std::string_view, 3> f;
  EXPECT_EQ(splitFields("1\t2\t3", '\t', f), 3u);
  EXPECT_EQ(f[0], "1");
  EXPECT_EQ(f[2], "3");
  EXPECT_EQ(splitFields("a||b|c|d", '|', f), 5u);
  EXPECT_EQ(f[1], "");
  EXPECT_EQ(splitFields("", ',', f), 1u);
  EXPECT_EQ(f[0], "");
}

TEST(DataFields, SplitsOnAString) {
  std::array<std::string_view, 4> f;
  EXPECT_EQ(splitFields("1::1193::5::978300760", "::", f), 4u);
  EXPECT_EQ(f[1], "1193");
  EXPECT_EQ(f[3], "978300760");
  EXPECT_EQ(splitFields("Title: A Story::Drama", "::", f), 2u);
  EXPECT_EQ(f[0], "Title: A Story");
}

TEST(DataFields, SplitsOnRunsOfBlanks) {
  std::array<std::string_view, 4> f;
  EXPECT_EQ(splitOnBlanks("  0 2\t -1.5  ", f), 3u);
  EXPECT_EQ(f[0], "0");
  EXPECT_EQ(f[1], "2");
  EXPECT_EQ(f[2], "-1.5");
  EXPECT_EQ(splitOnBlanks("   ", f), 0u);
}

TEST(DataFields, TrimAndLower) {
  EXPECT_EQ(trim(" \t a b \r"), "a b");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(asciiLower("Caf\xc3\x89 BOND"), "caf\xc3\x89 bond");  // É stays as written
}

TEST(DataFields, QuoteInputEscapesAndCuts) {
  EXPECT_EQ(quoteInput("a\tb"), "\"a\\tb\"");
  EXPECT_EQ(quoteInput("say \"hi\""), "\"say \\\"hi\\\"\"");
  EXPECT_EQ(quoteInput("caf\xe9"), "\"caf\xc3\xa9\"");  // Latin-1 shown as UTF-8
  const std::string longText(100, 'x');
  EXPECT_EQ(quoteInput(longText), "\"" + std::string(60, 'x') + "...\"");
}

TEST(DataNumbers, ParsesWholeFieldsOnly) {
  float f = 0.0f;
  EXPECT_TRUE(parseFloat("4.5", f));
  EXPECT_FLOAT_EQ(f, 4.5f);
  EXPECT_TRUE(parseFloat(" 3 ", f));
  EXPECT_FLOAT_EQ(f, 3.0f);
  EXPECT_TRUE(parseFloat("+0.5", f));
  EXPECT_FLOAT_EQ(f, 0.5f);
  EXPECT_TRUE(parseFloat("-1.5e1", f));
  EXPECT_FLOAT_EQ(f, -15.0f);
  EXPECT_FALSE(parseFloat("", f));
  EXPECT_FALSE(parseFloat("4.5x", f));
  EXPECT_FALSE(parseFloat("rating", f));
  EXPECT_FALSE(parseFloat("nan", f));
  EXPECT_FALSE(parseFloat("inf", f));

  int64_t i = 0;
  EXPECT_TRUE(parseInteger("978300760", i));
  EXPECT_EQ(i, 978300760);
  EXPECT_TRUE(parseInteger("-3", i));
  EXPECT_EQ(i, -3);
  EXPECT_FALSE(parseInteger("4.0", i));
  EXPECT_FALSE(parseInteger("12:30", i));
  EXPECT_FALSE(parseInteger("99999999999999999999", i));
}

TEST(DataNumbers, RequireFormsThrowWithFileLineExpectedFound) {
  try {
    requireInRange("5.5", 0.5f, 5.0f, "ratings.csv", 7, "rating");
    FAIL() << "no exception";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), "ratings.csv");
    EXPECT_EQ(e.line(), 7);
    EXPECT_EQ(e.expected(), "a rating between 0.5 and 5");
    EXPECT_EQ(e.found(), "\"5.5\"");
    EXPECT_STREQ(e.what(), "ratings.csv:7: expected a rating between 0.5 and 5, found \"5.5\"");
  }
  try {
    requireInteger("12:30", "u.data", 4, "timestamp");
    FAIL() << "no exception";
  } catch (const InputError& e) {
    EXPECT_EQ(e.expected(), "an integer for the timestamp");
    EXPECT_EQ(e.found(), "\"12:30\"");
  }
  EXPECT_FLOAT_EQ(requireFloat("2.25", "f", 1, "rating"), 2.25f);
}

TEST(DataCsv, UnquotedRecords) {
  EXPECT_EQ(allRecords("a,b,c\n1,2,3\n"), (Records{{"a", "b", "c"}, {"1", "2", "3"}}));
  EXPECT_EQ(allRecords("a,,c,\n"), (Records{{"a", "", "c", ""}}));
}

TEST(DataCsv, QuotedFieldsWithCommasAndDoubledQuotes) {
  const std::string text =
      "1,\"American President, The (1995)\",Comedy\n"
      "6,\"Hellboy \"\"Making Of\"\", Part 1 (2004)\",Documentary\n"
      "7,\"\"\"quoted\"\" tag\",x\n"
      "8,\"\",y\n";
  EXPECT_EQ(allRecords(text), (Records{{"1", "American President, The (1995)", "Comedy"},
                                       {"6", "Hellboy \"Making Of\", Part 1 (2004)", "Documentary"},
                                       {"7", "\"quoted\" tag", "x"},
                                       {"8", "", "y"}}));
}

TEST(DataCsv, NewlinesInsideQuotesKeepLineNumbersRight) {
  std::vector<int64_t> lines;
  const auto records = allRecords("h1,h2\n1,\"two\nlines\"\n2,\"three\r\nmore\nlines\"\n3,x\n", &lines);
  EXPECT_EQ(records, (Records{{"h1", "h2"}, {"1", "two\nlines"}, {"2", "three\r\nmore\nlines"}, {"3", "x"}}));
  EXPECT_EQ(lines, (std::vector<int64_t>{1, 2, 4, 7}));
}

TEST(DataCsv, CrlfBlankLinesAndMissingFinalNewline) {
  std::vector<int64_t> lines;
  const auto records = allRecords("a,\"b\"\r\n\r\n\nc,d\r\ne,\"f\"", &lines);
  EXPECT_EQ(records, (Records{{"a", "b"}, {"c", "d"}, {"e", "f"}}));
  EXPECT_EQ(lines, (std::vector<int64_t>{1, 4, 5}));
}

TEST(DataCsv, LinesOfBlanksAreNoRecordsButQuotedBlanksAre) {
  std::vector<int64_t> lines;
  const auto records = allRecords("a,b\n   \n\t\r\n\" \"\nc,d\r", &lines);
  EXPECT_EQ(records, (Records{{"a", "b"}, {" "}, {"c", "d"}}));
  EXPECT_EQ(lines, (std::vector<int64_t>{1, 4, 5}));
}

TEST(DataCsv, SkipsAUtf8ByteOrderMark) {
  EXPECT_EQ(allRecords("\xEF\xBB\xBF\"movieId\",title\n1,x\n"), (Records{{"movieId", "title"}, {"1", "x"}}));
}

TEST(DataCsv, ManyDoubledQuotesSurviveScratchGrowth) {
  // Enough escaped fields in one record that the reused buffer must grow mid-record.
  std::string text;
  std::vector<std::string> expected;
  for (int k = 0; k < 50; ++k) {
    text += (k ? "," : "") + std::string("\"x\"\"") + std::to_string(k) + "\"\"y\"";
    expected.push_back("x\"" + std::to_string(k) + "\"y");
  }
  EXPECT_EQ(allRecords(text), (Records{expected}));
}

TEST(DataCsv, OtherSeparatorAndUnicode) {
  EXPECT_EQ(allRecords("u1\t\"Parisian caf\xc3\xa9 \xe2\x98\x95\"\t4\n", nullptr, '\t'),
            (Records{{"u1", "Parisian caf\xc3\xa9 \xe2\x98\x95", "4"}}));
}

TEST(DataCsv, UnterminatedQuoteIsAnErrorAtTheOpeningLine) {
  CsvReader csv("a,b\nc,\"never\nclosed\n", "movies.csv");
  ASSERT_TRUE(csv.next());
  try {
    csv.next();
    FAIL() << "no exception";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), "movies.csv");
    EXPECT_EQ(e.line(), 2);
    EXPECT_EQ(e.expected(), "a closing quote for the field opened on this line");
    EXPECT_EQ(e.found(), "the end of the file");
  }
}

TEST(DataCsv, TextAfterAClosingQuoteIsAnError) {
  CsvReader csv("1,\"Jumanji\" (1995),Adventure\n", "movies.csv");
  try {
    csv.next();
    FAIL() << "no exception";
  } catch (const InputError& e) {
    EXPECT_EQ(e.line(), 1);
    EXPECT_EQ(e.expected(), "a comma or the end of the line after a closing quote");
    EXPECT_EQ(e.found(), "\" (1995),Adventure\\n\"");
  }
}

TEST(DataCsv, RawRecordForMessages) {
  CsvReader csv("x\n1,\"a\nb\",c\r\n", "f.csv");
  ASSERT_TRUE(csv.next());
  ASSERT_TRUE(csv.next());
  EXPECT_EQ(csv.rawRecord(), "1,\"a\nb\",c");
  EXPECT_FALSE(csv.next());
}

}  // namespace
}  // namespace ll
