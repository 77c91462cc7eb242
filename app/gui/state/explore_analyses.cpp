// ExploreState, analyses: the selected film and its cosine neighbours, k-means of the users with
// cluster profiles, and the fold-in of a new user. k-means, profiles and fold-in run as
// BackgroundJobs; a neighbour query is one pass over the index (well under a millisecond for
// 60k movies), so it runs when its inputs change.

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <unordered_map>

#include "app/gui/state/explore_state.h"
#include "core/analysis/fold_in.h"
#include "core/analysis/recommend.h"
#include "core/analysis/user_affine_form.h"
#include "core/io/atomic_file.h"
#include "core/io/csv_field.h"

namespace ll::gui {

void ExploreState::selectMovie(int32_t item) {
  if (!open_.dataset || item >= open_.dataset->ratings.itemCount) item = -1;
  if (item == open_.selectedMovie) return;
  open_.selectedMovie = item;
  scene_.markHighlightsDirty();
}

const std::vector<Neighbour>& ExploreState::neighbours() {
  const ProjectionResult* projection = open_.projection.get();
  if (open_.selectedMovie == open_.neighboursFor && neighbourCount == open_.neighboursK && minMovieRatings == open_.neighboursMin &&
      projection == open_.neighboursProjection) {
    return open_.neighbours;
  }
  open_.neighboursFor = open_.selectedMovie;
  open_.neighboursK = neighbourCount;
  open_.neighboursMin = minMovieRatings;
  open_.neighboursProjection = projection;
  open_.neighbours.clear();
  scene_.markHighlightsDirty();
  if (open_.selectedMovie < 0 || !projection || projection->index.rows() <= open_.selectedMovie || !open_.facts) return open_.neighbours;
  NeighbourParams params;
  params.count = neighbourCount;
  params.minRatings = minMovieRatings;
  open_.neighbours = projection->index.neighbours(open_.selectedMovie, params, open_.facts->itemRatings);
  return open_.neighbours;
}

std::vector<TitleMatch> ExploreState::searchTitles(const std::string& query, int32_t limit) const {
  if (!open_.facts) return {};
  TitleSearchParams params;
  params.limit = limit;
  return open_.facts->titles.search(query, params);
}

std::string ExploreState::exportNeighbours(const std::filesystem::path& path) {
  if (open_.selectedMovie < 0 || !open_.dataset || !open_.facts) return "select a film first";
  std::string csv = "rank,movie_id,title,year,similarity,ratings,mean_rating\n";
  auto row = [&](int rank, int32_t item, double similarity) {
    const Movie& movie = open_.dataset->movies[static_cast<size_t>(item)];
    char numbers[96];
    std::snprintf(numbers, sizeof numbers, ",%.6f,%lld,%.3f\n", similarity,
                  static_cast<long long>(open_.facts->itemRatings[static_cast<size_t>(item)]),
                  static_cast<double>(open_.facts->itemMeanRating[static_cast<size_t>(item)]));
    csv += std::to_string(rank) + "," + csvField(open_.dataset->itemIds[static_cast<size_t>(item)]) + "," +
           csvField(movie.title) + "," + (movie.year > 0 ? std::to_string(movie.year) : std::string()) + numbers;
  };
  row(0, open_.selectedMovie, 1.0);
  int rank = 1;
  for (const Neighbour& n : neighbours()) row(rank++, n.item, n.similarity);
  try {
    writeFileAtomically(path, csv);
  } catch (const std::exception& error) {
    return error.what();
  }
  return {};
}

void ExploreState::clickPoint(int32_t point) {
  if (point < 0) return;
  if (scene_.shownPoints() == PointSet::Movies) {
    selectMovie(point);
  } else if (open_.clusters && static_cast<size_t>(point) < open_.clusters->kmeans.assignment.size()) {
    selectCluster(open_.clusters->kmeans.assignment[static_cast<size_t>(point)]);
  }
}

// ---- clusters

void ExploreState::runClusters() {
  if (!open_.dataset || clustersRunning()) return;
  if (!open_.userVectors && !open_.model.model) {
    open_.clusterStatus = "Train or load a model first.";
    return;
  }
  if (std::shared_ptr<const Model> model = currentModel()) {
    startClusters(std::move(model));
  } else if (modelPending()) {
    open_.clusterWaitsForModel = true;
    open_.clusterStatus = "Waiting for the run's model (it is copied at the next epoch end)…";
  } else {
    startClusters(nullptr);
  }
}

void ExploreState::startClusters(std::shared_ptr<const Model> model) {
  KMeansParams params;
  params.clusters = clusterK;
  std::string note;
  if (model) {
    note = "k-means of the user vectors of " + (open_.modelLabel.empty() ? std::string("the loaded model") : open_.modelLabel) + ".";
  } else {
    note = "Only the embeddings of " + open_.sourceLabel +
           " were available (" + (open_.modelLabel.empty() ? std::string("no model") : open_.modelLabel) +
           "), so there are no cluster profiles.";
  }
  open_.clusterStatus.clear();
  open_.clusterJob = std::make_unique<BackgroundJob<ClusterAnalysis>>(
      [model, vectors = open_.userVectors, dim = open_.userDim, users = open_.dataset->ratings.userCount, params,
       note, rare = rareMovieRule()](const JobProgress& progress) {
        ClusterAnalysis analysis;
        analysis.note = note;
        const std::vector<float> own = model ? model->userEmbeddings() : std::vector<float>();
        const std::vector<float>& x = model ? own : *vectors;
        const int32_t d = model ? model->userEmbeddingDim() : dim;
        analysis.kmeans = kMeans(x, users, d, params, [&](double f) { return progress(0.75 * f); });
        if (analysis.kmeans.cancelled) throw std::runtime_error("cancelled");
        if (!model) return analysis;
        ClusterProfileParams profileParams;
        profileParams.rare = rare;
        analysis.profiles = profileClusters(*model, analysis.kmeans, profileParams,
                                            [&](double f) { return progress(0.75 + 0.2 * f); });
        if (analysis.profiles->cancelled) throw std::runtime_error("cancelled");
        if (std::optional<UserAffineForm> form = userAffineForm(*model)) {
          const auto items = static_cast<size_t>(form->items);
          analysis.itemScores.resize(static_cast<size_t>(analysis.kmeans.clusters) * items);
          for (int32_t c = 0; c < analysis.kmeans.clusters; ++c) {
            std::span<float> out(analysis.itemScores.data() + static_cast<size_t>(c) * items, items);
            form->predictAll(analysis.kmeans.centroid(c), out);
            for (float& v : out) v = model->clip(v);
          }
        }
        progress(1.0);
        return analysis;
      });
}

void ExploreState::cancelClusters() {
  if (open_.clusterJob) open_.clusterJob->cancel();
  if (open_.clusterWaitsForModel) {
    open_.clusterWaitsForModel = false;
    open_.clusterStatus = "Cancelled.";
  }
}

double ExploreState::clusterProgress() const { return open_.clusterJob ? open_.clusterJob->progress() : 0.0; }

void ExploreState::selectCluster(int32_t cluster) {
  if (!open_.clusters || cluster < 0 || cluster >= open_.clusters->kmeans.clusters) cluster = -1;
  if (cluster == open_.selectedCluster) return;
  open_.selectedCluster = cluster;
  scene_.markHighlightsDirty();
}

// ---- fold-in

void ExploreState::setFoldInRating(int32_t item, float rating) {
  auto found = std::find_if(foldInRatings.begin(), foldInRatings.end(),
                            [item](const FoldInRating& r) { return r.item == item; });
  if (rating <= 0.0f) {
    if (found != foldInRatings.end()) foldInRatings.erase(found);
  } else if (found != foldInRatings.end()) {
    found->rating = rating;
  } else {
    foldInRatings.push_back({item, rating});
  }
}

void ExploreState::selectPickedAndNeighbours() {
  if (open_.selectedMovie < 0) return;
  std::vector<int32_t> films = {open_.selectedMovie};
  for (const Neighbour& n : neighbours()) films.push_back(n.item);
  selection.replace(std::move(films));
}

size_t ExploreState::selectTitles(const std::string& query, int32_t limit, bool add) {
  std::vector<int32_t> films;
  for (const TitleMatch& match : searchTitles(query, limit)) films.push_back(match.item);
  if (add) {
    selection.add(films);
  } else {
    selection.replace(films);
  }
  return films.size();
}

size_t ExploreState::sendSelectionToFoldIn(int32_t limit) {
  if (!open_.dataset) return 0;
  std::vector<int32_t> films = selection.items();
  const Ratings& ratings = open_.dataset->ratings;
  std::stable_sort(films.begin(), films.end(), [&](int32_t a, int32_t b) { return ratings.itemRatingCount(a) > ratings.itemRatingCount(b); });
  if (films.size() > static_cast<size_t>(std::max(limit, 0))) films.resize(static_cast<size_t>(std::max(limit, 0)));
  for (const int32_t item : films) setFoldInRating(item, 5.0f);
  return films.size();
}

void ExploreState::updateUncertainty() {
  const ProjectionResult* projection = open_.projection.get();
  if (projection == nullptr || projection == open_.uncertaintyFor || projection->movies.rows == 0) return;
  const std::shared_ptr<const Model> model = currentModel();
  if (!model) {
    open_.uncertaintyNote = modelPending() ? "spread: waiting for the model" : "spread: no model to ask";
    return;
  }
  open_.uncertaintyFor = projection;
  const std::vector<float> sds = model->itemEmbeddingSds();
  const PcaResult& pca = projection->movies;
  if (sds.size() != static_cast<size_t>(pca.rows) * pca.dimension) {
    open_.uncertainty.clear();
    open_.uncertaintyNote = "spread: this model keeps no posterior (bfm does)";
    return;
  }
  if (std::all_of(sds.begin(), sds.end(), [](float sd) { return sd == 0.0f; })) {
    open_.uncertainty.clear();
    open_.uncertaintyNote = "spread: none yet — the sampler is in its burn-in (the posterior starts after it)";
    return;
  }
  open_.uncertainty = projectedSpread(pca, sds, pca.rows);
  // The comet's tail should be the uncertain part: the rarely rated films' median spread against
  // the often rated ones'.
  std::vector<float> rare, common;
  const Ratings& ratings = open_.dataset->ratings;
  for (int32_t i = 0; i < pca.rows; ++i) {
    const float along = open_.uncertainty[static_cast<size_t>(i) * pca.components];
    (ratings.itemRatingCount(i) >= 100 ? common : rare).push_back(along);
  }
  const auto median = [](std::vector<float> v) {
    if (v.empty()) return 0.0f;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
    return v[v.size() / 2];
  };
  char note[160];
  std::snprintf(note, sizeof note, "spread along PC1: median %.3g for films with < 100 ratings, %.3g with ≥ 100", median(rare),
                median(common));
  open_.uncertaintyNote = note;
}

SavedView ExploreState::captureView(const std::string& name, const ProjectionCamera& camera) const {
  SavedView view;
  view.name = name;
  view.dataset = open_.dataset ? open_.dataset->source : std::string();
  view.run = open_.sourceLabel;
  view.options = options;
  view.pointSize = pointSize;
  view.camera = {camera.threeD(), camera.zoom(), camera.yaw(), camera.pitch(), camera.target()};
  if (!open_.dataset) return view;
  for (const int32_t item : selection.items()) view.selection.push_back(open_.dataset->itemIds[static_cast<size_t>(item)]);
  if (open_.selectedMovie >= 0) view.picked = open_.dataset->itemIds[static_cast<size_t>(open_.selectedMovie)];
  const LayoutFrame* layout = showsLayout() ? layouts.frame() : nullptr;
  if (layout != nullptr) {
    view.layoutRows = layout->rows;
    view.layoutComponents = layout->components;
    view.layoutCoordinates = layout->coordinates;
    view.layoutAxisName = layout->axisName;
    view.layoutAxisLabels = layout->axisLabels;
  } else {
    view.options.method = LayoutMethod::Pca;  // a layout still forming is not kept: the view is the comet's
  }
  return view;
}

std::string ExploreState::applyView(const SavedView& view) {
  if (!open_.dataset || view.dataset != open_.dataset->source) return "the view was saved on another data set (" + view.dataset + ")";
  const Dataset& data = *open_.dataset;
  if (view.options.method != LayoutMethod::Pca && view.layoutRows != data.ratings.itemCount) {
    return "the view's layout has " + std::to_string(view.layoutRows) + " films, the data set " + std::to_string(data.ratings.itemCount);
  }
  std::unordered_map<std::string, int32_t> itemOf;
  for (size_t i = 0; i < data.itemIds.size(); ++i) itemOf.emplace(data.itemIds[i], static_cast<int32_t>(i));
  options = view.options;
  pointSize = view.pointSize;
  std::vector<int32_t> films;
  for (const std::string& id : view.selection) {
    if (const auto at = itemOf.find(id); at != itemOf.end()) films.push_back(at->second);
  }
  selection.replace(std::move(films));
  const auto picked = itemOf.find(view.picked);
  selectMovie(picked == itemOf.end() ? -1 : picked->second);
  replay.active = replay.playing = false;
  cameraRequest = view.camera;
  if (view.options.method != LayoutMethod::Pca) {
    auto frame = std::make_shared<LayoutFrame>();
    frame->method = view.options.method;
    frame->embeddingVersion = open_.embeddingVersion;
    frame->rows = view.layoutRows;
    frame->components = view.layoutComponents;
    frame->coordinates = view.layoutCoordinates;
    frame->epoch = frame->epochs = 1;
    frame->finished = true;
    frame->axisName = view.layoutAxisName;
    frame->axisLabels = view.layoutAxisLabels;
    layouts.restore(std::move(frame), "view \"" + view.name + "\": the layout as saved (" + view.run + ")");
  }
  return {};
}

void ExploreState::runFoldIn() {
  if (!open_.dataset || foldInRunning()) return;
  if (foldInRatings.empty()) {
    open_.foldInStatus = "Rate a few films first.";
    return;
  }
  if (std::shared_ptr<const Model> model = currentModel()) {
    startFoldIn(std::move(model));
  } else if (modelPending()) {
    open_.foldInWaitsForModel = true;
    open_.foldInStatus = "Waiting for the run's model (it is copied at the next epoch end)…";
  } else {
    open_.foldInStatus = "Fold-in needs the model: train one or load a checkpoint.";
  }
}

void ExploreState::startFoldIn(std::shared_ptr<const Model> model) {
  if (!model) {
    open_.foldInStatus = "Fold-in needs the model, and none is available: " + open_.modelLabel;
    return;
  }
  open_.foldInStatus.clear();
  FoldInParams params;
  params.ridge = foldInRidge ? foldInLambda : 0.0;
  open_.foldInJob = std::make_unique<BackgroundJob<FoldInResult>>(
      [model, ratings = foldInRatings, params, count = foldInCount, rare = rareMovieRule()](const JobProgress&) {
        FoldInResult result;
        if (!userAffineForm(*model)) {
          result.error = "This model is not affine in the user vector (add, mul): it has no fold-in.";
          return result;
        }
        std::vector<int32_t> items;
        std::vector<float> values;
        for (const FoldInRating& r : ratings) items.push_back(r.item), values.push_back(r.rating);
        NewUserRecommendations found = recommendForNewUser(*model, items, values, params, {.count = count, .rare = rare});
        result.user = std::move(found.user);
        for (const Recommendation& r : found.items) result.top.emplace_back(r.item, r.rating);
        return result;
      });
}

}  // namespace ll::gui
