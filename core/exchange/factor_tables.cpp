#include "core/exchange/factor_tables.h"

#include <fstream>
#include <unordered_map>

#include "core/data/file_source.h"
#include "core/data/input_error.h"
#include "core/data/text/fields.h"
#include "core/exchange/npz_archive.h"
#include "core/exchange/spark_als.h"
#include "core/exchange/word2vec_text.h"

namespace ll {
namespace fs = std::filesystem;
namespace {

bool factorNameEndsWith(const fs::path& path, std::string_view suffix) {
  const std::string name = path.filename().string();
  return name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string fileHead(const fs::path& path, size_t bytes) {
  std::ifstream in(path, std::ios::binary);
  std::string head(bytes, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  return head;
}

// Checked before any ids are made for its rows: a (2^62, 0) matrix holds no bytes.
const NpyArray& requireMatrix(const NpyArray& array, const std::string& shown) {
  if (array.dimensions != 2 || array.cols < 1 || array.rows < 1) {
    throw InputError(shown, 0, "a matrix (rows × dimension)", std::to_string(array.dimensions) + " dimension(s), shape (" +
                                                                  std::to_string(array.rows) + ", " + std::to_string(array.cols) + ")");
  }
  if (array.cols > (int64_t{1} << 20)) throw InputError(shown, 0, "a dimension of at most 1048576", std::to_string(array.cols));
  return array;
}

// A matrix of the archive or file (requireMatrix passed), with the ids its rows take.
EmbeddingTable tableOf(const NpyArray& array, std::vector<std::string> ids) {
  return EmbeddingTable{std::move(ids), array.values, static_cast<int32_t>(array.cols)};
}

std::vector<float> biasesOf(const NpyArray& array, const std::string& shown, int64_t rows) {
  if (array.rows != rows || array.cols != 1) {
    throw InputError(shown, 0, std::to_string(rows) + " biases (one per embedding row)",
                     "shape (" + std::to_string(array.rows) + (array.dimensions == 2 ? ", " + std::to_string(array.cols) : "") + ")");
  }
  return array.values;
}

// The ids of `rows` rows: an ids file given, one beside the file, or row numbers.
std::vector<std::string> idsFor(const std::optional<fs::path>& given, const fs::path& beside, int64_t rows, std::string& source) {
  std::error_code error;
  const std::optional<fs::path> file = given ? given : (fs::is_regular_file(beside, error) ? std::optional(beside) : std::nullopt);
  if (!file) {
    source = "row numbers";
    return rowNumberIds(rows);
  }
  source += (source.empty() ? "ids file " : ", ") + file->string();
  return readIdsFile(*file, rows);
}

FactorTables readNpzFactors(const fs::path& path, const FactorsReadOptions& options) {
  const NpzArchive archive = readNpz(path, {"user_factors", "item_factors", "user_embeddings", "item_embeddings", "user_biases", "item_biases"});
  const auto has = [&](const char* key) { return archive.arrays.count(key) > 0; };
  FactorTables tables;
  std::string userKey, itemKey;
  if (has("user_factors") && has("item_factors")) {
    tables.format = FactorsFormat::ImplicitNpz;
    userKey = "user_factors";
    itemKey = "item_factors";
  } else if (has("user_embeddings") && has("item_embeddings")) {
    tables.format = FactorsFormat::LightFmNpz;
    userKey = "user_embeddings";
    itemKey = "item_embeddings";
  } else {
    std::string keys;
    for (const auto& key : archive.keys) keys += (keys.empty() ? "" : ", ") + key;
    throw InputError(path.string(), 0, "implicit's user_factors and item_factors, or LightFM's user_embeddings and item_embeddings",
                     keys.empty() ? "no arrays" : "arrays " + keys);
  }
  if (options.idFiles.size() == 1 || options.idFiles.size() > 2) {
    throw InputError(path.string(), 0, "two ids files for a .npz (users, then items)", std::to_string(options.idFiles.size()));
  }
  const auto given = [&](size_t k) { return options.idFiles.empty() ? std::nullopt : std::optional(options.idFiles[k]); };
  const fs::path stem = path.parent_path() / path.stem();
  const NpyArray& userArray = requireMatrix(archive.arrays.at(userKey), path.string() + ":" + userKey + ".npy");
  const NpyArray& itemArray = requireMatrix(archive.arrays.at(itemKey), path.string() + ":" + itemKey + ".npy");
  std::string userIdsFrom, itemIdsFrom;
  tables.users = tableOf(userArray, idsFor(given(0), stem.string() + ".user_ids.txt", userArray.rows, userIdsFrom));
  tables.items = tableOf(itemArray, idsFor(given(1), stem.string() + ".item_ids.txt", itemArray.rows, itemIdsFrom));
  tables.ids = userIdsFrom == itemIdsFrom ? userIdsFrom : userIdsFrom + " (users), " + itemIdsFrom + " (items)";
  if (tables.users->dim != tables.items->dim) {
    throw InputError(path.string() + ":" + itemKey + ".npy", 0, std::to_string(tables.users->dim) + " columns (as " + userKey + ")",
                     std::to_string(tables.items->dim));
  }
  if (tables.format == FactorsFormat::LightFmNpz) {
    if (has("user_biases")) tables.userBiases = biasesOf(archive.arrays.at("user_biases"), path.string() + ":user_biases.npy", userArray.rows);
    if (has("item_biases")) tables.itemBiases = biasesOf(archive.arrays.at("item_biases"), path.string() + ":item_biases.npy", itemArray.rows);
  }
  return tables;
}

}  // namespace

std::string_view factorsFormatName(FactorsFormat format) {
  switch (format) {
    case FactorsFormat::SparkAls: return "spark-als";
    case FactorsFormat::ImplicitNpz: return "implicit";
    case FactorsFormat::LightFmNpz: return "lightfm";
    case FactorsFormat::Npy: return "npy";
    case FactorsFormat::Word2Vec: return "word2vec";
    case FactorsFormat::EmbeddingsTsv: return "tsv";
  }
  return "tsv";
}

const EmbeddingTable* FactorTables::table(FactorSide side) const {
  if (single) return &*single;
  const auto& table = side == FactorSide::Users ? users : items;
  return table ? &*table : nullptr;
}

const std::vector<float>& FactorTables::biases(FactorSide side) const { return side == FactorSide::Users ? userBiases : itemBiases; }

FactorsFormat detectFactorsFormat(const fs::path& path) {
  std::error_code error;
  const auto status = fs::status(path, error);
  if (error || !fs::exists(status)) throw InputError(path.string(), 0, "a factors file or folder", "nothing at that path");
  if (fs::is_directory(status)) {
    if (isSparkAlsFolder(path) || fs::is_directory(path / "metadata", error)) return FactorsFormat::SparkAls;
    throw InputError(path.string(), 0, "a Spark ALS model folder (userFactors/ and itemFactors/ inside) or a factors file",
                     "a folder without them");
  }
  const std::string head = fileHead(path, 8);
  if (factorNameEndsWith(path, ".npz") || head.rfind("PK\x03\x04", 0) == 0) return FactorsFormat::ImplicitNpz;
  if (factorNameEndsWith(path, ".npy") || head.rfind("\x93NUMPY", 0) == 0) return FactorsFormat::Npy;
  // Text: word2vec by its header, else our TSV (read as data files are: .gz inflated).
  const FileSource source = FileSource::open(path);
  const std::string text = source.read(source.names().front());
  return looksLikeWord2VecHeader(std::string_view(text).substr(0, text.find('\n'))) ? FactorsFormat::Word2Vec : FactorsFormat::EmbeddingsTsv;
}

FactorTables readFactors(const fs::path& path, const FactorsReadOptions& options) {
  FactorTables tables;
  tables.format = detectFactorsFormat(path);
  switch (tables.format) {
    case FactorsFormat::SparkAls: {
      SparkAlsModel model = readSparkAlsModel(path);
      tables.users = std::move(model.users);
      tables.items = std::move(model.items);
      tables.userBiases = std::move(model.userBiases);
      tables.itemBiases = std::move(model.itemBiases);
      tables.ids = "in the file";
      return tables;
    }
    case FactorsFormat::ImplicitNpz:
    case FactorsFormat::LightFmNpz:
      return readNpzFactors(path, options);
    case FactorsFormat::Npy: {
      if (options.idFiles.size() > 1) throw InputError(path.string(), 0, "one ids file for a .npy", std::to_string(options.idFiles.size()));
      const NpyArray array = readNpy(path);
      requireMatrix(array, path.string());
      const std::optional<fs::path> given = options.idFiles.empty() ? std::nullopt : std::optional(options.idFiles[0]);
      tables.single = tableOf(array, idsFor(given, (path.parent_path() / path.stem()).string() + ".ids.txt", array.rows, tables.ids));
      return tables;
    }
    case FactorsFormat::Word2Vec:
      tables.single = readWord2VecText(path);
      tables.ids = "in the file";
      return tables;
    case FactorsFormat::EmbeddingsTsv:
      tables.single = readEmbeddingsTsv(path);
      tables.ids = "in the file";
      return tables;
  }
  return tables;
}

EmbeddingTable userEmbeddingTable(const FactorTables& factors, const std::string& file) {
  const EmbeddingTable* users = factors.table(FactorSide::Users);
  if (!users) throw InputError(file, 0, "user factors", "none");
  if (factors.single || factors.userBiases.empty()) return *users;
  EmbeddingTable embedding{users->ids, {}, users->dim + 1};
  embedding.values.reserve(users->ids.size() * static_cast<size_t>(embedding.dim));
  for (size_t r = 0; r < users->ids.size(); ++r) {
    const auto row = users->values.begin() + static_cast<std::ptrdiff_t>(r * static_cast<size_t>(users->dim));
    embedding.values.insert(embedding.values.end(), row, row + users->dim);
    embedding.values.push_back(factors.userBiases[r]);
  }
  return embedding;
}

std::vector<std::string> readIdsFile(const fs::path& path, int64_t rows) {
  const FileSource source = FileSource::open(path);
  if (!source.isSingleFile()) throw InputError(path.string(), 0, "an ids file (one id per line)", "a folder or archive");
  const std::string text = source.read(source.names().front());
  std::vector<std::string> ids;
  std::unordered_map<std::string_view, int64_t> lineOf;
  std::string_view rest = text;
  int64_t line = 0;
  int64_t lastNonBlank = 0;
  std::vector<std::string_view> lines;
  while (!rest.empty()) {
    ++line;
    const size_t end = rest.find('\n');
    std::string_view id = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    if (!id.empty() && id.back() == '\r') id.remove_suffix(1);
    lines.push_back(id);
    if (!isBlank(id)) lastNonBlank = line;
  }
  lines.resize(static_cast<size_t>(lastNonBlank));
  for (size_t k = 0; k < lines.size(); ++k) {
    const auto at = static_cast<int64_t>(k) + 1;
    if (isBlank(lines[k])) throw InputError(path.string(), at, "an id", "a blank line");
    if (const auto [first, added] = lineOf.emplace(lines[k], at); !added) {
      throw InputError(path.string(), at, "each id once", quoteInput(lines[k]) + " again (first on line " + std::to_string(first->second) + ")");
    }
    ids.emplace_back(lines[k]);
  }
  if (static_cast<int64_t>(ids.size()) != rows) {
    throw InputError(path.string(), 0, std::to_string(rows) + " ids (one per row of the factors)", std::to_string(ids.size()));
  }
  return ids;
}

std::vector<std::string> rowNumberIds(int64_t rows) {
  std::vector<std::string> ids;
  ids.reserve(static_cast<size_t>(rows));
  for (int64_t r = 0; r < rows; ++r) ids.push_back(std::to_string(r));
  return ids;
}

}  // namespace ll
