// ExploreState, projection: the point cloud built from the newest PCA (positions, colours,
// sizes, legend), the highlights of the selection, and the draw into the scene texture. Host
// copies are rebuilt only when what they depend on changed; the renderer uploads them once.

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/gui/state/explore_state.h"

namespace ll::gui {
namespace {

constexpr int kNamedCategories = 11;  // the rest share the "other" colour

const PcaResult* pcaOf(const ProjectionResult* projection, PointSet points) {
  if (!projection) return nullptr;
  const PcaResult& pca = points == PointSet::Movies ? projection->movies : projection->users;
  return pca.rows > 0 && pca.components > 0 ? &pca : nullptr;
}

std::string genreList(const Dataset& data, uint32_t genres) {
  std::string text;
  for (size_t g = 0; g < data.genreNames.size() && g < 32; ++g) {
    if ((genres & (1u << g)) == 0) continue;
    if (!text.empty()) text += ", ";
    text += data.genreNames[g];
  }
  return text;
}

}  // namespace

void ExploreState::rebuildGeometry() {
  builtOptions_ = options;
  builtProjection_ = projection_.get();
  builtFoldIn_ = foldIn_.get();
  positions_.clear();
  sizes_.clear();
  const PcaResult* pca = pcaOf(projection_.get(), options.points);
  if (!pca) {
    renderer_->setPoints({}, {}, {});
    return;
  }
  int32_t axes[3];
  for (int a = 0; a < 3; ++a) axes[a] = std::clamp(options.axes[a], 0, pca->components - 1);
  const auto rows = static_cast<size_t>(pca->rows);
  // One scale for every axis keeps the cloud's true shape. It maps the 99th percentile of the
  // points' largest coordinate to 1, so the bulk fills the view and a few outliers cannot shrink it.
  std::vector<float> extent(rows);
  for (size_t r = 0; r < rows; ++r) {
    float e = 0.0f;
    for (int a = 0; a < (options.threeD ? 3 : 2); ++a) e = std::max(e, std::fabs(pca->coordinate(static_cast<int32_t>(r), axes[a])));
    extent[r] = e;
  }
  float reach = 0.0f;
  if (rows > 0) {
    const auto at = extent.begin() + static_cast<std::ptrdiff_t>(std::min(rows - 1, rows * 99 / 100));
    std::nth_element(extent.begin(), at, extent.end());
    reach = *at;
  }
  const float scale = reach > 0.0f ? 1.0f / reach : 1.0f;
  positions_.reserve(3 * (rows + 1));
  for (size_t r = 0; r < rows; ++r) {
    const auto row = static_cast<int32_t>(r);
    positions_.push_back(pca->coordinate(row, axes[0]) * scale);
    positions_.push_back(pca->coordinate(row, axes[1]) * scale);
    positions_.push_back(options.threeD ? pca->coordinate(row, axes[2]) * scale : 0.0f);
  }
  // The folded-in user joins the user cloud: its vector projected on the same axes.
  if (options.points == PointSet::Users && foldIn_ && foldIn_->user.size() == static_cast<size_t>(pca->dimension)) {
    for (int a = 0; a < 3; ++a) {
      double sum = 0.0;
      for (int32_t d = 0; d < pca->dimension; ++d) {
        sum += (foldIn_->user[static_cast<size_t>(d)] - pca->mean[static_cast<size_t>(d)]) *
               pca->axes[static_cast<size_t>(axes[a]) * pca->dimension + d];
      }
      positions_.push_back(a < 2 || options.threeD ? static_cast<float>(sum) * scale : 0.0f);
    }
  }
  rebuildColours();
  renderer_->setPoints(positions_, colours_, sizes_);
  highlightsDirty_ = true;
  sceneChanged_ = true;
}

void ExploreState::rebuildColours() {
  builtClusters_ = clusters_.get();
  const size_t count = positions_.size() / 3;
  const bool movies = options.points == PointSet::Movies;
  const PcaResult* pca = pcaOf(projection_.get(), options.points);
  const size_t rows = pca ? static_cast<size_t>(pca->rows) : 0;
  colours_.assign(count, kOtherColour);
  sizes_.assign(count, 3.0f);
  legend_ = Legend();
  if (count == 0 || !facts_) return;
  const std::vector<int64_t>& counts = movies ? facts_->itemRatings : facts_->userRatings;
  const LegendRange countRange = rangeOf(std::span<const int64_t>(counts), true);
  for (size_t i = 0; i < rows && i < counts.size(); ++i) {
    sizes_[i] = movies ? 2.5f + 5.5f * countRange.position(static_cast<double>(counts[i]))
                       : 2.0f + 3.0f * countRange.position(static_cast<double>(counts[i]));
  }
  if (count > rows) sizes_[rows] = 9.0f;  // the folded-in user

  ColourMode mode = options.colour;
  const bool clustersFit = clusters_ && clusters_->kmeans.rows == static_cast<int32_t>(rows);
  if (movies && mode == ColourMode::Cluster && (!clusters_ || clusters_->profiles == std::nullopt ||
                                                selectedCluster_ < 0)) {
    mode = ColourMode::Popularity;
  }
  if (!movies && (mode == ColourMode::Genre || mode == ColourMode::Feature)) mode = ColourMode::Popularity;
  if (!movies && mode == ColourMode::Cluster && !clustersFit) mode = ColourMode::Popularity;
  if (mode == ColourMode::Feature &&
      (options.feature < 0 || options.feature >= dataset_->features.count || dataset_->features.items != static_cast<int32_t>(rows))) {
    mode = ColourMode::Popularity;
  }

  switch (mode) {
    case ColourMode::Popularity:
      legend_.title = movies ? "ratings per movie (log)" : "ratings per user (log)";
      legend_.range = countRange;
      for (size_t i = 0; i < rows && i < counts.size(); ++i) {
        colours_[i] = viridis(countRange.position(static_cast<double>(counts[i])));
      }
      break;
    case ColourMode::Feature: {
      const ItemFeatures& features = dataset_->features;
      std::vector<float> values(rows);
      for (size_t i = 0; i < rows; ++i) values[i] = features.row(static_cast<int32_t>(i))[options.feature];
      legend_.title = features.names[static_cast<size_t>(options.feature)];
      legend_.range = rangeOf(std::span<const float>(values), false);
      for (size_t i = 0; i < rows; ++i) colours_[i] = viridis(legend_.range.position(values[i]));
      break;
    }
    case ColourMode::Genre: {
      std::vector<int> primary(rows, -1);
      for (size_t i = 0; i < rows && i < dataset_->movies.size(); ++i) primary[i] = lowestSetBit(dataset_->movies[i].genres);
      const int genres = static_cast<int>(dataset_->genreNames.size());
      const std::vector<int> named = topCategories(primary, genres, kNamedCategories);
      std::vector<int> slot(static_cast<size_t>(std::max(genres, 0)), -1);
      legend_.title = "primary genre";
      legend_.continuous = false;
      for (size_t k = 0; k < named.size(); ++k) {
        slot[static_cast<size_t>(named[k])] = static_cast<int>(k);
        legend_.entries.emplace_back(dataset_->genreNames[static_cast<size_t>(named[k])], categoryColour(static_cast<int>(k)));
      }
      legend_.entries.emplace_back("other or none", kOtherColour);
      for (size_t i = 0; i < rows; ++i) {
        if (primary[i] >= 0 && slot[static_cast<size_t>(primary[i])] >= 0) {
          colours_[i] = categoryColour(slot[static_cast<size_t>(primary[i])]);
        }
      }
      break;
    }
    case ColourMode::Cluster:
      if (movies) {
        // Movies take the predicted rating of the picked cluster's centroid.
        const ClusterAnalysis& c = *clusters_;
        const size_t items = static_cast<size_t>(dataset_->ratings.itemCount);
        if (c.itemScores.size() < (static_cast<size_t>(selectedCluster_) + 1) * items || rows != items) {
          legend_.title = "no predictions for this cluster";
          break;
        }
        const std::span<const float> scores(c.itemScores.data() + static_cast<size_t>(selectedCluster_) * items, items);
        legend_.title = "predicted rating, cluster " + std::to_string(selectedCluster_ + 1);
        legend_.range = rangeOf(scores, false);
        for (size_t i = 0; i < rows; ++i) colours_[i] = viridis(legend_.range.position(scores[i]));
      } else {
        const KMeansResult& k = clusters_->kmeans;
        const std::vector<int> named = topCategories(k.assignment, k.clusters, kNamedCategories);
        std::vector<int> slot(static_cast<size_t>(k.clusters), -1);
        legend_.title = "k-means cluster (largest)";
        legend_.continuous = false;
        for (size_t s = 0; s < named.size(); ++s) {
          slot[static_cast<size_t>(named[s])] = static_cast<int>(s);
          legend_.entries.emplace_back("cluster " + std::to_string(named[s] + 1), categoryColour(static_cast<int>(s)));
        }
        legend_.entries.emplace_back("smaller clusters", kOtherColour);
        for (size_t i = 0; i < rows; ++i) {
          const int s = slot[static_cast<size_t>(k.assignment[i])];
          if (s >= 0) colours_[i] = categoryColour(s);
        }
      }
      break;
  }
  if (count > rows) colours_[rows] = packColour(255, 255, 255);
}

void ExploreState::rebuildHighlights() {
  highlightsDirty_ = false;
  sceneChanged_ = true;
  std::vector<int32_t> indices;
  std::vector<HighlightKind> kinds;
  if (options.points == PointSet::Movies) {
    if (clusters_ && clusters_->profiles && selectedCluster_ >= 0 &&
        static_cast<size_t>(selectedCluster_) < clusters_->profiles->clusters.size()) {
      const ClusterProfile& profile = clusters_->profiles->clusters[static_cast<size_t>(selectedCluster_)];
      for (const MovieScore& m : profile.top) indices.push_back(m.item), kinds.push_back(HighlightKind::Related);
      for (const MovieScore& m : profile.bottom) indices.push_back(m.item), kinds.push_back(HighlightKind::Related);
    }
    for (const Neighbour& n : neighbours()) indices.push_back(n.item), kinds.push_back(HighlightKind::Related);
    if (selectedMovie_ >= 0) indices.push_back(selectedMovie_), kinds.push_back(HighlightKind::Selected);
  } else if (const PcaResult* pca = pcaOf(projection_.get(), PointSet::Users);
             pca && positions_.size() / 3 > static_cast<size_t>(pca->rows)) {
    indices.push_back(pca->rows);
    kinds.push_back(HighlightKind::Selected);
  }
  renderer_->setHighlights(indices, kinds);
}

void ExploreState::requestScene(const ProjectionCamera& camera, CameraViewport viewport, float contentScale) {
  const bool geometryChanged = builtProjection_ != projection_.get() || options.points != builtOptions_.points ||
                               options.threeD != builtOptions_.threeD ||
                               !std::equal(options.axes, options.axes + 3, builtOptions_.axes) ||
                               (options.points == PointSet::Users && builtFoldIn_ != foldIn_.get());
  if (geometryChanged) {
    rebuildGeometry();
  } else if (options.colour != builtOptions_.colour || options.feature != builtOptions_.feature ||
             builtClusters_ != clusters_.get() ||
             (options.colour == ColourMode::Cluster && options.points == PointSet::Movies)) {
    // The movie "cluster" colouring follows the picked cluster: cheap to redo, uploaded only on change.
    const std::vector<uint32_t> before = colours_;
    builtOptions_ = options;
    rebuildColours();
    if (colours_ != before) {
      renderer_->setColours(colours_);
      sceneChanged_ = true;
    }
  }
  PointStyle style;
  style.pointScale = contentScale * pointSize;
  style.alpha = positions_.size() / 3 > 20000 ? 0.55f : 0.8f;  // dense clouds read better lighter
  const Mat4 before = sceneCamera_.viewProjection(sceneViewport_);
  if (camera.viewProjection(viewport) != before || viewport.width != sceneViewport_.width ||
      viewport.height != sceneViewport_.height || style.pointScale != sceneStyle_.pointScale ||
      style.alpha != sceneStyle_.alpha) {
    sceneChanged_ = true;
  }
  sceneCamera_ = camera;
  sceneViewport_ = viewport;
  sceneStyle_ = style;
  sceneWanted_ = true;
}

void ExploreState::drawScene() {
  if (!sceneWanted_) return;  // the panel is hidden or collapsed: keep the last picture
  sceneWanted_ = false;
  if (measureFrames) {
    // Whole frames (UI, scene, ImGui, swap) from one scene draw to the next.
    const auto now = std::chrono::steady_clock::now();
    if (lastDraw_ != std::chrono::steady_clock::time_point{}) {
      measuredMs_ += std::chrono::duration<double, std::milli>(now - lastDraw_).count();
      ++measuredFrames_;
    }
    lastDraw_ = now;
  }
  if (highlightsDirty_) rebuildHighlights();
  if (!sceneChanged_) return;  // nothing moved: the texture still holds this picture
  sceneChanged_ = false;
  renderer_->draw(sceneCamera_, sceneViewport_, sceneStyle_);
}

int32_t ExploreState::pick(const ProjectionCamera& camera, CameraViewport viewport, float x, float y, float radius) {
  const Mat4 matrix = camera.viewProjection(viewport);
  if (matrix != pickMatrix_ || screenPoints_.size() != positions_.size() / 3) {
    pickMatrix_ = matrix;
    projectAll(matrix, positions_, viewport, screenPoints_);
  }
  return pickNearest(screenPoints_, x, y, radius);
}

ScreenPoint ExploreState::screenPositionOf(int32_t point, const ProjectionCamera& camera, CameraViewport viewport) const {
  if (point < 0 || static_cast<size_t>(point) * 3 + 2 >= positions_.size()) return {};
  const auto p = static_cast<size_t>(point) * 3;
  return projectToScreen(camera.viewProjection(viewport), {positions_[p], positions_[p + 1], positions_[p + 2]},
                         viewport);
}

std::vector<std::string> ExploreState::describePoint(int32_t point) const {
  std::vector<std::string> lines;
  if (point < 0 || !dataset_ || static_cast<size_t>(point) >= positions_.size() / 3) return lines;
  const auto i = static_cast<size_t>(point);
  char text[160];
  if (builtOptions_.points == PointSet::Movies && i < dataset_->movies.size()) {
    const Movie& movie = dataset_->movies[i];
    lines.push_back(movie.year > 0 ? movie.title + " (" + std::to_string(movie.year) + ")" : movie.title);
    if (facts_) {
      std::snprintf(text, sizeof text, "%lld ratings · mean %.2f", static_cast<long long>(facts_->itemRatings[i]),
                    static_cast<double>(facts_->itemMeanRating[i]));
      lines.emplace_back(text);
    }
    if (const std::string genres = genreList(*dataset_, movie.genres); !genres.empty()) lines.push_back(genres);
    return lines;
  }
  if (i >= static_cast<size_t>(dataset_->ratings.userCount)) {
    lines.push_back("The folded-in user");
    lines.push_back(std::to_string(foldInRatings.size()) + " ratings given in the Fold-in panel");
    return lines;
  }
  lines.push_back("User " + (i < dataset_->userIds.size() ? dataset_->userIds[i] : std::to_string(i)));
  if (facts_) lines.push_back(std::to_string(facts_->userRatings[i]) + " ratings");
  if (clusters_ && i < clusters_->kmeans.assignment.size()) {
    lines.push_back("cluster " + std::to_string(clusters_->kmeans.assignment[i] + 1));
  }
  return lines;
}

void ExploreState::clickPoint(int32_t point) {
  if (point < 0) return;
  if (builtOptions_.points == PointSet::Movies) {
    selectMovie(point);
  } else if (clusters_ && static_cast<size_t>(point) < clusters_->kmeans.assignment.size()) {
    selectCluster(clusters_->kmeans.assignment[static_cast<size_t>(point)]);
  }
}

std::string ExploreState::axisLabel(int32_t component) const {
  const PcaResult* pca = pcaOf(projection_.get(), options.points);
  char text[48];
  if (!pca || component >= pca->components) {
    std::snprintf(text, sizeof text, "PC%d", component + 1);
  } else {
    std::snprintf(text, sizeof text, "PC%d (%.1f %%)", component + 1,
                  100.0 * pca->explainedRatio[static_cast<size_t>(component)]);
  }
  return text;
}

}  // namespace ll::gui
