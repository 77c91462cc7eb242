// Text factors from other tools: a Spark ALS model folder (JSON-lines parts, some gzipped, with
// _SUCCESS, .crc files and metadata), word2vec text; format detection; the join to a data set's
// ids that counts unknown ids instead of refusing them. Each read, round-tripped through our
// writers, and each malformed variant refused with file and line.
#include <gtest/gtest.h>

#include <fstream>

#include "core/data/input_error.h"
#include "core/exchange/factor_join.h"
#include "core/exchange/factor_tables.h"
#include "core/exchange/spark_als.h"
#include "core/exchange/word2vec_text.h"
#include "core/io/atomic_file.h"
#include "tests/support/deflate_data.h"
#include "tests/support/test_dir.h"

namespace ll {
namespace {

namespace fs = std::filesystem;

class ExchangeTextFactors : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = ll::testing::freshTestDir("ll-text-factors"); }
  void TearDown() override { fs::remove_all(dir_); }

  // What ALSModel.save() followed by .write.json of both sides leaves, as Spark lays it out.
  fs::path sparkFolder(const std::string& userPart0 = "{\"id\":3,\"features\":[0.5,-1.0,2.0E-3]}\n{\"id\":1,\"features\":[1,2,3]}\n") {
    const fs::path root = dir_ / "als";
    for (const char* sub : {"metadata", "userFactors", "itemFactors"}) fs::create_directories(root / sub);
    put(root / "metadata" / "part-00000",
        "{\"class\":\"org.apache.spark.ml.recommendation.ALSModel\",\"timestamp\":1700000000000,\"sparkVersion\":\"3.5.1\","
        "\"uid\":\"ALS_4f2\",\"paramMap\":{\"rank\":3,\"maxIter\":10},\"defaultParamMap\":{\"regParam\":0.1},\"rank\":3}\n");
    put(root / "metadata" / "_SUCCESS", "");
    put(root / "userFactors" / "part-00000-5d1c-c000.json", userPart0);
    put(root / "userFactors" / "part-00001-5d1c-c000.json.gz", testing::gzipOf("{\"id\":2,\"features\":[7,8,9]}\n"));
    put(root / "userFactors" / ".part-00000-5d1c-c000.json.crc", "crc");
    put(root / "userFactors" / "_SUCCESS", "");
    put(root / "itemFactors" / "part-00000-77aa-c000.json", "{\"id\":10,\"features\":[0,0,1]}\n{\"features\":[1,0,0],\"id\":20}\n");
    put(root / "itemFactors" / "_SUCCESS", "");
    return root;
  }
  static void put(const fs::path& path, const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }

  fs::path dir_;
};

TEST_F(ExchangeTextFactors, ReadsASparkAlsFolder) {
  const fs::path root = sparkFolder();
  EXPECT_EQ(detectFactorsFormat(root), FactorsFormat::SparkAls);
  const SparkAlsModel model = readSparkAlsModel(root);
  EXPECT_EQ(model.rank, 3);
  EXPECT_EQ(model.users.ids, (std::vector<std::string>{"3", "1", "2"}));
  EXPECT_EQ(model.users.dim, 3);
  EXPECT_EQ(model.users.values[2], 2.0e-3f);
  EXPECT_EQ(model.users.values[8], 9.0f);
  EXPECT_EQ(model.items.ids, (std::vector<std::string>{"10", "20"}));
  // Through our writer and back: the same tables.
  writeSparkAlsModel(dir_ / "copy", model);
  EXPECT_TRUE(fs::exists(dir_ / "copy" / "userFactors" / "_SUCCESS"));
  const FactorTables back = readFactors(dir_ / "copy");
  EXPECT_EQ(back.format, FactorsFormat::SparkAls);
  EXPECT_EQ(back.users->ids, model.users.ids);
  EXPECT_EQ(back.users->values, model.users.values);
  EXPECT_EQ(back.items->values, model.items.values);
}

