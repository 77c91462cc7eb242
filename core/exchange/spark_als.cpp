#include "core/exchange/spark_als.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <unordered_map>

#include "core/data/file_source.h"
#include "core/data/input_error.h"
#include "core/data/text/fields.h"
#include "core/io/atomic_file.h"

namespace ll {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kSparkRowShape = "a JSON line {\"id\": …, \"features\": [numbers]}";
constexpr std::string_view kParquetAdvice =
    "factors saved as JSON lines: model.userFactors.write.json(DIR + \"/userFactors\") and the same for itemFactors (README: Factors trained elsewhere)";

bool sparkNameEndsWith(std::string_view name, std::string_view suffix) {
  return name.size() >= suffix.size() && name.substr(name.size() - suffix.size()) == suffix;
}

// An id as the data sets spell raw ids: Spark's int ids in decimal.
std::string sparkId(const nlohmann::json& id, const std::string& file, int64_t line) {
  if (id.is_number_integer()) return id.dump();
  if (id.is_string() && !id.get_ref<const std::string&>().empty()) return id.get<std::string>();
  throw InputError(file, line, "an integer or string \"id\"", id.is_null() ? "none" : quoteInput(id.dump()));
}

// One side's folder: its JSON parts in name order, merged.
SparkFactorPart readSparkSide(const fs::path& folder, std::optional<int32_t> rank) {
  std::error_code error;
  if (!fs::is_directory(folder, error)) throw InputError(folder.string(), 0, "a folder of part-*.json files", "no such folder");
  const FileSource files = FileSource::open(folder);
  std::vector<std::string> parts;
  bool parquet = false;
  for (const std::string& name : files.names()) {
    if (sparkNameEndsWith(name, ".parquet")) parquet = true;
    if (name.rfind("part-", 0) == 0 && sparkNameEndsWith(name, ".json")) parts.push_back(name);
  }
  if (parts.empty()) throw InputError(folder.string(), 0, parquet ? std::string(kParquetAdvice) : "part-*.json files", parquet ? "Parquet parts" : "none");
  SparkFactorPart side;
  std::unordered_map<std::string, std::string> partOfId;
  for (const std::string& part : parts) {
    const std::string shown = files.displayName(part);
    SparkFactorPart rows = parseSparkFactorLines(files.read(part), shown);
    EmbeddingTable& table = rows.table;
    if (table.ids.empty()) continue;
    const int32_t expected = rank ? *rank : (side.table.ids.empty() ? table.dim : side.table.dim);
    if (table.dim != expected) {
      throw InputError(shown, 1, std::to_string(expected) + " features per row (" + (rank ? "the metadata's rank" : "as in the parts before") + ")",
                       std::to_string(table.dim));
    }
    if (!side.table.ids.empty() && rows.biases.empty() != side.biases.empty()) {
      throw InputError(shown, 1, std::string(side.biases.empty() ? "no \"bias\"" : "a \"bias\"") + " on the rows (as in the parts before)",
                       rows.biases.empty() ? "none" : "one");
    }
    side.table.dim = table.dim;
    for (size_t r = 0; r < table.ids.size(); ++r) {
      if (const auto [first, added] = partOfId.emplace(table.ids[r], shown); !added) {
        throw InputError(shown, 0, "each id once", quoteInput(table.ids[r]) + " again (also in " + first->second + ")");
      }
    }
    side.table.ids.insert(side.table.ids.end(), std::make_move_iterator(table.ids.begin()), std::make_move_iterator(table.ids.end()));
    side.table.values.insert(side.table.values.end(), table.values.begin(), table.values.end());
    side.biases.insert(side.biases.end(), rows.biases.begin(), rows.biases.end());
  }
  if (side.table.ids.empty()) throw InputError(folder.string(), 0, "at least one factor row", "only empty parts");
  return side;
}

// Through double: a number past float's range becomes an infinity, not an undefined cast.
float sparkFloat(const nlohmann::json& value) {
  const double number = value.get<double>();
  const double limit = static_cast<double>(std::numeric_limits<float>::max());
  return number > limit ? std::numeric_limits<float>::infinity() : number < -limit ? -std::numeric_limits<float>::infinity() : static_cast<float>(number);
}

std::string sparkLines(const EmbeddingTable& table, const std::vector<float>& biases, const fs::path& file) {
  std::string text;
  text.reserve(table.ids.size() * (24 + 14 * static_cast<size_t>(table.dim)));
  char number[32];
  for (size_t r = 0; r < table.ids.size(); ++r) {
    const std::string& id = table.ids[r];
    // Only ids that read back the same as numbers ("42", not "0042") are written as numbers.
    const bool integer = !id.empty() && id.size() <= 9 && id.find_first_not_of("0123456789") == std::string::npos &&
                         (id.size() == 1 || id[0] != '0');
    text += "{\"id\":";
    text += integer ? id : nlohmann::json(id).dump();
    text += ",\"features\":[";
    for (int32_t c = 0; c < table.dim; ++c) {
      const float value = table.values[r * static_cast<size_t>(table.dim) + c];
      if (!std::isfinite(value)) throw InputError(file.string(), static_cast<int64_t>(r) + 1, "finite factors", std::to_string(value));
      const int n = std::snprintf(number, sizeof(number), "%s%.9g", c == 0 ? "" : ",", static_cast<double>(value));
      text.append(number, static_cast<size_t>(n));
    }
    text += ']';
    if (!biases.empty()) {
      const int n = std::snprintf(number, sizeof(number), ",\"bias\":%.9g", static_cast<double>(biases[r]));
      text.append(number, static_cast<size_t>(n));
    }
    text += "}\n";
  }
  return text;
}

}  // namespace

