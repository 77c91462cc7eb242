#include "app/gui/panels/experiments_panel.h"

#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include "app/gui/render/palettes.h"
#include "app/gui/state/experiment_state.h"
#include "app/gui/widgets/experiment_table.h"
#include "app/gui/widgets/spinner.h"
#include "core/experiment/experiment_presets.h"

namespace ll::gui {
namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

/// A metric of the "against z" plot: its name and where a row keeps it.
struct RowMetric {
  const char* name;
  const char* help;
  MeanSd (*of)(const ResultRow&);
};

// Appended only: the plot's choice is kept as an index (4 and 5 are the ranking metrics).
const std::array<RowMetric, 8> kMetrics = {{
    {"MSE", "test mean squared error (Latent Spaces 2021 Fig. 8)", [](const ResultRow& r) { return r.mse; }},
    {"RMSE", "test root mean squared error", [](const ResultRow& r) { return r.rmse; }},
    {"MAE", "test mean absolute error", [](const ResultRow& r) { return r.mae; }},
    {"PDC@4", "Pair-Distance Correlation at threshold 4 (PDC paper Table I)",
     [](const ResultRow& r) { return r.pdc.contains(4) ? r.pdc.at(4) : MeanSd{}; }},
    {"HR@10", "hit rate of the held-out item among 100 sampled negatives (Rendle et al. 2020 Fig. 2)",
     [](const ResultRow& r) { return r.hitRate; }},
    {"NDCG@10", "NDCG of the held-out item among 100 sampled negatives (Rendle et al. 2020 Fig. 2)",
     [](const ResultRow& r) { return r.ndcg; }},
    {"P@10%", "precision of each user's top 10 % of test ratings (NRP paper Table 3)",
     [](const ResultRow& r) { return r.precisionTop10; }},
    {"P@25%", "precision of each user's top 25 % of test ratings (NRP paper Table 3)",
     [](const ResultRow& r) { return r.precisionTop25; }},
}};

}  // namespace

ExperimentsPanel::ExperimentsPanel(PanelPlacement placement) : Panel("Experiments", placement) {}

void ExperimentsPanel::drawContent(const FrameContext& frame) {
  ExperimentState& experiments = *frame.experiments;
  drawGridForm(frame, experiments);
  drawRunControls(frame, experiments);
  drawFileControls(frame, experiments);
  if (!experiments.status().empty()) {
    const bool problem = experiments.status().rfind("Saved", 0) != 0;
    ImGui::PushStyleColor(ImGuiCol_Text, problem ? palette::kWarning : palette::kMuted);
    ImGui::TextWrapped("%s", experiments.status().c_str());
    ImGui::PopStyleColor();
  }
  ImGui::Separator();
  if (experiments.form.dotProduct) {
    drawDotProductResults(frame, experiments);
    return;
  }
  const ExperimentResults* results = experiments.results();
  if (results == nullptr) {
    ImGui::TextDisabled("Run a grid, or load a results.json / results.csv that `latentlens-cli sweep --out` or Save wrote.");
    return;
  }
  ImGui::TextDisabled("%s · %s · folds %s · feedback %s%s", experiments.origin().c_str(), results->data.c_str(),
                      results->folds.c_str(), results->feedback.c_str(), results->complete ? "" : " · cancelled part-way");
  const float available = ImGui::GetContentRegionAvail().y;
  const float tableHeight = std::max(120.0f * frame.scale, available * 0.42f);
  widgets::experimentTable(*results, tableHeight);
  const float plotHeight = std::max(100.0f * frame.scale, ImGui::GetContentRegionAvail().y - 3.6f * ImGui::GetFrameHeightWithSpacing());
  if (ImGui::BeginTable("##experimentPlots", 2, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_NoSavedSettings)) {
    ImGui::TableNextColumn();
    drawPdcPlot(frame, *results, plotHeight);
    ImGui::TableNextColumn();
    drawMetricPlot(frame, *results, plotHeight);
    ImGui::EndTable();
  }
}

