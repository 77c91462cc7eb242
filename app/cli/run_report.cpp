#include "app/cli/run_report.h"

#include <cmath>

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
    if (p.spread) json[std::to_string(p.threshold)]["spread"] = *p.spread;  // sd over user samples
  }
  return json;
}

nlohmann::json rankingJson(const RankingMetrics& m) {
  const std::string k = std::to_string(m.cutoff);
  nlohmann::json json = {{"hr@" + k, m.hitRate}, {"ndcg@" + k, m.ndcg}, {"ranked_pairs", m.pairs}};
  if (m.users > 0) {
    json["recall@" + k] = m.recall;
    json["ndcg_full@" + k] = m.ndcgFull;
    json["ranked_users"] = m.users;
  }
  return json;
}

std::string epochLine(const EpochRecord& r, int32_t epochs, bool implicit, bool validated) {
  char text[256];
  int n = std::snprintf(text, sizeof(text), "epoch %3d/%-3d loss %.4f", r.epoch, epochs, r.trainLoss);
  std::string line(text, static_cast<size_t>(n));
  if (implicit && validated) {
    n = std::snprintf(text, sizeof(text), "  val loss %.4f", r.validationLoss);
    line.append(text, static_cast<size_t>(n));
  } else if (!implicit) {
    if (validated) {
      n = std::snprintf(text, sizeof(text), "  val RMSE %.4f", r.validation.rmse);
      line.append(text, static_cast<size_t>(n));
    }
    n = std::snprintf(text, sizeof(text), "  test RMSE %.4f MAE %.4f", r.test.rmse, r.test.mae);
    line.append(text, static_cast<size_t>(n));
  }
  if (r.ranking) {
    const RankingMetrics& m = *r.ranking;
    n = std::snprintf(text, sizeof(text), "  HR@%d %.4f NDCG@%d %.4f", m.cutoff, m.hitRate, m.cutoff, m.ndcg);
    line.append(text, static_cast<size_t>(n));
    if (m.users > 0) {
      n = std::snprintf(text, sizeof(text), "  full: R@%d %.4f NDCG@%d %.4f", m.cutoff, m.recall, m.cutoff, m.ndcgFull);
      line.append(text, static_cast<size_t>(n));
    }
  }
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

std::string sampleLine(const EpochRecord& r, int32_t samples, int32_t burnIn) {
  char text[256];
  const int32_t averaged = r.epoch - burnIn;
  const std::string over = averaged > 0 ? "mean of " + std::to_string(averaged) + " draws" : "burn-in draw";
  int n = std::snprintf(text, sizeof(text), "sample %3d/%-3d train RMSE %.4f  test RMSE %.4f MAE %.4f (%s)", r.epoch, samples,
                        std::sqrt(2.0 * r.trainLoss), r.test.rmse, r.test.mae, over.c_str());
  std::string line(text, static_cast<size_t>(n));
  for (const PdcPoint& p : r.pdc) {
    if (p.threshold == 4 && p.pdc) {
      n = std::snprintf(text, sizeof(text), "  PDC@4 %.3f", *p.pdc);
      line.append(text, static_cast<size_t>(n));
    }
  }
  n = std::snprintf(text, sizeof(text), "  %.3fs", r.seconds);
  line.append(text, static_cast<size_t>(n));
  return line;
}

std::string historyCsv(const TrainingHistory& history) {
  std::string csv = "epoch,train_loss,val_rmse,val_mae,test_rmse,test_mae";
  if (!history.epochs.empty()) {
    for (const PdcPoint& p : history.epochs.front().pdc) csv += ",pdc@" + std::to_string(p.threshold);
  }
  csv += ",learning_rate,batch_size,seconds,val_loss";
  const bool ranked = !history.epochs.empty() && history.epochs.front().ranking.has_value();
  if (ranked) {
    const std::string k = std::to_string(history.epochs.front().ranking->cutoff);
    csv += ",hr@" + k + ",ndcg@" + k + ",recall@" + k + ",ndcg_full@" + k;
  }
  csv += "\n";
  char text[96];
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
    std::snprintf(text, sizeof(text), ",%g,%d,%.4f,%.6f", static_cast<double>(r.learningRate), r.batchSize, r.seconds,
                  r.validationLoss);
    csv += text;
    if (ranked) {
      const RankingMetrics m = r.ranking.value_or(RankingMetrics{});
      std::snprintf(text, sizeof(text), ",%.6f,%.6f,%.6f,%.6f", m.hitRate, m.ndcg, m.recall, m.ndcgFull);
      csv += text;
    }
    csv += "\n";
  }
  return csv;
}

}  // namespace ll::cli
