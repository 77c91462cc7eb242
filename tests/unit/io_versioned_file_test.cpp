#include "core/io/versioned_file.h"

#include <gtest/gtest.h>

#include <xxhash.h>

#include <filesystem>

#include "core/io/atomic_file.h"
#include "core/io/binary_stream.h"
#include "core/io/checksum.h"
#include "tests/support/test_dir.h"

namespace ll {
namespace {

TEST(IoVersionedFile, RoundTripsAndDetectsEveryKindOfDamage) {
  const std::string payload = "the payload \x01\x02 with bytes";
  const std::string sealed = sealVersioned("LLTEST01", 3, payload);
  EXPECT_EQ(openVersioned(sealed, "LLTEST01", 3), payload);
  EXPECT_THROW(openVersioned(sealed, "LLOTHER1", 3), DamagedFile);  // another kind of file
  EXPECT_THROW(openVersioned(sealed, "LLTEST01", 4), DamagedFile);  // another version
  EXPECT_THROW(openVersioned(sealed.substr(0, sealed.size() - 1), "LLTEST01", 3), DamagedFile);  // truncated
  EXPECT_THROW(openVersioned(sealed + "x", "LLTEST01", 3), DamagedFile);                          // extended
  std::string flipped = sealed;
  flipped[flipped.size() - 3] ^= 0x10;
  EXPECT_THROW(openVersioned(flipped, "LLTEST01", 3), DamagedFile);  // a bit flipped
  EXPECT_THROW(openVersioned("", "LLTEST01", 3), DamagedFile);
}

// A file of another version (its header built here byte by byte) is refused before its checksum
// is looked at, saying whether an older or a newer LatentLens wrote it.
TEST(IoVersionedFile, AnOlderOrNewerVersionIsRefusedSayingWhichWroteIt) {
  const auto fileOfVersion = [](uint32_t version) {
    BinaryWriter header;
    for (char c : std::string_view("LLTEST01")) header.put(c);
    header.put(version);
    header.put<uint64_t>(7);
    header.put<uint64_t>(0x0123456789ABCDEFULL);  // the older checksum: never compared
    return header.take() + "payload";
  };
  const auto refusal = [](const std::string& bytes) -> std::string {
    try {
      openVersioned(bytes, "LLTEST01", 3);
    } catch (const DamagedFile& damage) {
      return damage.what();
    }
    return "accepted";
  };
  EXPECT_EQ(refusal(fileOfVersion(2)),
            "a file written by an older version of LatentLens (format version 2; this version reads format version 3)");
  EXPECT_NE(refusal(fileOfVersion(4)).find("written by a newer version of LatentLens"), std::string::npos);
}

// A reader of several versions accepts each, says which one the file has, and names the range
// when it refuses.
TEST(IoVersionedFile, AReaderOfSeveralVersionsSaysWhichItFound) {
  uint32_t found = 0;
  EXPECT_EQ(openVersioned(sealVersioned("LLTEST01", 3, "three"), "LLTEST01", FormatVersions{3, 4}, found), "three");
  EXPECT_EQ(found, 3u);
  EXPECT_EQ(openVersioned(sealVersioned("LLTEST01", 4, "four"), "LLTEST01", FormatVersions{3, 4}, found), "four");
  EXPECT_EQ(found, 4u);
  try {
    openVersioned(sealVersioned("LLTEST01", 2, "two"), "LLTEST01", FormatVersions{3, 4}, found);
    ADD_FAILURE() << "accepted";
  } catch (const DamagedFile& damage) {
    EXPECT_STREQ(damage.what(),
                 "a file written by an older version of LatentLens (format version 2; this version reads format versions 3 to 4)");
  }
  EXPECT_THROW(openVersioned(sealVersioned("LLTEST01", 5, "five"), "LLTEST01", FormatVersions{3, 4}, found), DamagedFile);
}

TEST(IoBinaryStream, ReadsBackWhatWasWrittenAndRefusesOverruns) {
  BinaryWriter out;
  out.put<int32_t>(-7);
  out.putVector(std::vector<float>{1.5f, 2.5f});
  out.putString("héllo");
  out.putStrings({"a", "", "ccc"});
  BinaryReader in(out.bytes());
  EXPECT_EQ(in.get<int32_t>(), -7);
  EXPECT_EQ(in.getVector<float>(), (std::vector<float>{1.5f, 2.5f}));
  EXPECT_EQ(in.getString(), "héllo");
  EXPECT_EQ(in.getStrings(), (std::vector<std::string>{"a", "", "ccc"}));
  EXPECT_TRUE(in.atEnd());
  EXPECT_THROW(in.get<int8_t>(), TruncatedData);

  BinaryWriter huge;
  huge.put<uint64_t>(1ull << 60);  // a length that cannot be there
  BinaryReader bad(huge.bytes());
  EXPECT_THROW(bad.getVector<double>(), TruncatedData);
}

// Aligned vectors start at a multiple of kAlignedVectorBytes counted from the writer's origin
// (where its bytes will sit in the file), whatever came before them.
TEST(IoBinaryStream, AlignedVectorsStartAlignedInTheFile) {
  for (const size_t origin : {size_t{0}, kSealedHeaderBytes, size_t{63}}) {
    BinaryWriter out(origin);
    out.putString("odd");
    out.putAlignedVector<int64_t>(std::vector<int64_t>{-1, 2});
    out.put<uint8_t>(3);
    out.putAlignedVector<float>(std::vector<float>{});
    out.putAlignedVector<int32_t>(std::vector<int32_t>{7});
    const std::string& bytes = out.bytes();
    BinaryReader in(bytes);
    EXPECT_EQ(in.getString(), "odd");
    const std::string_view first = in.getAlignedVectorBytes<int64_t>();
    EXPECT_EQ((origin + static_cast<size_t>(first.data() - bytes.data())) % kAlignedVectorBytes, 0u) << origin;
    EXPECT_EQ(first.size(), 2 * sizeof(int64_t));
    EXPECT_EQ(in.get<uint8_t>(), 3);
    EXPECT_TRUE(in.getAlignedVectorBytes<float>().empty());
    const std::string_view last = in.getAlignedVectorBytes<int32_t>();
    EXPECT_EQ((origin + static_cast<size_t>(last.data() - bytes.data())) % kAlignedVectorBytes, 0u) << origin;
    EXPECT_TRUE(in.atEnd());
  }
  BinaryWriter padded;
  padded.put<uint64_t>(1);
  padded.put<uint8_t>(kAlignedVectorBytes);  // more padding than alignment ever needs
  BinaryReader bad(padded.bytes());
  EXPECT_THROW(bad.getAlignedVectorBytes<int32_t>(), TruncatedData);
}

// Found by fuzz_checkpoint: a checkpoint whose checksum matched held the byte 97 where a bool was
// stored, and copying it into a bool is undefined.
TEST(IoBinaryStream, ReadsOnlyZeroAndOneAsBools) {
  BinaryWriter out;
  out.put(true);
  out.put(false);
  out.put<uint8_t>(97);
  BinaryReader in(out.bytes());
  EXPECT_TRUE(in.get<bool>());
  EXPECT_FALSE(in.get<bool>());
  EXPECT_THROW(in.get<bool>(), TruncatedData);
}

TEST(IoBinaryStream, ReadsOnlyNamedEnumerators) {
  enum class Colour { Red, Green, Blue };
  BinaryWriter out;
  out.put(Colour::Blue);
  out.put(3);
  out.put(-1);
  BinaryReader in(out.bytes());
  EXPECT_EQ(in.getEnum(Colour::Blue), Colour::Blue);
  EXPECT_THROW(in.getEnum(Colour::Blue), TruncatedData);
  EXPECT_THROW(in.getEnum(Colour::Blue), TruncatedData);
}

TEST(IoChecksum, DependsOnEveryByteAndOnLength) {
  EXPECT_EQ(checksumOf("abcdefghij"), checksumOf("abcdefghij"));
  EXPECT_NE(checksumOf("abcdefghij"), checksumOf("abcdefghik"));
  EXPECT_NE(checksumOf(std::string("a\0", 2)), checksumOf("a"));
  Checksum pieces;
  pieces.update(std::string_view("abcdefgh"));
  pieces.update(std::string_view("ij"));
  EXPECT_EQ(pieces.value(), checksumOf("abcdefghij"));
}

// The values are XXH3's own (seed 0), so `xxhsum -H3` or any xxHash binding can check a file.
TEST(IoChecksum, IsXxh3) {
  EXPECT_EQ(checksumOf(""), 0x2D06800538D394C2ULL);  // the reference values of XXH3_64bits
  EXPECT_EQ(checksumOf("abc"), 0x78AF5F94892F3950ULL);
  Checksum pieces;
  pieces.update(std::string_view("a"));
  pieces.update(std::string_view("bc"));
  EXPECT_EQ(pieces.value(), 0x78AF5F94892F3950ULL);
  EXPECT_EQ(Checksum().value(), 0x2D06800538D394C2ULL);
}

TEST(IoChecksum, BlockChecksumIsXxh3OfTheBlocksXxh3s) {
  std::string bytes(9u << 20, '\0');  // three 4 MiB blocks, the last one short
  for (size_t k = 0; k < bytes.size(); ++k) bytes[k] = static_cast<char>((k * 131) >> 3);
  const size_t block = size_t{4} << 20;
  const uint64_t digests[3] = {XXH3_64bits(bytes.data(), block), XXH3_64bits(bytes.data() + block, block),
                               XXH3_64bits(bytes.data() + 2 * block, bytes.size() - 2 * block)};
  EXPECT_EQ(blockChecksumOf(bytes, 1), XXH3_64bits(digests, sizeof digests));
  EXPECT_EQ(blockChecksumOf("", 1), XXH3_64bits(nullptr, 0));
}

TEST(IoChecksum, BlockChecksumIsTheSameForAnyThreadCountAndSeesEveryByte) {
  std::string bytes(9u << 20, '\0');  // three 4 MiB blocks, the last one short
  for (size_t k = 0; k < bytes.size(); ++k) bytes[k] = static_cast<char>((k * 131) >> 3);
  const uint64_t one = blockChecksumOf(bytes, 1);
  EXPECT_EQ(blockChecksumOf(bytes, 2), one);
  EXPECT_EQ(blockChecksumOf(bytes, 3), one);
  EXPECT_EQ(blockChecksumOf(bytes, 7), one);  // more threads than blocks
  for (const size_t at : {size_t{0}, size_t{5u << 20}, bytes.size() - 1}) {
    std::string flipped = bytes;
    flipped[at] = static_cast<char>(flipped[at] ^ 1);
    EXPECT_NE(blockChecksumOf(flipped, 2), one) << at;
  }
  EXPECT_NE(blockChecksumOf(bytes.substr(1), 2), one);
  EXPECT_NE(blockChecksumOf("", 2), blockChecksumOf(std::string(1, '\0'), 2));
}

TEST(IoVersionedFile, BlockChecksummedFilesRoundTripAndAreNotReadAsSequentialOnes) {
  const std::string payload(100000, 'x');
  const std::string sealed = sealVersioned("LLTEST01", 3, payload, PayloadChecksum::Blocks);
  EXPECT_EQ(openVersioned(sealed, "LLTEST01", 3, PayloadChecksum::Blocks), payload);
  EXPECT_THROW(openVersioned(sealed, "LLTEST01", 3), DamagedFile);
}

TEST(IoAtomicFile, WritesWholeFileAndLeavesNoTemporary) {
  const auto dir = std::filesystem::temp_directory_path() / ("ll-atomic-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = dir / "out.bin";
  writeFileAtomically(path, "first");
  writeFileAtomically(path, "second version");
  EXPECT_EQ(readWholeFile(path), "second version");
  size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1u);
  EXPECT_THROW(writeFileAtomically(dir / "missing-folder" / "x", "y"), std::runtime_error);
  EXPECT_THROW(readWholeFile(dir / "absent"), std::runtime_error);
  std::filesystem::remove_all(dir);
}

// Two writers of one target at once, even in one thread (or two processes that share a pid in
// different containers), each write a temporary of their own: both commits succeed, the last wins.
TEST(IoAtomicFile, TwoWritersOfOneTargetAtOnceEachPutTheirOwnFileInPlace) {
  const auto dir = ll::testing::freshTestDir("ll-atomic");
  const auto path = dir / "runs.json";
  AtomicFile longer(path), shorter(path);
  longer.write("the longer content");
  shorter.write("short");
  longer.commit();
  EXPECT_EQ(readWholeFile(path), "the longer content");
  shorter.commit();
  EXPECT_EQ(readWholeFile(path), "short");
  size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1u);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ll