void ExperimentsPanel::drawGridForm(const FrameContext& frame, ExperimentState& experiments) {
  const float s = frame.scale;
  ExperimentForm& form = experiments.form;
  ImGui::BeginDisabled(experiments.running());
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(palette::kMuted, "Preset");
  for (const ExperimentPreset& preset : experimentPresets()) {
    ImGui::SameLine();
    if (ImGui::SmallButton(preset.name.c_str())) experiments.applyPreset(preset.name);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", preset.figure.c_str());
  }
  ImGui::SameLine();
  if (ImGui::SmallButton(std::string(kDotProductLearningPreset).c_str())) experiments.applyPreset(std::string(kDotProductLearningPreset));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", std::string(kDotProductLearningFigure).c_str());
  if (form.dotProduct) {
    ImGui::SameLine();
    if (ImGui::SmallButton("back to the grid")) form.dotProduct = false;
    drawDotProductForm(frame, experiments);
    ImGui::EndDisabled();
    return;
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(palette::kMuted, "Models");
  for (ModelKind kind : allModelKinds()) {
    ImGui::SameLine();
    bool on = std::find(form.models.begin(), form.models.end(), kind) != form.models.end();
    if (ImGui::Checkbox(std::string(modelKindName(kind)).c_str(), &on)) {
      if (on) {
        // Keep the grid's order the catalogue's, whatever the clicking order.
        form.models.push_back(kind);
        std::sort(form.models.begin(), form.models.end());
      } else {
        std::erase(form.models, kind);
      }
    }
  }
  ImGui::SetNextItemWidth(140.0f * s);
  ImGui::InputText("z", &form.dims);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Comma-separated sizes z (k for mf); user-bias and linear have none.\n"
                      "model:z gives one model its own: 100,autorec-i:500 runs autorec-i at 500, the rest at 100");
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(110.0f * s);
  ImGui::InputText("folds", &form.folds);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("official (u1..u5), a number K of seeded folds, random3 (three seeded\nrandom 80/10/10 training/validation/test splits, the NRP paper's protocol),\nor one split such as last");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(110.0f * s);
  int feedback = static_cast<int>(form.feedback);
  if (ImGui::Combo("feedback", &feedback, "auto\0implicit\0explicit\0")) form.feedback = static_cast<FeedbackMode>(feedback);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("implicit: binarised ratings, sampled negatives, HR@10/NDCG@10 (Rendle et al. 2020);\n"
                      "auto: implicit for gmf, mlp and neumf on the split last");
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90.0f * s);
  ImGui::InputInt("max epochs", &form.epochs);
  form.epochs = std::clamp(form.epochs, 0, 1000);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("0: each model's recommended limit; early stopping on validation ends most runs sooner");
  }
  ImGui::SameLine();
  ImGui::Checkbox("refit", &form.refit);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Test a model trained afresh on training + validation ratings for the epochs early stopping chose;\n"
                      "off: test the selected model itself (the NRP paper's tables, trained on 80 %%)");
  }
  ImGui::EndDisabled();
}

void ExperimentsPanel::drawRunControls(const FrameContext& frame, ExperimentState& experiments) {
  const float s = frame.scale;
  if (!experiments.running()) {
    const bool fig3 = experiments.form.dotProduct;
    const bool ready = fig3 || frame.dataset->phase == DatasetState::Phase::Ready;
    ImGui::BeginDisabled(!ready);
    if (ImGui::Button(fig3 ? "Run fig3" : "Run grid", ImVec2(110.0f * s, 0.0f))) experiments.run(frame.dataset->dataset);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::TextDisabled(fig3    ? "synthetic embeddings, no data set; every (d, h, M) repeated, Adam on squared error"
                        : ready ? "early stopping on each fold's validation ratings; test ratings measured once"
                                : "waiting for the data set");
    return;
  }
  if (ImGui::Button("Cancel", ImVec2(110.0f * s, 0.0f))) experiments.cancel();
  ImGui::SameLine();
  const double fraction = experiments.progress();
  const double eta = experiments.etaSeconds();
  char overlay[160];
  if (eta >= 0.0) {
    std::snprintf(overlay, sizeof overlay, "%s · %.0f %% · ETA %.0f s", experiments.currentLabel().c_str(), 100.0 * fraction, eta);
  } else {
    std::snprintf(overlay, sizeof overlay, "%s", experiments.currentLabel().c_str());
  }
  widgets::progressBar(static_cast<float>(std::max(fraction, 0.0001)), ImVec2(-FLT_MIN, 0.0f), overlay);
}

void ExperimentsPanel::drawFileControls(const FrameContext& frame, ExperimentState& experiments) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(palette::kMuted, "Results file");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(std::max(160.0f * frame.scale, ImGui::GetContentRegionAvail().x - 140.0f * frame.scale));
  ImGui::InputText("##resultsPath", &experiments.filePath);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("results.json keeps every fold; any other name is written as CSV");
  ImGui::SameLine();
  ImGui::BeginDisabled(experiments.results() == nullptr);
  if (ImGui::Button("Save")) experiments.save();
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(experiments.running());
  if (ImGui::Button("Load")) experiments.load();
  ImGui::EndDisabled();
}

