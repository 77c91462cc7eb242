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

/// The metric columns of a file of this version (3 added the precision of the top 10 % and 25 %).
std::vector<MetricColumn> metricColumns(const ExperimentResults& results, int version) {
  const std::string at = "@" + std::to_string(results.rankingCutoff);
  std::vector<MetricColumn> columns = {
      {"mae", [](ResultRow& r) -> MeanSd& { return r.mae; }},
      {"rmse", [](ResultRow& r) -> MeanSd& { return r.rmse; }},
      {"mse", [](ResultRow& r) -> MeanSd& { return r.mse; }},
  };
  if (version >= 3) {
    columns.push_back({"precision@10%", [](ResultRow& r) -> MeanSd& { return r.precisionTop10; }});
    columns.push_back({"precision@25%", [](ResultRow& r) -> MeanSd& { return r.precisionTop25; }});
  }
  columns.push_back({"validation", [](ResultRow& r) -> MeanSd& { return r.validation; }});
  for (int32_t t : results.pdcThresholds) {
    columns.push_back({"pdc@" + std::to_string(t), [t](ResultRow& r) -> MeanSd& { return r.pdc[t]; }});
  }
  columns.push_back({"hr" + at, [](ResultRow& r) -> MeanSd& { return r.hitRate; }});
  columns.push_back({"ndcg" + at, [](ResultRow& r) -> MeanSd& { return r.ndcg; }});
  columns.push_back({"popularity_hr" + at, [](ResultRow& r) -> MeanSd& { return r.popularityHitRate; }});
  columns.push_back({"popularity_ndcg" + at, [](ResultRow& r) -> MeanSd& { return r.popularityNdcg; }});
  return columns;
}

/// The significance columns of version 2 (RowSignificance, field by field).
std::vector<std::string> significanceColumns(int32_t cutoff) {
  const std::string hr = "hr@" + std::to_string(cutoff);
  return {"best", "p_value", "indistinguishable_from_best",
          "t_test_folds", "t_test_mean_difference", "t_test_sd_difference", "t_test_test_train_ratio", "t_test_t", "t_test_df",
          "t_test_p_value", "wilcoxon_users", "wilcoxon_zeros", "wilcoxon_ranked", "wilcoxon_statistic", "wilcoxon_z",
          "wilcoxon_exact", "wilcoxon_p_value", "rmse_bootstrap", "rmse_bootstrap_low", "rmse_bootstrap_high",
          hr + "_bootstrap", hr + "_bootstrap_low", hr + "_bootstrap_high"};
}

std::vector<std::string> headerOf(const std::vector<MetricColumn>& metrics, int32_t cutoff, int version) {
  std::vector<std::string> header = {"model", "dim", "folds", "implicit"};
  for (const MetricColumn& m : metrics) {
    header.push_back(m.name);
    header.push_back(m.name + "_sd");
  }
  for (const char* name : {"params", "sec_per_epoch", "sec_per_epoch_sd", "epochs", "epochs_sd", "best_on_validation"}) {
    header.push_back(name);
  }
  if (version >= 2) {
    for (std::string& name : significanceColumns(cutoff)) header.push_back(std::move(name));
  }
  return header;
}

const char* flagText(bool value) { return value ? "true" : "false"; }

