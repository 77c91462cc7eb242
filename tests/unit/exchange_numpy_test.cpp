// NumPy factors: .npy in both orders and both float widths, versions 1.0 to 3.0; implicit's and
// LightFM's .npz (stored and deflated, with the scalar entries implicit adds); each read, round-
// tripped through our .npy and .npz writers, and each malformed variant refused with one InputError.
#include <gtest/gtest.h>

#include <fstream>
#include <limits>

#include "core/data/input_error.h"
#include "core/exchange/factor_tables.h"
#include "core/exchange/npy_array.h"
#include "core/exchange/npz_archive.h"
#include "core/io/atomic_file.h"
#include "tests/support/numpy_files.h"
#include "tests/support/test_dir.h"

namespace ll {
namespace {

namespace fs = std::filesystem;
using testing::npyFile;

const std::vector<double> kSix = {1.5, -2.0, 3.25, 4.0, -5.5, 6.0};  // 3 × 2, row-major

void expectSix(const NpyArray& array) {
  ASSERT_EQ(array.rows, 3);
  ASSERT_EQ(array.cols, 2);
  ASSERT_EQ(array.values.size(), 6u);
  for (size_t k = 0; k < 6; ++k) EXPECT_EQ(array.values[k], static_cast<float>(kSix[k])) << k;
}

TEST(ExchangeNpy, ReadsBothOrdersAndBothWidths) {
  for (const char* descr : {"<f4", "<f8"}) {
    for (const bool fortran : {false, true}) {
      const NpyArray array = parseNpy(npyFile(kSix, 3, 2, descr, fortran), "a.npy");
      SCOPED_TRACE(std::string(descr) + (fortran ? " fortran" : " C"));
      expectSix(array);
      EXPECT_EQ(array.fortranOrder, fortran);
      EXPECT_EQ(array.float64, std::string(descr) == "<f8");
    }
  }
}

TEST(ExchangeNpy, ReadsVersionsTwoAndThreeAndVectors) {
  expectSix(parseNpy(npyFile(kSix, 3, 2, "<f4", false, 2), "a.npy"));
  expectSix(parseNpy(npyFile(kSix, 3, 2, "<f8", true, 3), "a.npy"));
  const NpyArray vector = parseNpy(npyFile({1, 2, 3, 4}, 4, 1, "<f4", false, 1, "(4,)"), "b.npy");
  EXPECT_EQ(vector.dimensions, 1);
  EXPECT_EQ(vector.rows, 4);
  EXPECT_EQ(vector.values[3], 4.0f);
}

// float64 past float's range becomes an infinity (never an undefined cast); a matrix of no
// columns claims rows without bytes, and is refused before ids are made for them.
TEST(ExchangeNpy, EdgesOfRangeAndShape) {
  const NpyArray wide = parseNpy(npyFile({1e300, -1e300}, 1, 2, "<f8"), "w.npy");
  EXPECT_EQ(wide.values[0], std::numeric_limits<float>::infinity());
  EXPECT_EQ(wide.values[1], -std::numeric_limits<float>::infinity());
  const fs::path dir = ll::testing::freshTestDir("ll-npy-edges");
  writeFileAtomically(dir / "empty.npy", npyFile({}, 0, 0, "<f4", false, 1, "(4611686018427387904, 0)"));
  try {
    readFactors(dir / "empty.npy");
    ADD_FAILURE() << "accepted a matrix of no columns";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("a matrix"), std::string::npos) << error.what();
  }
  fs::remove_all(dir);
}

TEST(ExchangeNpy, OurWriterRoundTripsWithAnAlignedHeader) {
  const std::vector<float> values = {0.1f, -7e-8f, 3.0f, 1e30f, -0.0f, 2.5f};
  const std::string bytes = npyBytes(values, 2, 3);
  const size_t headerLength = static_cast<uint8_t>(bytes[8]) | (static_cast<size_t>(static_cast<uint8_t>(bytes[9])) << 8);
  EXPECT_EQ((10 + headerLength) % 64, 0u);
  const NpyArray array = parseNpy(bytes, "ours.npy");
  EXPECT_EQ(array.rows, 2);
  EXPECT_EQ(array.cols, 3);
  EXPECT_EQ(array.values, values);
  EXPECT_EQ(parseNpy(npyBytes({1, 2}, 2, 0), "v.npy").dimensions, 1);
}

TEST(ExchangeNpy, EachMalformedFileIsOneInputError) {
  std::string good = npyFile(kSix, 3, 2);
  std::string wrongVersion = good;
  wrongVersion[6] = 4;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "empty"},
      {"NUMPY" + good.substr(6), "magic"},
      {wrongVersion, "version"},
      {good.substr(0, 9), "cut"},
      {good.substr(0, good.size() - 1), "bytes"},
      {good + "x", "bytes"},
      {npyFile(kSix, 3, 2, ">f4"), "little-endian"},
      {npyFile(kSix, 3, 2, "<i8"), "'<f4' or '<f8'"},
      {npyFile(kSix, 3, 2, "<f4", false, 1, "(1, 3, 2)"), "two dimensions"},
      {npyFile(kSix, 3, 2, "<f4", false, 1, "(3, two)"), "whole numbers"},
      {npyFile(kSix, 3, 2, "<f4", false, 1, "(99999999999999999999, 2)"), "plausible"},
      {npyFile(kSix, 3, 2, "<f4", false, 1, "(4611686018427387904, 4)"), "bytes"},
  };
  for (const auto& [bytes, mentions] : cases) {
    try {
      parseNpy(bytes, "bad.npy");
      ADD_FAILURE() << "accepted, expected " << mentions;
    } catch (const InputError& error) {
      EXPECT_EQ(error.file(), "bad.npy");
      EXPECT_NE(std::string(error.what()).find(mentions), std::string::npos) << error.what();
    }
  }
  // A header without its keys, or with one twice.
  std::string noShape = good;
  noShape.replace(noShape.find("'shape'"), 7, "'shapf'");
  EXPECT_THROW(parseNpy(noShape, "bad.npy"), InputError);
  std::string twice = good;
  twice.replace(twice.find("'shape'"), 7, "'descr'");
  EXPECT_THROW(parseNpy(twice, "bad.npy"), InputError);
}