void ExperimentsPanel::drawPdcPlot(const FrameContext& frame, const ExperimentResults& results, float height) {
  // Which rows to draw: the chosen z of every model, or every z of one model (PDC paper Fig. 4).
  std::vector<ModelKind> models;
  for (const ResultRow& r : results.rows) {
    if (!r.pdc.empty() && std::find(models.begin(), models.end(), r.model) == models.end()) models.push_back(r.model);
  }
  const std::string current = pdcModel_ < 0 ? std::string("validation-chosen z of each model")
                                            : "every z of " + std::string(modelKindName(static_cast<ModelKind>(pdcModel_)));
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (ImGui::BeginCombo("##pdcRows", current.c_str())) {
    if (ImGui::Selectable("validation-chosen z of each model", pdcModel_ < 0)) pdcModel_ = -1;
    for (ModelKind kind : models) {
      const std::string label = "every z of " + std::string(modelKindName(kind));
      if (ImGui::Selectable(label.c_str(), pdcModel_ == static_cast<int>(kind))) pdcModel_ = static_cast<int>(kind);
    }
    ImGui::EndCombo();
  }
  std::vector<const ResultRow*> shown;
  for (const ResultRow& r : results.rows) {
    if (r.pdc.empty()) continue;
    if (pdcModel_ < 0 ? (r.bestOnValidation || r.dim == 0) : static_cast<int>(r.model) == pdcModel_) shown.push_back(&r);
  }
  // The plot reads these in place: they live until draw() returns.
  std::vector<double> thresholds(results.pdcThresholds.begin(), results.pdcThresholds.end());
  std::vector<std::vector<double>> values;
  values.reserve(shown.size());
  std::vector<widgets::PlotSeries> series;
  for (size_t k = 0; k < shown.size(); ++k) {
    const ResultRow& r = *shown[k];
    std::vector<double>& y = values.emplace_back();
    for (int32_t t : results.pdcThresholds) y.push_back(r.pdc.contains(t) ? r.pdc.at(t).mean : kMissing);
    const ImU32 colour = pdcModel_ < 0 ? widgets::modelColour(r.model) : categoryColour(static_cast<int>(k) % kCategoryColours);
    series.push_back({widgets::rowName(r), {}, thresholds, y, colour, widgets::LineStyle::Solid, true,
                      "mean PDC over the folds: correlation of users' rating distance and embedding distance,\n"
                      "for user pairs with at least t co-rated test movies"});
  }
  widgets::PlotOptions options;
  options.height = height;
  options.xLabel = "min co-rated";
  options.yLabel = "pdc";
  options.xScale = widgets::AxisScale::Log2;
  options.exportPath = "~/latentlens-experiments/pdc";
  if (auto request = pdcPlot_.draw("PDC vs co-rating threshold (PDC paper Fig. 4)", series, options)) {
    frame.commands->savePngOfRegion(request->path, request->min, request->max, [this, path = request->path](const std::string& error) {
      pdcPlot_.setExportStatus(error.empty() ? "Saved " + path : error);
    });
  }
}