void appendSignificance(std::vector<std::string>& fields, const RowSignificance& s, double alpha) {
  const std::optional<double> p = s.pValue();
  fields.insert(fields.end(), {flagText(s.best), p ? number(*p) : "", flagText(s.indistinguishableFromBest(alpha))});
  if (const auto& t = s.tTest) {
    fields.insert(fields.end(), {std::to_string(t->folds), number(t->meanDifference), number(t->sdDifference),
                                 number(t->testTrainRatio), number(t->t), std::to_string(t->degreesOfFreedom), number(t->pValue)});
  } else {
    fields.insert(fields.end(), 7, "");
  }
  if (const auto& w = s.wilcoxon) {
    fields.insert(fields.end(), {std::to_string(w->pairs), std::to_string(w->zeros), std::to_string(w->ranked), number(w->statistic),
                                 number(w->z), flagText(w->exact), number(w->pValue)});
  } else {
    fields.insert(fields.end(), 7, "");
  }
  for (const auto& interval : {s.rmse, s.hitRate}) {
    if (interval) {
      fields.insert(fields.end(), {number(interval->estimate), number(interval->low), number(interval->high)});
    } else {
      fields.insert(fields.end(), 3, "");
    }
  }
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
  bool empty(size_t column) const { return csv_[column].empty(); }
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

/// The columns of appendSignificance from `column` on; p_value and indistinguishable_from_best
/// are derived and skipped.
RowSignificance significanceFrom(const RowReader& row, size_t column) {
  RowSignificance s;
  s.best = row.flag(column);
  column += 3;
  if (!row.empty(column)) {
    CorrectedTTest t;
    t.folds = static_cast<int32_t>(row.integer(column));
    t.meanDifference = row.real(column + 1);
    t.sdDifference = row.real(column + 2);
    t.testTrainRatio = row.real(column + 3);
    t.t = row.real(column + 4);
    t.degreesOfFreedom = static_cast<int32_t>(row.integer(column + 5));
    t.pValue = row.real(column + 6);
    s.tTest = t;
  }
  column += 7;
  if (!row.empty(column)) {
    SignedRankTest w;
    w.pairs = row.integer(column);
    w.zeros = row.integer(column + 1);
    w.ranked = row.integer(column + 2);
    w.statistic = row.real(column + 3);
    w.z = row.real(column + 4);
    w.exact = row.flag(column + 5);
    w.pValue = row.real(column + 6);
    s.wilcoxon = w;
  }
  column += 7;
  for (std::optional<BootstrapInterval>* interval : {&s.rmse, &s.hitRate}) {
    if (!row.empty(column)) *interval = BootstrapInterval{row.real(column), row.real(column + 1), row.real(column + 2)};
    column += 3;
  }
  return s;
}

}  // namespace

std::string experimentCsv(const ExperimentResults& results) {
  const std::vector<MetricColumn> metrics = metricColumns(results, kExperimentCsvVersion);
  std::string csv = "# " + std::string(kExperimentFormat) + "," + std::to_string(kExperimentCsvVersion) + "," +
                    field(results.data) + "," + field(results.folds) + "," + field(results.feedback) + "," +
                    flagText(results.complete) + "," + field(results.comparedOn) + "," + number(results.significance.alpha) + "\n";
  csv += joined(headerOf(metrics, results.rankingCutoff, kExperimentCsvVersion)) + "\n";
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
    fields.push_back(flagText(row.bestOnValidation));
    appendSignificance(fields, row.significance, results.significance.alpha);
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
  // Version 1: …,<complete>; version 2 adds <compared_on>,<alpha>; version 3 has the same first line.
  const bool readable = identity.next() && ((identity.size() == 6 && identity[1] == "1") ||
                                            (identity.size() == 8 && (identity[1] == "2" || identity[1] == "3")));
  if (!readable) {
    throw InputError(file, 1, "\"" + versionLine + ",<data>,<folds>,<feedback>,<complete>,<compared_on>,<alpha>\" (or version 1 or 2)",
                     "\"" + std::string(first) + "\"");
  }
  const int version = identity[1] == "1" ? 1 : identity[1] == "2" ? 2 : 3;
  results.data = identity[2];
  results.folds = identity[3];
  results.feedback = identity[4];
  results.complete = identity[5] == "true";
  if (version >= 2) {
    results.comparedOn = identity[6];
    const std::string_view alpha = identity[7];
    const auto [end, error] = std::from_chars(alpha.data(), alpha.data() + alpha.size(), results.significance.alpha);
    if (alpha.empty() || error != std::errc() || end != alpha.data() + alpha.size()) {
      throw InputError(file, 1, "a significance level alpha in field 8 of the first line", "\"" + std::string(alpha) + "\"");
    }
  }

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
    if (!sd && name.starts_with("hr@") && !name.ends_with("_bootstrap") && name.find("_bootstrap_") == std::string_view::npos) {
      results.rankingCutoff = numberAfter(name, 3);
    }
  }
  const std::vector<MetricColumn> metrics = metricColumns(results, version);
  const std::vector<std::string> header = headerOf(metrics, results.rankingCutoff, version);
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
    r.bestOnValidation = row.flag(column++);
    if (version >= 2) r.significance = significanceFrom(row, column);
    results.rows.push_back(std::move(r));
  }
  return results;
}

}  // namespace ll
