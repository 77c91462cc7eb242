#pragma once
// How training results are shown and saved by the CLI: epoch lines, PDC as JSON, the history CSV.

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "core/eval/pair_distance_correlation.h"
#include "core/train/training_history.h"

namespace ll::cli {

/// {"1": value-or-null, "2": …}
nlohmann::json pdcValuesJson(const std::vector<PdcPoint>& points);
/// {"1": {"pdc": value-or-null, "pairs": n}, …}
nlohmann::json pdcDetailJson(const std::vector<PdcPoint>& points);
/// {"hr@K", "ndcg@K", "recall@K", "ndcg_full@K", "ranked_pairs", "ranked_users"} (K = metrics.cutoff).
nlohmann::json rankingJson(const RankingMetrics& metrics);
/// One human line per epoch; in implicit mode the validation loss stands where RMSE would. validated
/// = false (a refit, which has no validation share) leaves the validation figure out.
std::string epochLine(const EpochRecord& record, int32_t epochs, bool implicit = false, bool validated = true);
/// bfm's line per Gibbs sweep: the draw's train RMSE, and the test figures of the running mean of
/// the draws after burn-in (of the current draw, marked "burn-in", before).
std::string sampleLine(const EpochRecord& record, int32_t samples, int32_t burnIn);
/// epoch,train_loss,val_rmse,val_mae,test_rmse,test_mae,pdc@t…,lr,batch,seconds,val_loss
/// [,hr@K,ndcg@K,recall@K,ndcg_full@K when the epochs ranked items]
std::string historyCsv(const TrainingHistory& history);

}  // namespace ll::cli