class ExchangeNpz : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = ll::testing::freshTestDir("ll-npz"); }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

// implicit's model.save(): the factors plus its parameters as 0-d arrays (never parsed here).
TEST_F(ExchangeNpz, ReadsAnImplicitModelWithRowNumbersOrIdsFilesBeside) {
  const fs::path file = dir_ / "als.npz";
  testing::writeNpz(file,
                    {{"user_factors", npyFile(kSix, 3, 2)},
                     {"item_factors", npyFile({1, 0, 0, 1}, 2, 2, "<f4", true)},
                     {"regularization", npyFile({0.01}, 0, 0, "<f8", false, 1, "()")},
                     {"factors", npyFile({2}, 0, 0, "<i8", false, 1, "()")}},
                    false);
  FactorTables tables = readFactors(file);
  EXPECT_EQ(tables.format, FactorsFormat::ImplicitNpz);
  EXPECT_EQ(tables.ids, "row numbers");
  ASSERT_TRUE(tables.users && tables.items);
  EXPECT_EQ(tables.users->ids, (std::vector<std::string>{"0", "1", "2"}));
  EXPECT_EQ(tables.users->dim, 2);
  EXPECT_EQ(tables.items->values, (std::vector<float>{1, 0, 0, 1}));
  EXPECT_TRUE(tables.userBiases.empty());

  std::ofstream(dir_ / "als.user_ids.txt") << "u7\nu8\nu9\n\n";
  std::ofstream(dir_ / "als.item_ids.txt") << "m1\nm2\n";
  tables = readFactors(file);
  EXPECT_EQ(tables.users->ids, (std::vector<std::string>{"u7", "u8", "u9"}));
  EXPECT_EQ(tables.items->ids, (std::vector<std::string>{"m1", "m2"}));
  // Given ids files win over those beside; one of the wrong length is refused with its name.
  std::ofstream(dir_ / "short.txt") << "a\nb\n";
  try {
    readFactors(file, {{dir_ / "short.txt", dir_ / "als.item_ids.txt"}});
    ADD_FAILURE() << "accepted 2 ids for 3 rows";
  } catch (const InputError& error) {
    EXPECT_EQ(error.file(), (dir_ / "short.txt").string());
  }

  // Round trip through our writer: users as .npy with its ids beside, read back alike.
  writeNpy(dir_ / "users.npy", tables.users->values, 3, tables.users->dim);
  writeFileAtomically(dir_ / "users.ids.txt", "u7\nu8\nu9\n");
  const FactorTables back = readFactors(dir_ / "users.npy");
  EXPECT_EQ(back.format, FactorsFormat::Npy);
  ASSERT_TRUE(back.single);
  EXPECT_EQ(back.single->ids, tables.users->ids);
  EXPECT_EQ(back.single->values, tables.users->values);

  // And the pair through our .npz writer, with ids files beside as export writes them.
  writeNpz(dir_ / "copy.npz", {{"user_factors", npyBytes(tables.users->values, 3, 2)}, {"item_factors", npyBytes(tables.items->values, 2, 2)}});
  writeFileAtomically(dir_ / "copy.user_ids.txt", "u7\nu8\nu9\n");
  writeFileAtomically(dir_ / "copy.item_ids.txt", "m1\nm2\n");
  const FactorTables pair = readFactors(dir_ / "copy.npz");
  EXPECT_EQ(pair.format, FactorsFormat::ImplicitNpz);
  EXPECT_EQ(pair.users->ids, tables.users->ids);
  EXPECT_EQ(pair.users->values, tables.users->values);
  EXPECT_EQ(pair.items->ids, tables.items->ids);
  EXPECT_EQ(pair.items->values, tables.items->values);
  EXPECT_EQ(readNpz(dir_ / "copy.npz", {}).keys, (std::vector<std::string>{"user_factors", "item_factors"}));
}