void ExperimentsPanel::drawMetricPlot(const FrameContext& frame, const ExperimentResults& results, float height) {
  if (metric_ < 0) {
    const bool ranks = std::any_of(results.rows.begin(), results.rows.end(), [](const ResultRow& r) { return r.hitRate.defined(); });
    metric_ = ranks ? 4 : 0;
  }
  const RowMetric& metric = kMetrics[static_cast<size_t>(metric_)];
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (ImGui::BeginCombo("##metric", (std::string(metric.name) + " against z").c_str())) {
    for (size_t k = 0; k < kMetrics.size(); ++k) {
      if (ImGui::Selectable(kMetrics[k].name, metric_ == static_cast<int>(k))) metric_ = static_cast<int>(k);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", kMetrics[k].help);
    }
    ImGui::EndCombo();
  }
  // One line per model over its z (models without z are a level: drawn across the z range).
  std::vector<ModelKind> models;
  std::vector<double> allDims;
  for (const ResultRow& r : results.rows) {
    if (std::find(models.begin(), models.end(), r.model) == models.end()) models.push_back(r.model);
    if (r.dim > 0) allDims.push_back(r.dim);
  }
  const auto [lowest, highest] = std::minmax_element(allDims.begin(), allDims.end());
  std::vector<std::vector<double>> xs, ys;
  xs.reserve(models.size() + 1);
  ys.reserve(models.size() + 1);
  std::vector<widgets::PlotSeries> series;
  for (ModelKind kind : models) {
    std::vector<double>& x = xs.emplace_back();
    std::vector<double>& y = ys.emplace_back();
    for (const ResultRow& r : results.rows) {
      if (r.model != kind) continue;
      const MeanSd value = metric.of(r);
      if (r.dim == 0 && !allDims.empty()) {
        x = {*lowest, *highest};
        y = {value.defined() ? value.mean : kMissing, value.defined() ? value.mean : kMissing};
      } else if (r.dim > 0) {
        x.push_back(r.dim);
        y.push_back(value.defined() ? value.mean : kMissing);
      }
    }
    if (std::none_of(y.begin(), y.end(), [](double v) { return std::isfinite(v); })) continue;
    const bool level = x.size() == 2 && std::any_of(results.rows.begin(), results.rows.end(),
                                                   [&](const ResultRow& r) { return r.model == kind && r.dim == 0; });
    series.push_back({std::string(modelKindName(kind)), {}, x, y, widgets::modelColour(kind),
                      level ? widgets::LineStyle::Dashed : widgets::LineStyle::Solid, !level,
                      std::string(metric.help) + ", mean over the folds"});
  }
  // The model-free baseline of the ranking metrics.
  if ((metric_ == 4 || metric_ == 5) && !allDims.empty()) {
    for (const ResultRow& r : results.rows) {
      const MeanSd baseline = metric_ == 4 ? r.popularityHitRate : r.popularityNdcg;
      if (!baseline.defined()) continue;
      xs.push_back({*lowest, *highest});
      ys.push_back({baseline.mean, baseline.mean});
      series.push_back({"popularity", {}, xs.back(), ys.back(), ImGui::GetColorU32(palette::kMuted), widgets::LineStyle::Dashed,
                        false, "every user ranked by the movies' training rating counts"});
      break;
    }
  }
  widgets::PlotOptions options;
  options.height = height;
  options.xLabel = "z";
  options.yLabel = metric.name;
  options.xScale = widgets::AxisScale::Log2;
  options.exportPath = "~/latentlens-experiments/metric";
  const std::string title = std::string(metric.name) + " against z";
  if (auto request = metricPlot_.draw(title.c_str(), series, options)) {
    frame.commands->savePngOfRegion(request->path, request->min, request->max, [this, path = request->path](const std::string& error) {
      metricPlot_.setExportStatus(error.empty() ? "Saved " + path : error);
    });
  }
}

void ExperimentsPanel::drawDotProductForm(const FrameContext& frame, ExperimentState& experiments) {
  const float s = frame.scale;
  DotProductForm& form = experiments.dotProduct.form;
  ImGui::SetNextItemWidth(120.0f * s);
  ImGui::InputText("d", &form.dims);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Comma-separated embedding dimensions d; h = d/2, d and 2d for each");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(200.0f * s);
  ImGui::InputText("users M", &form.users);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Comma-separated numbers of users M (N = M items, 100·M sampled pairs, 90/10)");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90.0f * s);
  ImGui::InputInt("repeats", &form.repeats);
  form.repeats = std::clamp(form.repeats, 1, 100);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90.0f * s);
  ImGui::InputInt("epochs", &form.epochs);
  form.epochs = std::clamp(form.epochs, 1, 1000);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(80.0f * s);
  ImGui::InputInt("threads", &form.threads);
  form.threads = std::clamp(form.threads, 1, 64);
}

void ExperimentsPanel::drawDotProductResults(const FrameContext& frame, const ExperimentState& experiments) {
  const DotProductLearningResults* results = experiments.dotProduct.results();
  if (results == nullptr) {
    ImGui::TextDisabled("Run fig3, or load a results.json that `latentlens-cli sweep --preset fig3 --out` or Save wrote.");
    return;
  }
  const DotProductLearningParams& p = results->params;
  ImGui::TextDisabled("%s · σ_label %.2f, trivial RMSE %.2f · %d pairs per user, %.0f %% test · %d epochs of Adam, lr %g, batch %d%s",
                      experiments.dotProduct.origin().c_str(), p.task.labelSd, p.task.trivialRmse, p.task.pairsPerUser,
                      100.0 * p.task.testFraction, p.fit.epochs, static_cast<double>(p.fit.learningRate), p.fit.batchSize,
                      results->complete ? "" : " · cancelled part-way");
  const float available = ImGui::GetContentRegionAvail().y;
  widgets::dotProductTable(*results, std::max(100.0f * frame.scale, available * 0.3f));
  const float plotHeight = std::max(100.0f * frame.scale, ImGui::GetContentRegionAvail().y - 3.6f * ImGui::GetFrameHeightWithSpacing());
  if (auto request = fig3Plot_.draw(*results, plotHeight)) {
    frame.commands->savePngOfRegion(request->path, request->min, request->max, [this, path = request->path](const std::string& error) {
      fig3Plot_.setExportStatus(error.empty() ? "Saved " + path : error);
    });
  }
}

}  // namespace ll::gui
