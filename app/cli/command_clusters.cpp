// `clusters`: k-means on the user embeddings and, with a checkpoint, what each cluster likes: its
// bias, its favourite and least-liked movie features (input sensitivities: exact, averaged over the
// catalogue, or estimated from the predictions; by default what sets the cluster apart from the
// mean user, with --absolute its own) and the movies it would rate highest and lowest. From a user
// embeddings file there is no model to ask, so only sizes and the members' mean rating are shown.
#include <cmath>
#include <cstdio>

#include "app/cli/commands.h"
#include "app/cli/model_source.h"
#include "app/cli/progress_line.h"
#include "core/analysis/cluster_profile.h"
#include "core/analysis/kmeans.h"

namespace ll::cli {
namespace {

struct ClustersOptions {
  ModelSourceOptions source;
  KMeansParams kmeans;
  ClusterProfileParams profile;
  bool absolute = false;
  bool json = false;
};

// Mean of the cluster members' ratings, per cluster (what a file of embeddings can still tell).
std::vector<double> memberMeanRatings(const Dataset& data, const EmbeddingRows& rows, const KMeansResult& km) {
  std::vector<double> sum(static_cast<size_t>(km.clusters), 0.0);
  std::vector<int64_t> count(static_cast<size_t>(km.clusters), 0);
  for (int32_t r = 0; r < rows.rows(); ++r) {
    const auto c = static_cast<size_t>(km.assignment[static_cast<size_t>(r)]);
    for (const uint32_t k : data.ratings.ofUser(rows.dense[static_cast<size_t>(r)])) {
      sum[c] += data.ratings.value[k];
      ++count[c];
    }
  }
  for (size_t c = 0; c < sum.size(); ++c) sum[c] = count[c] > 0 ? sum[c] / static_cast<double>(count[c]) : 0.0;
  return sum;
}

nlohmann::json featuresJson(const std::vector<FeatureValue>& features) {
  nlohmann::json list = nlohmann::json::array();
  for (const FeatureValue& f : features) list.push_back({{"name", f.name}, {"value", f.value}});
  return list;
}

nlohmann::json moviesJson(const Dataset& data, const std::vector<MovieScore>& movies) {
  nlohmann::json list = nlohmann::json::array();
  for (const MovieScore& m : movies) {
    list.push_back({{"id", data.itemIds[static_cast<size_t>(m.item)]}, {"title", movieTitle(data, m.item)}, {"score", m.score}});
  }
  return list;
}

void printFeatures(const char* label, const std::vector<FeatureValue>& features) {
  if (features.empty()) return;
  std::printf("  %-10s", label);
  for (size_t f = 0; f < features.size(); ++f) std::printf("%s %s (%+.3f)", f == 0 ? "" : ",", features[f].name.c_str(), features[f].value);
  std::printf("\n");
}

void printMovies(const char* label, const Dataset& data, const std::vector<MovieScore>& movies) {
  if (movies.empty()) return;
  std::printf("  %-10s", label);
  for (size_t m = 0; m < movies.size(); ++m) std::printf("%s %s (%.2f)", m == 0 ? "" : ";", movieTitle(data, movies[m].item).c_str(), movies[m].score);
  std::printf("\n");
}

}  // namespace

void addClustersCommand(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<ClustersOptions>();
  CLI::App* command = app.add_subcommand("clusters", "k-means on user embeddings; what each cluster likes");
  o->source.addTo(*command, "User factors instead of --checkpoint; needs --data (sizes only)");
  command->add_option("-k,--clusters", o->kmeans.clusters, "Number of clusters")->capture_default_str()->check(CLI::PositiveNumber);
  command->add_option("--seed", o->kmeans.seed, "Seeds the k-means++ initialisation")->capture_default_str();
  command->add_option("--features", o->profile.features, "Favourite and least-liked features listed per cluster")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  command->add_option("--movies", o->profile.movies, "Highest- and lowest-predicted movies listed per cluster")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  command->add_option("--min-ratings", o->profile.rare.minRatings,
                      "Only list movies with at least this many ratings (rare films' vectors are noisy and crowd the lists)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  command->add_option("--shrinkage", o->profile.rare.shrinkage,
                      "κ: rank movies by the prediction shrunk toward the mean rating by the film's rating count, "
                      "μ + (ŷ − μ)·n/(n + κ); 0 ranks by the prediction")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  command->add_flag("--absolute", o->absolute,
                    "Rank features by the cluster's own sensitivities and show its own bias, instead of what sets it apart: "
                    "their difference from the mean user's (the default)");
  command->add_option("--ridge", o->profile.ridge,
                      "Ridge penalty of estimated sensitivities (models that read no movie features), relative to the "
                      "mean feature variance")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  command->add_flag("--json", o->json, "Machine-readable output on stdout");
  command->callback([o, &global, command] {
    const ModelSource source = resolveModelSource(o->source, *command, global, EmbeddingEntity::Users);
    const Dataset& data = *source.data;
    const EmbeddingRows rows = sourceRows(source, EmbeddingEntity::Users, o->source.checkpoint);
    ProgressLine progress(!global.quiet);
    const KMeansResult km = kMeans(rows.values, rows.rows(), rows.dim, o->kmeans, [&progress](double fraction) {
      progress.update(fraction, "k-means");
      return true;
    });
    ClusterProfiles profiles;
    if (source.model) {
      profiles = profileClusters(*source.model, km, o->profile, [&progress](double fraction) {
        progress.update(fraction, "profiles");
        return true;
      });
    } else {
      profiles.note = "from an embeddings file there is no model: no bias, sensitivities or movies (use --checkpoint)";
      profiles.clusters.resize(static_cast<size_t>(km.clusters));
      for (int32_t c = 0; c < km.clusters; ++c) {
        profiles.clusters[static_cast<size_t>(c)].cluster = c;
        profiles.clusters[static_cast<size_t>(c)].size = km.sizes[static_cast<size_t>(c)];
      }
    }
    progress.finish();
    const std::vector<double> meanRatings = memberMeanRatings(data, rows, km);
    const bool approximate = profiles.sensitivity == SensitivityKind::Approximate;
    const bool estimated = profiles.sensitivity == SensitivityKind::Estimated;
    const char* view = o->absolute ? "absolute" : "distinctive";

    if (o->json) {
      nlohmann::json list = nlohmann::json::array();
      for (const ClusterProfile& p : profiles.clusters) {
        const ClusterTaste& taste = p.taste(o->absolute);
        list.push_back({{"cluster", p.cluster},
                        {"size", p.size},
                        {"bias", source.model ? nlohmann::json(taste.bias) : nlohmann::json(nullptr)},
                        {"mean_rating", meanRatings[static_cast<size_t>(p.cluster)]},
                        {"favourite_features", featuresJson(taste.favourite)},
                        {"least_features", featuresJson(taste.least)},
                        {"r2", std::isnan(taste.r2) ? nlohmann::json(nullptr) : nlohmann::json(taste.r2)},
                        {"top_movies", moviesJson(data, p.top)},
                        {"bottom_movies", moviesJson(data, p.bottom)},
                        {"approximate", approximate},
                        {"members_averaged", p.membersAveraged}});
      }
      printJson({{"clusters", list},
                 {"users", rows.rows()},
                 {"view", view},
                 {"sensitivity", std::string(sensitivityLabel(profiles.sensitivity))},
                 {"approximate", approximate},
                 {"sampled", profiles.sampled},
                 {"favourite_overlap", source.model ? nlohmann::json(favouriteOverlap(profiles, o->absolute, 5)) : nlohmann::json(nullptr)},
                 {"note", profiles.note},
                 {"objective", km.objective},
                 {"iterations", km.iterations.size()},
                 {"converged", km.converged}});
      return;
    }
    std::printf("%d clusters of %d users (k-means, %zu iterations%s, objective %.4g)\n", km.clusters, rows.rows(),
                km.iterations.size(), km.converged ? "" : ", iteration limit", km.objective);
    if (!profiles.note.empty()) std::printf("%s\n", profiles.note.c_str());
    if (source.model && profiles.sensitivity != SensitivityKind::None) {
      std::printf("Features ranked %s; sensitivities %s; mean pairwise Jaccard of the top-5 lists %.2f.\n",
                  o->absolute ? "by the cluster's own sensitivities (--absolute)"
                              : "by what sets each cluster apart from the mean user (--absolute for its own)",
                  std::string(sensitivityLabel(profiles.sensitivity)).c_str(), favouriteOverlap(profiles, o->absolute, 5));
    }
    if (profiles.sampled) std::printf("Each cluster's predictions are the mean over up to %d of its members.\n", o->profile.sampledMembers);
    for (const ClusterProfile& p : profiles.clusters) {
      const ClusterTaste& taste = p.taste(o->absolute);
      std::printf("\ncluster %d: %d users, mean rating %.3f", p.cluster, p.size, meanRatings[static_cast<size_t>(p.cluster)]);
      if (source.model) std::printf(", bias %+.3f%s", taste.bias, o->absolute ? "" : " against the mean user");
      if (estimated && !std::isnan(taste.r2)) std::printf(", features explain R² %.2f", taste.r2);
      std::printf("\n");
      printFeatures("likes", taste.favourite);
      printFeatures("dislikes", taste.least);
      printMovies("top", data, p.top);
      printMovies("bottom", data, p.bottom);
    }
  });
}

}  // namespace ll::cli