SparkFactorPart parseSparkFactorLines(std::string_view text, const std::string& file) {
  SparkFactorPart part;
  EmbeddingTable& table = part.table;
  std::string_view rest = text;
  int64_t line = 0;
  while (!rest.empty()) {
    ++line;
    const size_t end = rest.find('\n');
    std::string_view row = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    if (isBlank(row)) continue;
    const nlohmann::json json = nlohmann::json::parse(row, nullptr, false);
    if (json.is_discarded() || !json.is_object()) throw InputError(file, line, std::string(kSparkRowShape), quoteInput(row));
    const auto id = json.find("id");
    const auto features = json.find("features");
    if (id == json.end() || features == json.end() || !features->is_array()) {
      throw InputError(file, line, std::string(kSparkRowShape), quoteInput(row));
    }
    table.ids.push_back(sparkId(*id, file, line));
    const bool first = table.ids.size() == 1;
    const auto width = static_cast<int32_t>(features->size());
    if (first) table.dim = width;
    if (width != table.dim || width == 0) {
      throw InputError(file, line, std::to_string(table.dim) + " features (as on the first row)", std::to_string(width));
    }
    for (const auto& value : *features) {
      if (!value.is_number()) throw InputError(file, line, "numbers in \"features\"", quoteInput(value.dump()));
      table.values.push_back(sparkFloat(value));
    }
    const auto bias = json.find("bias");
    const bool biased = bias != json.end();
    if (!first && biased == part.biases.empty()) {
      throw InputError(file, line, std::string(biased ? "no \"bias\"" : "a \"bias\"") + " (as on the first row)", biased ? "one" : "none");
    }
    if (biased) {
      if (!bias->is_number()) throw InputError(file, line, "a number as \"bias\"", quoteInput(bias->dump()));
      part.biases.push_back(sparkFloat(*bias));
    }
  }
  return part;
}

int32_t parseSparkMetadataRank(std::string_view text, const std::string& file) {
  const size_t end = text.find('\n');
  const nlohmann::json json = nlohmann::json::parse(text.substr(0, end), nullptr, false);
  if (json.is_discarded() || !json.is_object()) throw InputError(file, 1, "Spark model metadata (one JSON object)", quoteInput(text.substr(0, end)));
  const auto rank = json.find("rank");
  if (rank == json.end() || !rank->is_number_integer() || rank->get<int64_t>() < 1 || rank->get<int64_t>() > (1 << 20)) {
    throw InputError(file, 1, "a positive \"rank\" (an ALSModel's metadata)", rank == json.end() ? "none" : quoteInput(rank->dump()));
  }
  return rank->get<int32_t>();
}

bool isSparkAlsFolder(const fs::path& folder) {
  std::error_code error;
  return fs::is_directory(folder / "userFactors", error) || fs::is_directory(folder / "itemFactors", error);
}

SparkAlsModel readSparkAlsModel(const fs::path& folder) {
  SparkAlsModel model;
  std::error_code error;
  if (fs::is_directory(folder / "metadata", error)) {
    const FileSource metadata = FileSource::open(folder / "metadata");
    model.rank = parseSparkMetadataRank(metadata.read("part-00000"), metadata.displayName("part-00000"));
  }
  SparkFactorPart users = readSparkSide(folder / "userFactors", model.rank);
  SparkFactorPart items = readSparkSide(folder / "itemFactors", model.rank);
  model.users = std::move(users.table);
  model.items = std::move(items.table);
  model.userBiases = std::move(users.biases);
  model.itemBiases = std::move(items.biases);
  if (model.users.dim != model.items.dim) {
    throw InputError((folder / "itemFactors").string(), 0, std::to_string(model.users.dim) + " features per row (as userFactors)",
                     std::to_string(model.items.dim));
  }
  return model;
}

void writeSparkAlsModel(const fs::path& folder, const SparkAlsModel& model) {
  const nlohmann::json metadata = {{"class", "org.apache.spark.ml.recommendation.ALSModel"},
                                   {"sparkVersion", "3.5.0"},
                                   {"uid", "ALS_latentlens"},
                                   {"paramMap", {{"userCol", "user"}, {"itemCol", "item"}}},
                                   {"defaultParamMap", nlohmann::json::object()},
                                   {"rank", model.users.dim}};
  fs::create_directories(folder / "metadata");
  writeFileAtomically(folder / "metadata" / "part-00000", metadata.dump() + "\n");
  writeFileAtomically(folder / "metadata" / "_SUCCESS", "");
  struct Side {
    const char* name;
    const EmbeddingTable& table;
    const std::vector<float>& biases;
  };
  for (const Side& side : {Side{"userFactors", model.users, model.userBiases}, Side{"itemFactors", model.items, model.itemBiases}}) {
    if (!side.biases.empty() && side.biases.size() != side.table.ids.size()) {
      throw std::invalid_argument(std::string(side.name) + ": " + std::to_string(side.biases.size()) + " biases for " +
                                  std::to_string(side.table.ids.size()) + " rows");
    }
    fs::create_directories(folder / side.name);
    const fs::path part = folder / side.name / "part-00000.json";
    writeFileAtomically(part, sparkLines(side.table, side.biases, part));
    writeFileAtomically(folder / side.name / "_SUCCESS", "");
  }
}

}  // namespace ll
