#include "core/data/text/encoding.h"

#include <gtest/gtest.h>

namespace ll {
namespace {

TEST(DataEncoding, Latin1AccentsBecomeTwoUtf8Bytes) {
  EXPECT_EQ(latin1ToUtf8("Mis\xe9rables"), "Mis\xc3\xa9rables");
  EXPECT_EQ(latin1ToUtf8("\xff"), "\xc3\xbf");
  EXPECT_EQ(latin1ToUtf8("\xa0"), "\xc2\xa0");
  EXPECT_EQ(latin1ToUtf8("plain ascii"), "plain ascii");
  EXPECT_EQ(latin1ToUtf8(""), "");
}

TEST(DataEncoding, ValidUtf8IsRecognised) {
  EXPECT_TRUE(isValidUtf8(""));
  EXPECT_TRUE(isValidUtf8("ascii"));
  EXPECT_TRUE(isValidUtf8("caf\xc3\xa9"));              // é
  EXPECT_TRUE(isValidUtf8("\xe2\x98\x95"));             // ☕ U+2615
  EXPECT_TRUE(isValidUtf8("\xf0\x9f\x8e\xac"));         // 🎬 U+1F3AC
}

TEST(DataEncoding, InvalidUtf8IsRejected) {
  EXPECT_FALSE(isValidUtf8("caf\xe9"));                 // a Latin-1 é
  EXPECT_FALSE(isValidUtf8("\xc3"));                    // truncated at the end
  EXPECT_FALSE(isValidUtf8("\xc3" "a"));                // bad continuation
  EXPECT_FALSE(isValidUtf8("\xc0\xaf"));                // overlong '/'
  EXPECT_FALSE(isValidUtf8("\xed\xa0\x80"));            // a surrogate, U+D800
  EXPECT_FALSE(isValidUtf8("\xf4\x90\x80\x80"));        // past U+10FFFF
  EXPECT_FALSE(isValidUtf8("\x80"));                    // a lone continuation byte
  EXPECT_FALSE(isValidUtf8("\xf8\x88\x80\x80\x80"));    // five-byte form
}

TEST(DataEncoding, ToUtf8KeepsUtf8AndConvertsLatin1) {
  EXPECT_EQ(toUtf8("caf\xc3\xa9"), "caf\xc3\xa9");
  EXPECT_EQ(toUtf8("caf\xe9"), "caf\xc3\xa9");
  EXPECT_EQ(toUtf8("Am\xc3\xa9lie \xe2\x98\x95"), "Am\xc3\xa9lie \xe2\x98\x95");
}

TEST(DataEncoding, Utf8ToLatin1InvertsLatin1ToUtf8) {
  std::string all;
  for (int c = 1; c < 256; ++c) all.push_back(static_cast<char>(c));
  EXPECT_EQ(utf8ToLatin1(latin1ToUtf8(all)), all);
  EXPECT_EQ(utf8ToLatin1("Mis\xc3\xa9rables"), "Mis\xe9rables");
}

TEST(DataEncoding, Utf8ToLatin1ReplacesWhatLatin1CannotHold) {
  EXPECT_EQ(utf8ToLatin1("a\xe2\x98\x95" "b"), "a?b");        // ☕ is past U+00FF
  EXPECT_EQ(utf8ToLatin1("\xf0\x9f\x8e\xac!"), "?!");
  EXPECT_EQ(utf8ToLatin1("\xc4\x80"), "?");                   // U+0100
}

}  // namespace
}  // namespace ll
