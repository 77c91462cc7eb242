#include "core/experiment/experiment_csv.h"

#include <charconv>
#include <functional>

#include "core/data/input_error.h"
#include "core/data/text/csv.h"
#include "core/experiment/experiment_json.h"

namespace ll {
namespace {

std::string field(std::string_view text) {
  if (text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

std::string number(double value) {
  char text[32];
  const auto [end, error] = std::to_chars(text, text + sizeof text, value);
  return error == std::errc() ? std::string(text, end) : std::string();
}

/// One metric's place in a row: its column names and how to reach it.
struct MetricColumn {
  std::string name;
  std::function<MeanSd&(ResultRow&)> of;
};

std::vector<MetricColumn> metricColumns(const ExperimentResults& results) {
  const std::string at = "@" + std::to_string(results.rankingCutoff);
  std::vector<MetricColumn> columns = {
      {"mae", [](ResultRow& r) -> MeanSd& { return r.mae; }},
      {"rmse", [](ResultRow& r) -> MeanSd& { return r.rmse; }},
      {"mse", [](ResultRow& r) -> MeanSd& { return r.mse; }},
      {"validation", [](ResultRow& r) -> MeanSd& { return r.validation; }},
  };
  for (int32_t t : results.pdcThresholds) {
    columns.push_back({"pdc@" + std::to_string(t), [t](ResultRow& r) -> MeanSd& { return r.pdc[t]; }});
  }
  columns.push_back({"hr" + at, [](ResultRow& r) -> MeanSd& { return r.hitRate; }});
  columns.push_back({"ndcg" + at, [](ResultRow& r) -> MeanSd& { return r.ndcg; }});
  columns.push_back({"popularity_hr" + at, [](ResultRow& r) -> MeanSd& { return r.popularityHitRate; }});
  columns.push_back({"popularity_ndcg" + at, [](ResultRow& r) -> MeanSd& { return r.popularityNdcg; }});
  return columns;
}

std::vector<std::string> headerOf(const std::vector<MetricColumn>& metrics) {
  std::vector<std::string> header = {"model", "dim", "folds", "implicit"};
  for (const MetricColumn& m : metrics) {
    header.push_back(m.name);
    header.push_back(m.name + "_sd");
  }
  for (const char* name : {"params", "sec_per_epoch", "sec_per_epoch_sd", "epochs", "epochs_sd", "best_on_validation"}) {
    header.push_back(name);
  }
  return header;
}

std::string joined(const std::vector<std::string>& fields) {
  std::string line;
  for (size_t k = 0; k < fields.size(); ++k) line += (k > 0 ? "," : "") + fields[k];
  return line;
}

class RowReader {
 public:
  RowReader(const CsvReader& csv, int64_t lineOffset) : csv_(csv), line_(csv.line() + lineOffset) {}

  std::string_view text(size_t column) const { return csv_[column]; }
  double real(size_t column) const {
    const std::string_view t = csv_[column];
    double value = 0.0;
    const auto [end, error] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (t.empty() || error != std::errc() || end != t.data() + t.size()) fail(column, "a number");
    return value;
  }
  int64_t integer(size_t column) const {
    const std::string_view t = csv_[column];
    int64_t value = 0;
    const auto [end, error] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (t.empty() || error != std::errc() || end != t.data() + t.size()) fail(column, "a whole number");
    return value;
  }
  bool flag(size_t column) const {
    if (csv_[column] == "true") return true;
    if (csv_[column] == "false") return false;
    fail(column, "true or false");
  }
  MeanSd meanSd(size_t column, int32_t folds) const {
    if (csv_[column].empty() && csv_[column + 1].empty()) return {};
    return {real(column), real(column + 1), folds};
  }
  [[noreturn]] void fail(size_t column, const std::string& expected) const {
    throw InputError(csv_.file(), line_, expected + " in column " + std::to_string(column + 1),
                     "\"" + std::string(csv_[column]) + "\"");
  }
  int64_t line() const { return line_; }

 private:
  const CsvReader& csv_;
  int64_t line_;
};

}  // namespace

std::string experimentCsv(const ExperimentResults& results) {
  const std::vector<MetricColumn> metrics = metricColumns(results);
  std::string csv = "# " + std::string(kExperimentFormat) + "," + std::to_string(kExperimentCsvVersion) + "," +
                    field(results.data) + "," + field(results.folds) + "," + field(results.feedback) + "," +
                    (results.complete ? "true" : "false") + "\n";
  csv += joined(headerOf(metrics)) + "\n";
  for (ResultRow row : results.rows) {
    std::vector<std::string> fields = {std::string(modelKindName(row.model)), std::to_string(row.dim),
                                       std::to_string(row.folds), row.implicit ? "true" : "false"};
    for (const MetricColumn& m : metrics) {
      const MeanSd& value = m.of(row);
      fields.push_back(value.defined() ? number(value.mean) : "");
      fields.push_back(value.defined() ? number(value.sd) : "");
    }
    fields.push_back(std::to_string(row.params));
    fields.push_back(number(row.secondsPerEpoch.mean));
    fields.push_back(number(row.secondsPerEpoch.sd));
    fields.push_back(number(row.epochs.mean));
    fields.push_back(number(row.epochs.sd));
    fields.push_back(row.bestOnValidation ? "true" : "false");
    csv += joined(fields) + "\n";
  }
  return csv;
}

ExperimentResults parseExperimentCsv(std::string_view text, const std::string& file) {
  const std::string versionLine = "# " + std::string(kExperimentFormat) + "," + std::to_string(kExperimentCsvVersion);
  const size_t firstEnd = text.find('\n');
  const std::string_view first = text.substr(0, firstEnd);
  if (first.rfind("# " + std::string(kExperimentFormat) + ",", 0) != 0) {
    throw InputError(file, 1, "\"" + versionLine + ",…\" (a LatentLens results CSV)", "\"" + std::string(first.substr(0, 60)) + "\"");
  }
  ExperimentResults results;
  CsvReader identity(first.substr(2), file);
  if (!identity.next() || identity.size() != 6 || identity[1] != std::to_string(kExperimentCsvVersion)) {
    throw InputError(file, 1, "\"" + versionLine + ",<data>,<folds>,<feedback>,<complete>\"", "\"" + std::string(first) + "\"");
  }
  results.data = identity[2];
  results.folds = identity[3];
  results.feedback = identity[4];
  results.complete = identity[5] == "true";

  const std::string_view body = firstEnd == std::string_view::npos ? std::string_view() : text.substr(firstEnd + 1);
  CsvReader csv(body, file);
  if (!csv.next()) throw InputError(file, 2, "the header row", "the end of the file");
  // The header says which thresholds and cutoff the file has; it must then match them exactly.
  const auto numberAfter = [&](std::string_view name, size_t prefix) {
    int32_t value = 0;
    const auto [end, error] = std::from_chars(name.data() + prefix, name.data() + name.size(), value);
    if (error != std::errc() || end != name.data() + name.size() || value < 1) {
      throw InputError(file, csv.line() + 1, "a column name such as pdc@4 or hr@10", "\"" + std::string(name) + "\"");
    }
    return value;
  };
  for (size_t k = 0; k < csv.size(); ++k) {
    const std::string_view name = csv[k];
    const bool sd = name.ends_with("_sd");
    if (!sd && name.starts_with("pdc@")) results.pdcThresholds.push_back(numberAfter(name, 4));
    if (!sd && name.starts_with("hr@")) results.rankingCutoff = numberAfter(name, 3);
  }
  const std::vector<MetricColumn> metrics = metricColumns(results);
  const std::vector<std::string> header = headerOf(metrics);
  for (size_t k = 0; k < std::max(header.size(), csv.size()); ++k) {
    if (k >= csv.size() || k >= header.size() || csv[k] != header[k]) {
      throw InputError(file, csv.line() + 1,
                       "column " + std::to_string(k + 1) + " of the header to be " + (k < header.size() ? "\"" + header[k] + "\"" : "the last"),
                       k < csv.size() ? "\"" + std::string(csv[k]) + "\"" : "the end of the header");
    }
  }
  while (csv.next()) {
    const RowReader row(csv, 1);
    if (csv.size() != header.size()) {
      throw InputError(file, row.line(), std::to_string(header.size()) + " fields", std::to_string(csv.size()));
    }
    ResultRow r;
    try {
      r.model = parseModelKind(row.text(0));
    } catch (const InputError& error) {
      throw InputError(file, row.line(), error.expected(), error.found());
    }
    r.dim = static_cast<int32_t>(row.integer(1));
    r.folds = static_cast<int32_t>(row.integer(2));
    r.implicit = row.flag(3);
    size_t column = 4;
    for (const MetricColumn& m : metrics) {
      m.of(r) = row.meanSd(column, r.folds);
      column += 2;
    }
    std::erase_if(r.pdc, [](const auto& entry) { return !entry.second.defined(); });
    r.params = row.integer(column++);
    r.secondsPerEpoch = {row.real(column), row.real(column + 1), r.folds};
    column += 2;
    r.epochs = {row.real(column), row.real(column + 1), r.folds};
    column += 2;
    r.bestOnValidation = row.flag(column);
    results.rows.push_back(std::move(r));
  }
  return results;
}

}  // namespace ll