// Our "bias" extension: on every row of a side, read back as that side's biases; a user's
// embedding then ends in its bias. Rows with and without one in a side are refused.
TEST_F(ExchangeTextFactors, BiasesOnSparkRowsRoundTrip) {
  SparkAlsModel model;
  model.users = EmbeddingTable{{"1", "2"}, {1, 2, 3, 4}, 2};
  model.items = EmbeddingTable{{"10"}, {0.5f, 0.25f}, 2};
  model.userBiases = {0.125f, -2.5f};
  model.itemBiases = {3.75f};
  writeSparkAlsModel(dir_ / "b", model);
  EXPECT_NE(readWholeFile(dir_ / "b" / "userFactors" / "part-00000.json").find("{\"id\":2,\"features\":[3,4],\"bias\":-2.5}"),
            std::string::npos);
  const FactorTables back = readFactors(dir_ / "b");
  EXPECT_EQ(back.userBiases, model.userBiases);
  EXPECT_EQ(back.itemBiases, model.itemBiases);
  EXPECT_EQ(userEmbeddingTable(back, "b").values, (std::vector<float>{1, 2, 0.125f, 3, 4, -2.5f}));
  const auto refusal = [](const std::string& lines) {
    try {
      parseSparkFactorLines(lines, "p.json");
    } catch (const InputError& error) {
      return std::to_string(error.line()) + " " + error.what();
    }
    return std::string("accepted");
  };
  EXPECT_NE(refusal("{\"id\":1,\"features\":[1],\"bias\":1}\n{\"id\":2,\"features\":[2]}\n").find("2 "), std::string::npos);
  EXPECT_NE(refusal("{\"id\":1,\"features\":[1]}\n{\"id\":2,\"features\":[2],\"bias\":1}\n").find("no \"bias\""), std::string::npos);
  EXPECT_NE(refusal("{\"id\":1,\"features\":[1],\"bias\":\"x\"}\n").find("a number as \"bias\""), std::string::npos);
  EXPECT_EQ(parseSparkFactorLines("{\"id\":1,\"features\":[1],\"bias\":-1e-3}\n", "p.json").biases, (std::vector<float>{-1e-3f}));
}

TEST_F(ExchangeTextFactors, StringIdsRoundTripAsStrings) {
  const EmbeddingTable users{{"alice", "0042", "7"}, {1, 2, 3, 4, 5, 6}, 2};
  SparkAlsModel model;
  model.users = users;
  model.items = EmbeddingTable{{"m"}, {0.5f, 0.25f}, 2};
  writeSparkAlsModel(dir_ / "s", model);
  EXPECT_NE(readWholeFile(dir_ / "s" / "userFactors" / "part-00000.json").find("{\"id\":\"alice\""), std::string::npos);
  EXPECT_EQ(readSparkAlsModel(dir_ / "s").users.ids, users.ids);
}

TEST_F(ExchangeTextFactors, ARefusedSparkFolderSaysWhereAndWhy) {
  const auto expectRefused = [&](const fs::path& root, const std::string& file, const std::string& mentions) {
    try {
      readFactors(root);
      ADD_FAILURE() << "accepted, expected " << mentions;
    } catch (const InputError& error) {
      EXPECT_NE(std::string(error.what()).find(file), std::string::npos) << error.what();
      EXPECT_NE(std::string(error.what()).find(mentions), std::string::npos) << error.what();
    }
  };
  expectRefused(sparkFolder("{\"id\":3,\"features\":[0.5,-1.0]}\n"), "part-00000-5d1c-c000.json:1", "3 features");
  expectRefused(sparkFolder("{\"id\":3,\"features\":[1,2,3]}\n{\"id\":4,\"features\":[1,2]}\n"), "part-00000-5d1c-c000.json:2",
                "3 features");
  expectRefused(sparkFolder("{\"id\":3,\"features\":[1,2,3]}\n{\"id\":4,\"features\":[1,2,\n"), "part-00000-5d1c-c000.json:2",
                "JSON line");
  expectRefused(sparkFolder("{\"id\":2,\"features\":[1,2,3]}\n"), "part-00001", "each id once");
  expectRefused(sparkFolder("{\"id\":true,\"features\":[1,2,3]}\n"), "part-00000-5d1c-c000.json:1", "\"id\"");
  // Parquet, as Spark saves by default: refused with the advice, in one line.
  const fs::path root = sparkFolder();
  fs::remove_all(root / "itemFactors");
  fs::create_directories(root / "itemFactors");
  put(root / "itemFactors" / "part-00000-77aa-c000.snappy.parquet", "PAR1");
  put(root / "itemFactors" / "_SUCCESS", "");
  expectRefused(root, "itemFactors", ".write.json");
  fs::remove_all(root / "itemFactors");
  expectRefused(root, "itemFactors", "no such folder");
  put(root / "metadata" / "part-00000", "{\"class\":\"x\"}\n");
  expectRefused(root, "metadata", "\"rank\"");
}

