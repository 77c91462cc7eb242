#include "app/cli/run_report.h"

#include <cstdio>

namespace ll::cli {

nlohmann::json pdcValuesJson(const std::vector<PdcPoint>& points) {
  nlohmann::json json = nlohmann::json::object();
  for (const PdcPoint& p : points) json[std::to_string(p.threshold)] = p.pdc ? nlohmann::json(*p.pdc) : nlohmann::json(nullptr);
  return json;
}

nlohmann::json pdcDetailJson(const std::vector<PdcPoint>& points) {
  nlohmann::json json = nlohmann::json::object();
  for (const PdcPoint& p : points) {
    json[std::to_string(p.threshold)] = {{"pdc", p.pdc ? nlohmann::json(*p.pdc) : nlohmann::json(nullptr)}, {"pairs", p.pairs}};
  }
  return json;
}

std::string epochLine(const EpochRecord& r, int32_t epochs) {
  char text[256];
  int n = std::snprintf(text, sizeof(text), "epoch %3d/%-3d loss %.4f  val RMSE %.4f  test RMSE %.4f MAE %.4f", r.epoch,
                        epochs, r.trainLoss, r.validation.rmse, r.test.rmse, r.test.mae);
  std::string line(text, static_cast<size_t>(n));
  for (const PdcPoint& p : r.pdc) {
    if (p.threshold == 4 && p.pdc) {
      n = std::snprintf(text, sizeof(text), "  PDC@4 %.3f", *p.pdc);
      line.append(text, static_cast<size_t>(n));
    }
  }
  n = std::snprintf(text, sizeof(text), "  lr %.3g batch %d  %.2fs %.2fM ratings/s", static_cast<double>(r.learningRate),
                    r.batchSize, r.seconds, r.ratingsPerSecond / 1e6);
  line.append(text, static_cast<size_t>(n));
  return line;
}

std::string historyCsv(const TrainingHistory& history) {
  std::string csv = "epoch,train_loss,val_rmse,val_mae,test_rmse,test_mae";
  if (!history.epochs.empty()) {
    for (const PdcPoint& p : history.epochs.front().pdc) csv += ",pdc@" + std::to_string(p.threshold);
  }
  csv += ",learning_rate,batch_size,seconds\n";
  char text[64];
  for (const EpochRecord& r : history.epochs) {
    csv += std::to_string(r.epoch);
    for (double v : {r.trainLoss, r.validation.rmse, r.validation.mae, r.test.rmse, r.test.mae}) {
      std::snprintf(text, sizeof(text), ",%.6f", v);
      csv += text;
    }
    for (const PdcPoint& p : r.pdc) {
      if (p.pdc) {
        std::snprintf(text, sizeof(text), ",%.6f", *p.pdc);
        csv += text;
      } else {
        csv += ",";
      }
    }
    std::snprintf(text, sizeof(text), ",%g,%d,%.4f\n", static_cast<double>(r.learningRate), r.batchSize, r.seconds);
    csv += text;
  }
  return csv;
}

}  // namespace ll::cli