// LightFM has no save(): numpy.savez_compressed of its four attributes.
TEST_F(ExchangeNpz, ReadsALightFmModelWithItsBiases) {
  const fs::path file = dir_ / "lightfm.npz";
  testing::writeNpz(file,
                    {{"user_embeddings", npyFile(kSix, 3, 2)},
                     {"user_biases", npyFile({0.5, 0.25, 0}, 3, 1, "<f4", false, 1, "(3,)")},
                     {"item_embeddings", npyFile({1, 2, 3, 4}, 2, 2, "<f8")},
                     {"item_biases", npyFile({-1, 1}, 2, 1, "<f4", false, 1, "(2,)")}},
                    true);
  const FactorTables tables = readFactors(file);
  EXPECT_EQ(tables.format, FactorsFormat::LightFmNpz);
  EXPECT_EQ(tables.userBiases, (std::vector<float>{0.5f, 0.25f, 0.0f}));
  EXPECT_EQ(tables.itemBiases, (std::vector<float>{-1.0f, 1.0f}));
  EXPECT_EQ(tables.items->values, (std::vector<float>{1, 2, 3, 4}));
  EXPECT_EQ(&tables.biases(FactorSide::Items), &tables.itemBiases);
  // A user's embedding is its factors, then its bias (mf's [p_u; b_u]).
  const EmbeddingTable embedding = userEmbeddingTable(tables, file.string());
  EXPECT_EQ(embedding.dim, 3);
  EXPECT_EQ(embedding.values, (std::vector<float>{1.5f, -2.0f, 0.5f, 3.25f, 4.0f, 0.25f, -5.5f, 6.0f, 0.0f}));

  // Round trip through our .npz writer: the four arrays as LightFM's attributes, biases as vectors.
  writeNpz(dir_ / "copy.npz", {{"user_embeddings", npyBytes(tables.users->values, 3, 2)},
                               {"item_embeddings", npyBytes(tables.items->values, 2, 2)},
                               {"user_biases", npyBytes(tables.userBiases, 3, 0)},
                               {"item_biases", npyBytes(tables.itemBiases, 2, 0)}});
  const FactorTables back = readFactors(dir_ / "copy.npz");
  EXPECT_EQ(back.format, FactorsFormat::LightFmNpz);
  EXPECT_EQ(back.users->values, tables.users->values);
  EXPECT_EQ(back.items->values, tables.items->values);
  EXPECT_EQ(back.userBiases, tables.userBiases);
  EXPECT_EQ(back.itemBiases, tables.itemBiases);
}

TEST_F(ExchangeNpz, EachMalformedArchiveIsOneInputError) {
  const auto expectRefused = [&](const std::map<std::string, std::string>& arrays, const std::string& mentions) {
    const fs::path file = dir_ / "bad.npz";
    testing::writeNpz(file, arrays, false);
    try {
      readFactors(file);
      ADD_FAILURE() << "accepted, expected " << mentions;
    } catch (const InputError& error) {
      EXPECT_NE(std::string(error.what()).find(mentions), std::string::npos) << error.what();
    }
  };
  expectRefused({{"user_factors", npyFile(kSix, 3, 2)}, {"other", npyFile(kSix, 3, 2)}}, "arrays other, user_factors");
  expectRefused({{"user_factors", npyFile(kSix, 3, 2)}, {"item_factors", npyFile(kSix, 2, 3)}}, "item_factors.npy");
  expectRefused({{"user_factors", npyFile(kSix, 6, 1, "<f4", false, 1, "(6,)")}, {"item_factors", npyFile(kSix, 3, 2)}}, "matrix");
  expectRefused({{"user_factors", npyFile(kSix, 3, 2, ">f4")}, {"item_factors", npyFile(kSix, 3, 2)}}, "user_factors.npy");
  expectRefused({{"user_embeddings", npyFile(kSix, 3, 2)},
                 {"item_embeddings", npyFile(kSix, 3, 2)},
                 {"item_biases", npyFile({1, 2}, 2, 1, "<f4", false, 1, "(2,)")}},
                "3 biases");
  std::ofstream(dir_ / "text.npz") << "not a zip at all";
  EXPECT_THROW(readFactors(dir_ / "text.npz"), InputError);
  EXPECT_THROW(parseNpz("PK\x03\x04 cut", "cut.npz", {"user_factors"}), InputError);
}

}  // namespace
}  // namespace ll
