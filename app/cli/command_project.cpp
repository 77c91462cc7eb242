// `project`: a 2-D or 3-D layout of the movie embeddings written as CSV
// `id,title,<coordinates>,rating_count,genres[,trust]` with a header, one row per movie, and a
// JSON summary beside it (<out> with .json: method, parameters, seconds, mean trust). Methods:
// pca (the comet; --remove-popularity first takes out the direction most correlated with log
// rating count), umap, tsne (Barnes-Hut), and custom axes (--axes FROM..TO[;FROM..TO]). --trust K adds each film's
// share of its K nearest neighbours in the full space that are also among its K nearest in the
// layout, and the layout's trustworthiness T(K) (Venna & Kaski) to the summary.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "app/cli/commands.h"
#include "app/cli/model_source.h"
#include "app/cli/progress_line.h"
#include "app/cli/projection_layout.h"
#include "core/analysis/pca.h"
#include "core/analysis/trustworthiness.h"
#include "core/data/input_error.h"
#include "core/io/atomic_file.h"
#include "core/io/csv_field.h"
#include "core/util/thread_pool.h"

namespace ll::cli {
namespace {

struct ProjectOptions {
  ModelSourceOptions source;
  std::string out;
  std::string method = "pca";
  int32_t components = 0;  // 0: 3 for pca, 2 otherwise
  std::string axes;
  bool removePopularity = false;
  UmapParams umap;
  TsneParams tsne;
  std::string metric = "euclidean";
  int32_t trust = 0;
  bool json = false;
};

std::string genreList(const Dataset& data, int32_t item) {
  const auto i = static_cast<size_t>(item);
  if (i >= data.movies.size()) return {};
  std::string genres;
  for (size_t g = 0; g < data.genreNames.size() && g < 32; ++g) {
    if (data.movies[i].genres & (1u << g)) genres += (genres.empty() ? "" : "|") + data.genreNames[g];
  }
  return genres;
}

std::string projectionCsv(const Dataset& data, const EmbeddingRows& rows, const ProjectionLayout& layout, const std::vector<float>& trust) {
  std::ostringstream csv;
  csv << "id,title";
  for (const std::string& column : layout.columns) csv << ',' << column;
  csv << ",rating_count,genres" << (trust.empty() ? "" : ",trust") << '\n';
  char number[32];
  for (int32_t r = 0; r < rows.rows(); ++r) {
    const int32_t item = rows.dense[static_cast<size_t>(r)];
    csv << csvField(data.itemIds[static_cast<size_t>(item)]) << ',' << csvField(movieTitle(data, item));
    for (int32_t c = 0; c < layout.components; ++c) {
      std::snprintf(number, sizeof(number), ",%.7g", static_cast<double>(layout.coordinates[static_cast<size_t>(r) * layout.components + c]));
      csv << number;
    }
    csv << ',' << data.ratings.itemRatingCount(item) << ',' << csvField(genreList(data, item));
    if (!trust.empty()) {
      std::snprintf(number, sizeof(number), ",%.4g", static_cast<double>(trust[static_cast<size_t>(r)]));
      csv << number;
    }
    csv << '\n';
  }
  return csv.str();
}

}  // namespace

void addProjectCommand(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<ProjectOptions>();
  CLI::App* command = app.add_subcommand("project", "A layout of the movie embeddings (PCA, UMAP, t-SNE or custom axes), as CSV");
  o->source.addTo(*command, "Movie factors instead of --checkpoint; needs --data");
  command->add_option("--out", o->out, "CSV file to write: id,title,<coordinates>,rating_count,genres[,trust]; the summary goes beside it as .json")
      ->required();
  command->add_option("--method", o->method, "pca (the comet), umap, tsne, or axes (with --axes)")
      ->check(CLI::IsMember({"pca", "umap", "tsne", "axes"}))
      ->capture_default_str();
  command->add_option("--components", o->components, "Layout dimensions: PCA's components (default 3), UMAP's 2 or 3 (default 2)")
      ->check(CLI::PositiveNumber);
  command->add_option("--axes", o->axes, "FROM..TO[;FROM..TO]: groups genre:NAME or film:ID[,ID…]; without a second axis, PC1 of the rest");
  command->add_flag("--remove-popularity", o->removePopularity,
                    "pca: first remove the direction most correlated with log rating count (the comet without its tail)");
  command->add_option("--neighbours", o->umap.neighbours, "umap: neighbours per point, the point itself counted")->capture_default_str();
  command->add_option("--min-dist", o->umap.minDist, "umap: how tightly points may pack")->capture_default_str();
  command->add_option("--epochs", o->umap.epochs, "umap: SGD epochs (0: 500 up to 10,000 films, else 200)")->capture_default_str();
  command->add_option("--perplexity", o->tsne.perplexity, "tsne: the effective number of neighbours")->capture_default_str();
  command->add_option("--iterations", o->tsne.iterations, "tsne: gradient steps")->capture_default_str();
  command->add_option("--theta", o->tsne.theta, "tsne: Barnes-Hut accuracy (0: every pair)")->capture_default_str();
  command->add_option("--metric", o->metric, "umap, tsne: distance between embeddings")
      ->check(CLI::IsMember({"euclidean", "cosine"}))
      ->capture_default_str();
  command->add_option("--seed", o->umap.seed, "umap, tsne: seeds the neighbour graph, the initial layout and the samples")->capture_default_str();
  command->add_option("--trust", o->trust, "K: each film's share of its K nearest neighbours kept on screen, and T(K)")->check(CLI::NonNegativeNumber);
  command->add_flag("--json", o->json, "Print the summary as JSON on stdout");
  command->callback([o, &global, command] {
    if (o->method == "axes" && o->axes.empty()) throw InputError("--axes", 0, "FROM..TO with --method axes", "nothing");
    if (o->method != "axes" && !o->axes.empty()) throw InputError("--axes", 0, "--method axes", "--method " + o->method);
    if (o->removePopularity && o->method != "pca") throw InputError("--remove-popularity", 0, "--method pca", "--method " + o->method);
    const ModelSource source = resolveModelSource(o->source, *command, global, EmbeddingEntity::Movies);
    const std::filesystem::path out(o->out);
    createOutputFolder(out.parent_path());
    const Dataset& data = *source.data;
    const EmbeddingRows rows = sourceRows(source, EmbeddingEntity::Movies, o->source.checkpoint);
    ThreadPool pool(hardwareThreads());  // the CLI's analyses use every core
    ProgressLine progress(!global.quiet);
    const auto start = std::chrono::steady_clock::now();
    ProjectionLayout layout;
    if (o->method == "umap") {
      UmapParams params = o->umap;
      params.components = o->components > 0 ? o->components : 2;
      params.metric = o->metric == "cosine" ? NeighbourMetric::Cosine : NeighbourMetric::Euclidean;
      layout = umapLayout(rows, params, pool, progress);
    } else if (o->method == "tsne") {
      TsneParams params = o->tsne;
      params.components = o->components > 0 ? o->components : 2;
      params.metric = o->metric == "cosine" ? NeighbourMetric::Cosine : NeighbourMetric::Euclidean;
      params.seed = o->umap.seed;
      layout = tsneLayout(rows, params, pool, progress);
    } else if (o->method == "axes") {
      layout = axesLayout(data, rows, o->axes, progress);
    } else {
      const int32_t components = o->components > 0 ? o->components : PcaParams{}.components;
      layout = o->removePopularity ? popularityRemovedLayout(data, rows, components, progress) : pcaLayout(rows, components, progress);
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    nlohmann::json summary = layout.summary;
    summary["seconds"] = seconds;
    summary["movies"] = rows.rows();
    summary["dimension"] = rows.dim;
    summary["out"] = out.string();
    std::vector<float> trust;
    if (o->trust > 0) {
      progress.update(0.0, "trust");
      // Neighbours in the full space by the distance the layout was asked to keep (umap's metric).
      const NeighbourMetric metric =
          (o->method == "umap" || o->method == "tsne") && o->metric == "cosine" ? NeighbourMetric::Cosine : NeighbourMetric::Euclidean;
      NeighbourGraphParams graph;
      graph.neighbours = o->trust;
      graph.metric = metric;
      const KnnAgreement agreement = knnAgreement(rows.values, rows.rows(), rows.dim, layout.coordinates, layout.components, graph, &pool);
      TrustworthinessParams t;
      t.neighbours = o->trust;
      t.metric = metric;
      const TrustworthinessResult tk = trustworthiness(rows.values, rows.rows(), rows.dim, layout.coordinates, layout.components, t, &pool);
      trust = agreement.perPoint;
      summary["trust"] = {{"neighbours", o->trust},
                          {"mean_knn_agreement", agreement.mean},
                          {"trustworthiness", tk.trustworthiness},
                          {"trustworthiness_points", tk.pointsScored}};
    }
    progress.finish();
    writeFileAtomically(out, projectionCsv(data, rows, layout, trust));
    std::filesystem::path summaryPath = out;
    summaryPath.replace_extension(".json");
    if (summaryPath == out) summaryPath += ".json";
    summary["summary"] = summaryPath.string();
    writeFileAtomically(summaryPath, summary.dump(2) + "\n");

    if (o->json) {
      printJson(summary);
      return;
    }
    std::printf("%s of %d movie embeddings (dimension %d) in %.2f s → %s\n", o->method.c_str(), rows.rows(), rows.dim, seconds,
                out.string().c_str());
    if (summary.contains("explained_variance_ratio")) {
      double cumulative = 0.0;
      const auto ratios = summary["explained_variance_ratio"].get<std::vector<double>>();
      for (size_t c = 0; c < ratios.size(); ++c) {
        cumulative += ratios[c];
        std::printf("pc%zu  explained variance %.4f  (cumulative %.4f)\n", c + 1, ratios[c], cumulative);
      }
    }
    if (summary.contains("popularity_correlation")) {
      std::printf("popularity: the removed direction correlated %.3f with log rating count (%.1f %% of the variance); "
                  "the best linear predictor left correlates %.3f\n",
                  summary["popularity_correlation"].get<double>(), 100.0 * summary["popularity_variance_share"].get<double>(),
                  summary["popularity_correlation_left"].get<double>());
    }
    if (o->trust > 0) {
      std::printf("trust: %.3f of each film's %d nearest neighbours kept on screen (mean); T(%d) = %.3f\n",
                  summary["trust"]["mean_knn_agreement"].get<double>(), o->trust, o->trust, summary["trust"]["trustworthiness"].get<double>());
    }
  });
}

}  // namespace ll::cli
