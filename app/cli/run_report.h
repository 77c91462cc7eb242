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
/// One human line per epoch.
std::string epochLine(const EpochRecord& record, int32_t epochs);
/// epoch,train_loss,val_rmse,val_mae,test_rmse,test_mae,pdc@t…,lr,batch,seconds
std::string historyCsv(const TrainingHistory& history);

}  // namespace ll::cli