TEST_F(ExchangeTextFactors, ReadsAndWritesWord2VecText) {
  const fs::path file = dir_ / "vectors.txt";
  put(file, "3 2\nalice 0.5 -1 \n42 1e-3 2\n</s> 0 0\n");
  EXPECT_EQ(detectFactorsFormat(file), FactorsFormat::Word2Vec);
  const FactorTables tables = readFactors(file);
  ASSERT_TRUE(tables.single);
  EXPECT_EQ(tables.single->ids, (std::vector<std::string>{"alice", "42", "</s>"}));
  EXPECT_EQ(tables.single->values, (std::vector<float>{0.5f, -1.0f, 1e-3f, 2.0f, 0.0f, 0.0f}));
  writeWord2VecText(dir_ / "copy.txt", *tables.single);
  const EmbeddingTable back = readWord2VecText(dir_ / "copy.txt");
  EXPECT_EQ(back.ids, tables.single->ids);
  EXPECT_EQ(back.values, tables.single->values);
  EXPECT_THROW(writeWord2VecText(dir_ / "x.txt", EmbeddingTable{{"two words"}, {1}, 1}), InputError);

  const std::vector<std::tuple<std::string, int64_t, std::string>> cases = {
      {"2 2\na 1 2\n", 2, "2 rows"},
      {"1 2\na 1 2\nb 3 4\n", 3, "1 rows"},
      {"2 2\na 1 2\nb 3\n", 3, "2 numbers"},
      {"2 2\na 1 2\nb 3 4 5\n", 3, "2 numbers"},
      {"2 2\na 1 2\na 3 4\n", 3, "each token once"},
      {"2 2\na 1 2\nb 3 x\n", 3, "column 3"},
      {"2 x\na 1 2\n", 1, "header"},
  };
  for (const auto& [text, line, mentions] : cases) {
    try {
      parseWord2VecText(text, "w.txt");
      ADD_FAILURE() << "accepted " << text;
    } catch (const InputError& error) {
      EXPECT_EQ(error.line(), line) << text;
      EXPECT_NE(std::string(error.what()).find(mentions), std::string::npos) << error.what();
    }
  }
}

TEST_F(ExchangeTextFactors, DetectsOurTsvAndRefusesWhatIsNothing) {
  writeEmbeddingsTsv(dir_ / "e.tsv", {{"1", "2"}, {1, 2, 3, 4}, 2});
  EXPECT_EQ(detectFactorsFormat(dir_ / "e.tsv"), FactorsFormat::EmbeddingsTsv);
  EXPECT_EQ(readFactors(dir_ / "e.tsv").single->ids.size(), 2u);
  EXPECT_THROW(detectFactorsFormat(dir_ / "missing"), InputError);
  fs::create_directories(dir_ / "empty");
  EXPECT_THROW(detectFactorsFormat(dir_ / "empty"), InputError);
}

TEST(ExchangeFactorJoin, CountsUnknownIdsWithExamplesInsteadOfRefusing) {
  const EmbeddingTable table{{"1", "x", "2", "u9", "y", "z"}, {1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6}, 2};
  const FactorJoin join = joinFactors(table, {"2", "1", "3"}, {"u9"});
  EXPECT_EQ(join.rows, (std::vector<int32_t>{0, 2}));
  EXPECT_EQ(join.dense, (std::vector<int32_t>{1, 0}));
  EXPECT_EQ(join.unknown, 4);
  EXPECT_EQ(join.unknownExamples, (std::vector<std::string>{"x", "u9", "y"}));
  EXPECT_EQ(join.ofOtherSide, 1);
  EXPECT_EQ(join.entities, 3);
  EXPECT_EQ(joinedValues(table, join), (std::vector<float>{1, 1, 3, 3}));
}

}  // namespace
}  // namespace ll
