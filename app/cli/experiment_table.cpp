#include "app/cli/experiment_table.h"

#include <cstdio>
#include <string>

#include "app/cli/text_columns.h"

namespace ll::cli {
namespace {

std::string meanSdText(const MeanSd& value, int decimals) {
  if (!value.defined()) return "—";
  char text[48];
  std::snprintf(text, sizeof text, "%.*f±%.*f", decimals, value.mean, decimals, value.sd);
  return text;
}

std::string intervalText(const std::optional<BootstrapInterval>& interval) {
  if (!interval) return "—";
  char text[64];
  std::snprintf(text, sizeof text, "[%.4f, %.4f]", interval->low, interval->high);
  return text;
}

std::string pText(double p) {
  if (p < 0.001) return "<0.001";
  char text[16];
  std::snprintf(text, sizeof text, "%.3f", p);
  return text;
}

/// One test's p-value against the best: "best" on the best row, n/a where the test was not made,
/// ≈ after the deciding one when it does not tell the row apart from the best.
template <class Test>
std::string testText(const RowSignificance& s, const std::optional<Test>& test, bool decides, double alpha) {
  if (s.best) return "best  ";
  if (!test) return "n/a  ";
  return pText(test->pValue) + (decides && s.indistinguishableFromBest(alpha) ? " ≈" : "  ");
}

}  // namespace

void printExperimentTable(const ExperimentResults& results) {
  bool ranks = false, rates = false;
  for (const ResultRow& r : results.rows) {
    ranks = ranks || r.hitRate.defined();
    rates = rates || r.rmse.defined();
  }
  const bool compared = !results.comparedOn.empty();
  const std::string at = "@" + std::to_string(results.rankingCutoff);
  std::printf("%-10s %4s", "model", "z");
  if (rates) std::printf(" %15s %15s %15s %13s %13s", "MAE", "RMSE", "MSE", "P@10%", "P@25%");
  if (ranks) std::printf(" %15s %15s", ("HR" + at).c_str(), ("NDCG" + at).c_str());
  if (compared) {
    if (rates) std::printf(" %18s", "RMSE 95% CI");
    if (ranks) std::printf(" %18s", ("HR" + at + " 95% CI").c_str());
    std::printf(" %10s %10s", "p t-test", "p Wilcoxon");
  }
  if (rates) {
    for (int32_t t : results.pdcThresholds) std::printf(" %13s", ("PDC@" + std::to_string(t)).c_str());
  }
  std::printf(" %9s %8s %6s\n", "params", "s/epoch", "epochs");
  for (const ResultRow& r : results.rows) {
    const std::string z = r.dim > 0 ? std::to_string(r.dim) + (r.bestOnValidation ? "*" : " ") : "– ";
    std::printf("%-10s %s", std::string(modelKindName(r.model)).c_str(), alignRight(z, 5).c_str());
    if (rates) {
      std::printf(" %s %s %s %s %s", alignRight(meanSdText(r.mae, 4), 15).c_str(), alignRight(meanSdText(r.rmse, 4), 15).c_str(),
                  alignRight(meanSdText(r.mse, 4), 15).c_str(), alignRight(meanSdText(r.precisionTop10, 3), 13).c_str(),
                  alignRight(meanSdText(r.precisionTop25, 3), 13).c_str());
    }
    if (ranks) std::printf(" %s %s", alignRight(meanSdText(r.hitRate, 4), 15).c_str(), alignRight(meanSdText(r.ndcg, 4), 15).c_str());
    if (compared) {
      const RowSignificance& s = r.significance;
      const double alpha = results.significance.alpha;
      if (rates) std::printf(" %s", alignRight(intervalText(s.rmse), 18).c_str());
      if (ranks) std::printf(" %s", alignRight(intervalText(s.hitRate), 18).c_str());
      std::printf(" %s %s", alignRight(testText(s, s.tTest, s.tTest.has_value(), alpha), 10).c_str(),
                  alignRight(testText(s, s.wilcoxon, !s.tTest.has_value(), alpha), 10).c_str());
    }
    if (rates) {
      for (int32_t t : results.pdcThresholds) {
        const auto found = r.pdc.find(t);
        std::printf(" %s", alignRight(meanSdText(found == r.pdc.end() ? MeanSd{} : found->second, 3), 13).c_str());
      }
    }
    std::printf(" %9lld %8.3f %6.1f\n", static_cast<long long>(r.params), r.secondsPerEpoch.mean, r.epochs.mean);
  }
  for (const ResultRow& r : results.rows) {
    if (!r.popularityHitRate.defined()) continue;
    std::printf("popularity baseline (training counts): HR%s %s  NDCG%s %s\n", at.c_str(), meanSdText(r.popularityHitRate, 4).c_str(),
                at.c_str(), meanSdText(r.popularityNdcg, 4).c_str());
    break;
  }
  std::printf("* the z of each model with the best mean validation score (RMSE; the logistic loss in implicit mode);\n"
              "  choices never look at the test ratings\n");
  if (rates) {
    std::printf("P@10%%, P@25%%: the NRP paper's precision — of each user's top 10 %% / 25 %% of test ratings by the model,\n"
                "  the share also in their top 10 %% / 25 %% by rating (ties at the cut shared out), mean over users\n");
  }
  if (compared) {
    const bool onRmse = results.comparedOn == "rmse";
    const SignificanceParams& p = results.significance;
    std::printf("p: two-sided, each row against the best (%s mean test %s): the corrected resampled t-test over folds\n"
                "  (Nadeau & Bengio 2003; n/a for a single split) and the Wilcoxon signed-rank test over users' pooled\n"
                "  test %s; ≈ not distinguishable from the best at %g (by the t-test, or by Wilcoxon for a single split)\n",
                onRmse ? "lowest" : "highest", onRmse ? "RMSE" : ("HR" + at).c_str(), onRmse ? "MSE" : ("HR" + at).c_str(), p.alpha);
    std::printf("95%% CI: percentile bootstrap over users (%d resamples, seed %llu) of the pooled test metric\n", p.bootstrap.resamples,
                static_cast<unsigned long long>(p.bootstrap.seed));
  }
  if (!results.complete) std::printf("(cancelled: the rows summarise the folds that finished)\n");
}

}  // namespace ll::cli
