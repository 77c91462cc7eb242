#include "app/gui/state/projection_scene.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/gui/widgets/movie_text.h"

namespace ll::gui {
namespace {

constexpr int kNamedCategories = 11;  // the rest share the "other" colour

const PcaResult* pcaOf(const ProjectionResult* projection, PointSet points) {
  if (!projection) return nullptr;
  const PcaResult& pca = points == PointSet::Movies ? projection->movies : projection->users;
  return pca.rows > 0 && pca.components > 0 ? &pca : nullptr;
}

}  // namespace

void ProjectionScene::setRenderer(std::unique_ptr<PointCloudRenderer> renderer) {
  renderer_ = std::move(renderer);
  sceneChanged_ = immediate_ = true;
  builtProjection_ = nullptr;  // the new renderer holds no points yet
}

void ProjectionScene::rebuildGeometry(const SceneInputs& in, bool keepColours) {
  builtOptions_ = in.options;
  builtProjection_ = in.projection;
  builtFoldIn_ = in.foldIn;
  builtLayout_ = in.layout;
  positions_.clear();
  screenPoints_.clear();  // new positions: the next pick projects them again
  if (!keepColours) sizes_.clear();
  const PcaResult* pca = pcaOf(in.projection, in.options.points);
  if (!pca) {
    renderer_->setPoints({}, {}, {});
    return;
  }
  int32_t axes[3];
  for (int a = 0; a < 3; ++a) axes[a] = std::clamp(in.options.axes[a], 0, pca->components - 1);
  const auto rows = static_cast<size_t>(pca->rows);
  // A layout (UMAP) replaces the components: its own coordinates, z only when it has three.
  const LayoutFrame* layout = in.layout && in.layout->rows == pca->rows && in.options.points == PointSet::Movies ? in.layout : nullptr;
  const int32_t layoutDims = layout ? layout->components : 0;
  const auto coordinate = [&](size_t r, int a) {
    if (layout) return a < layoutDims ? layout->coordinates[r * static_cast<size_t>(layoutDims) + static_cast<size_t>(a)] : 0.0f;
    return pca->coordinate(static_cast<int32_t>(r), axes[a]);
  };
  // One scale for every axis keeps the cloud's true shape. It maps the 99th percentile of the
  // points' largest coordinate to 1, so the bulk fills the view and a few outliers cannot shrink it.
  // A layout brings its own scale (one for all its epochs, so the forming picture does not zoom).
  const auto reach = [&] {
    std::vector<float> extent(rows);
    for (size_t r = 0; r < rows; ++r) {
      float e = 0.0f;
      for (int a = 0; a < (in.options.threeD ? 3 : 2); ++a) e = std::max(e, std::fabs(coordinate(r, a)));
      extent[r] = e;
    }
    if (rows == 0) return 0.0f;
    const auto at = extent.begin() + static_cast<std::ptrdiff_t>(std::min(rows - 1, rows * 99 / 100));
    std::nth_element(extent.begin(), at, extent.end());
    return *at;
  };
  float scale = layout && layout->scale > 0.0f ? layout->scale : 0.0f;
  if (scale == 0.0f) {
    const float r = reach();
    scale = r > 0.0f ? 1.0f / r : 1.0f;
  }
  builtScale_ = scale;
  positions_.reserve(3 * (rows + 1));
  for (size_t r = 0; r < rows; ++r) {
    positions_.push_back(coordinate(r, 0) * scale);
    positions_.push_back(coordinate(r, 1) * scale);
    positions_.push_back(in.options.threeD ? coordinate(r, 2) * scale : 0.0f);
  }
  // The folded-in user joins the user cloud: its vector projected on the same axes.
  if (in.options.points == PointSet::Users && in.foldIn && in.foldIn->user.size() == static_cast<size_t>(pca->dimension)) {
    for (int a = 0; a < 3; ++a) {
      double sum = 0.0;
      for (int32_t d = 0; d < pca->dimension; ++d) {
        sum += (in.foldIn->user[static_cast<size_t>(d)] - pca->mean[static_cast<size_t>(d)]) *
               pca->axes[static_cast<size_t>(axes[a]) * pca->dimension + d];
      }
      positions_.push_back(a < 2 || in.options.threeD ? static_cast<float>(sum) * scale : 0.0f);
    }
  }
  // A forming layout's next epoch moves the points and changes nothing else: its colours, sizes
  // and legend stay (rebuilding them sorts every point by its ratings, milliseconds a frame).
  if (!keepColours) rebuildColours(in);
  renderer_->setPoints(positions_, colours_, sizes_);
  highlightsDirty_ = true;
  sceneChanged_ = true;
}

void ProjectionScene::rebuildColours(const SceneInputs& in) {
  builtClusters_ = in.clusters;
  const size_t count = positions_.size() / 3;
  const bool movies = in.options.points == PointSet::Movies;
  const PcaResult* pca = pcaOf(in.projection, in.options.points);
  const size_t rows = pca ? static_cast<size_t>(pca->rows) : 0;
  colours_.assign(count, kOtherColour);
  sizes_.assign(count, 3.0f);
  legend_ = Legend();
  if (count == 0 || !in.facts) return;
  const std::vector<int64_t>& counts = movies ? in.facts->itemRatings : in.facts->userRatings;
  const LegendRange countRange = rangeOf(std::span<const int64_t>(counts), true);
  for (size_t i = 0; i < rows && i < counts.size(); ++i) {
    sizes_[i] = movies ? 2.5f + 5.5f * countRange.position(static_cast<double>(counts[i]))
                       : 2.0f + 3.0f * countRange.position(static_cast<double>(counts[i]));
  }
  if (count > rows) sizes_[rows] = 9.0f;  // the folded-in user
  byRatings_.resize(std::min(rows, counts.size()));
  for (size_t i = 0; i < byRatings_.size(); ++i) byRatings_[i] = static_cast<int32_t>(i);
  std::stable_sort(byRatings_.begin(), byRatings_.end(),
                   [&](int32_t a, int32_t b) { return counts[static_cast<size_t>(a)] > counts[static_cast<size_t>(b)]; });

  ColourMode mode = in.options.colour;
  const bool clustersFit = in.clusters && in.clusters->kmeans.rows == static_cast<int32_t>(rows);
  if (movies && mode == ColourMode::Cluster && (!in.clusters || in.clusters->profiles == std::nullopt ||
                                                in.selectedCluster < 0)) {
    mode = ColourMode::Popularity;
  }
  if (!movies && (mode == ColourMode::Genre || mode == ColourMode::Feature || mode == ColourMode::Trust)) mode = ColourMode::Popularity;
  if (!movies && mode == ColourMode::Cluster && !clustersFit) mode = ColourMode::Popularity;
  if (mode == ColourMode::Feature &&
      (in.options.feature < 0 || in.options.feature >= in.dataset->features.count || in.dataset->features.items != static_cast<int32_t>(rows))) {
    mode = ColourMode::Popularity;
  }

  builtTrust_ = in.trust;
  switch (mode) {
    case ColourMode::Trust: {
      if (!in.trust || in.trust->agreement.perPoint.size() != rows) {
        legend_.title = "trust: computing…";
        break;
      }
      const KnnAgreement& a = in.trust->agreement;
      char title[96];
      std::snprintf(title, sizeof title, "neighbours kept (k=%d, mean %.2f)", a.neighbours, a.mean);
      legend_.title = title;
      legend_.range = {0.0, 1.0, false};
      for (size_t i = 0; i < rows; ++i) colours_[i] = viridis(a.perPoint[i]);
      break;
    }
    case ColourMode::Popularity:
      legend_.title = movies ? "ratings per movie (log)" : "ratings per user (log)";
      legend_.range = countRange;
      for (size_t i = 0; i < rows && i < counts.size(); ++i) {
        colours_[i] = viridis(countRange.position(static_cast<double>(counts[i])));
      }
      break;
    case ColourMode::Feature: {
      const ItemFeatures& features = in.dataset->features;
      std::vector<float> values(rows);
      for (size_t i = 0; i < rows; ++i) values[i] = features.row(static_cast<int32_t>(i))[in.options.feature];
      legend_.title = features.names[static_cast<size_t>(in.options.feature)];
      legend_.range = rangeOf(std::span<const float>(values), false);
      for (size_t i = 0; i < rows; ++i) colours_[i] = viridis(legend_.range.position(values[i]));
      break;
    }
    case ColourMode::Genre: {
      std::vector<int> primary(rows, -1);
      for (size_t i = 0; i < rows && i < in.dataset->movies.size(); ++i) primary[i] = lowestSetBit(in.dataset->movies[i].genres);
      const int genres = static_cast<int>(in.dataset->genreNames.size());
      const std::vector<int> named = topCategories(primary, genres, kNamedCategories);
      std::vector<int> slot(static_cast<size_t>(std::max(genres, 0)), -1);
      legend_.title = "primary genre";
      legend_.continuous = false;
      for (size_t k = 0; k < named.size(); ++k) {
        slot[static_cast<size_t>(named[k])] = static_cast<int>(k);
        legend_.entries.emplace_back(in.dataset->genreNames[static_cast<size_t>(named[k])], categoryColour(static_cast<int>(k)));
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
        const ClusterAnalysis& c = *in.clusters;
        const size_t items = static_cast<size_t>(in.dataset->ratings.itemCount);
        if (c.itemScores.size() < (static_cast<size_t>(in.selectedCluster) + 1) * items || rows != items) {
          legend_.title = "no predictions for this cluster";
          break;
        }
        const std::span<const float> scores(c.itemScores.data() + static_cast<size_t>(in.selectedCluster) * items, items);
        legend_.title = "predicted rating, cluster " + std::to_string(in.selectedCluster + 1);
        legend_.range = rangeOf(scores, false);
        for (size_t i = 0; i < rows; ++i) colours_[i] = viridis(legend_.range.position(scores[i]));
      } else {
        const KMeansResult& k = in.clusters->kmeans;
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
  baseColours_ = colours_;
  applyIsolation(in);
}

void ProjectionScene::applyIsolation(const SceneInputs& in) {
  builtIsolate_ = in.selection && in.selection->isolate;
  builtSelection_ = in.selection ? in.selection->version() : 0;
  colours_ = baseColours_;
  if (!builtIsolate_ || in.selection->empty() || in.options.points != PointSet::Movies) return;
  std::vector<uint8_t> member(colours_.size(), 0);
  for (const int32_t item : in.selection->items()) {
    if (static_cast<size_t>(item) < member.size()) member[static_cast<size_t>(item)] = 1;
  }
  const PackedColour grey = packColour(70, 72, 78);
  for (size_t i = 0; i < colours_.size(); ++i) {
    if (!member[i]) colours_[i] = grey;
  }
}

std::vector<int32_t> ProjectionScene::pointsColoured(PackedColour colour) const {
  std::vector<int32_t> points;
  for (size_t i = 0; i < baseColours_.size(); ++i) {
    if (baseColours_[i] == colour) points.push_back(static_cast<int32_t>(i));
  }
  return points;
}

void ProjectionScene::rebuildHighlights(const SceneInputs& in) {
  highlightsDirty_ = false;
  sceneChanged_ = true;
  std::vector<int32_t> indices;
  std::vector<HighlightKind> kinds;
  if (in.options.points == PointSet::Movies) {
    if (in.clusters && in.clusters->profiles && in.selectedCluster >= 0 &&
        static_cast<size_t>(in.selectedCluster) < in.clusters->profiles->clusters.size()) {
      const ClusterProfile& profile = in.clusters->profiles->clusters[static_cast<size_t>(in.selectedCluster)];
      for (const MovieScore& m : profile.top) indices.push_back(m.item), kinds.push_back(HighlightKind::Related);
      for (const MovieScore& m : profile.bottom) indices.push_back(m.item), kinds.push_back(HighlightKind::Related);
    }
    for (const Neighbour& n : *in.neighbours) indices.push_back(n.item), kinds.push_back(HighlightKind::Related);
    // The selection is ringed unless isolate already sets it apart (a ring on every film would hide nothing).
    if (in.selection && !in.selection->isolate) {
      for (const int32_t item : in.selection->items()) indices.push_back(item), kinds.push_back(HighlightKind::Related);
    }
    if (in.selectedMovie >= 0) indices.push_back(in.selectedMovie), kinds.push_back(HighlightKind::Selected);
  } else if (const PcaResult* pca = pcaOf(in.projection, PointSet::Users);
             pca && positions_.size() / 3 > static_cast<size_t>(pca->rows)) {
    indices.push_back(pca->rows);
    kinds.push_back(HighlightKind::Selected);
  }
  renderer_->setHighlights(indices, kinds);
}

void ProjectionScene::request(const SceneInputs& in, const ProjectionCamera& camera, CameraViewport viewport,
                              float contentScale) {
  const bool geometryChanged = builtProjection_ != in.projection || in.options.points != builtOptions_.points || builtLayout_ != in.layout ||
                               in.options.threeD != builtOptions_.threeD ||
                               !std::equal(in.options.axes, in.options.axes + 3, builtOptions_.axes) ||
                               (in.options.points == PointSet::Users && builtFoldIn_ != in.foldIn);
  const bool selectionChanged = in.selection && (in.selection->version() != builtSelection_ || in.selection->isolate != builtIsolate_);
  // A forming layout's next frame, and nothing else new: the one change that may be drawn in steps.
  const bool layoutFormed = in.layout && !in.layout->finished && builtLayout_ && builtLayout_ != in.layout &&
                            builtProjection_ == in.projection && in.options.points == builtOptions_.points &&
                            in.options.threeD == builtOptions_.threeD && in.options.colour == builtOptions_.colour &&
                            in.options.feature == builtOptions_.feature && builtClusters_ == in.clusters &&
                            builtTrust_ == in.trust && !selectionChanged;
  if (selectionChanged) highlightsDirty_ = true;
  if (geometryChanged && !layoutFormed) immediate_ = true;
  if (geometryChanged) {
    rebuildGeometry(in, layoutFormed && colours_.size() == static_cast<size_t>(in.layout->rows));
  } else if (selectionChanged) {
    applyIsolation(in);
    renderer_->setColours(colours_);
    sceneChanged_ = immediate_ = true;
  } else if (in.options.colour != builtOptions_.colour || in.options.feature != builtOptions_.feature ||
             builtClusters_ != in.clusters || builtTrust_ != in.trust ||
             (in.options.colour == ColourMode::Cluster && in.options.points == PointSet::Movies)) {
    // The movie "cluster" colouring follows the picked cluster: cheap to redo, uploaded only on change.
    const std::vector<uint32_t> before = colours_;
    builtOptions_ = in.options;
    rebuildColours(in);
    if (colours_ != before) {
      renderer_->setColours(colours_);
      sceneChanged_ = immediate_ = true;
    }
  }
  PointStyle style;
  style.pointScale = contentScale * in.pointSize;
  style.alpha = positions_.size() / 3 > 20000 ? 0.55f : 0.8f;  // dense clouds read better lighter
  const Mat4 before = sceneCamera_.viewProjection(sceneViewport_);
  if (camera.viewProjection(viewport) != before || viewport.width != sceneViewport_.width ||
      viewport.height != sceneViewport_.height || style.pointScale != sceneStyle_.pointScale ||
      style.alpha != sceneStyle_.alpha) {
    sceneChanged_ = immediate_ = true;
  }
  sceneCamera_ = camera;
  sceneViewport_ = viewport;
  sceneStyle_ = style;
  sceneWanted_ = true;
}

void ProjectionScene::draw(const SceneInputs& in, bool measureFrames) {
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
  if (highlightsDirty_) rebuildHighlights(in);
  if (!sceneChanged_) {  // nothing new: the texture holds this picture, or will once a draw in steps is whole
    renderer_->continueDrawing();
    return;
  }
  sceneChanged_ = false;
  if (immediate_) {
    renderer_->draw(sceneCamera_, sceneViewport_, sceneStyle_);
  } else {
    renderer_->drawInSteps(sceneCamera_, sceneViewport_, sceneStyle_);
  }
  immediate_ = false;
}

const std::vector<ScreenPoint>& ProjectionScene::screenPoints(const ProjectionCamera& camera, CameraViewport viewport) {
  const Mat4 matrix = camera.viewProjection(viewport);
  if (matrix != pickMatrix_ || screenPoints_.size() != positions_.size() / 3 || viewport.width != pickViewport_.width ||
      viewport.height != pickViewport_.height) {
    pickMatrix_ = matrix;
    pickViewport_ = viewport;
    projectAll(matrix, positions_, viewport, screenPoints_);
  }
  return screenPoints_;
}

int32_t ProjectionScene::pick(const ProjectionCamera& camera, CameraViewport viewport, float x, float y, float radius) {
  return pickNearest(screenPoints(camera, viewport), x, y, radius);
}

ScreenPoint ProjectionScene::screenPositionOf(int32_t point, const ProjectionCamera& camera, CameraViewport viewport) const {
  if (point < 0 || static_cast<size_t>(point) * 3 + 2 >= positions_.size()) return {};
  const auto p = static_cast<size_t>(point) * 3;
  return projectToScreen(camera.viewProjection(viewport), {positions_[p], positions_[p + 1], positions_[p + 2]},
                         viewport);
}

std::vector<std::string> ProjectionScene::describePoint(const SceneInputs& in, int32_t point) const {
  std::vector<std::string> lines;
  if (point < 0 || !in.dataset || static_cast<size_t>(point) >= positions_.size() / 3) return lines;
  const auto i = static_cast<size_t>(point);
  char text[160];
  if (builtOptions_.points == PointSet::Movies && i < in.dataset->movies.size()) {
    const Movie& movie = in.dataset->movies[i];
    lines.push_back(titleWithYear(movie));
    if (in.facts) {
      std::snprintf(text, sizeof text, "%lld ratings · mean %.2f", static_cast<long long>(in.facts->itemRatings[i]),
                    static_cast<double>(in.facts->itemMeanRating[i]));
      lines.emplace_back(text);
    }
    if (const std::string genres = genreNames(*in.dataset, movie.genres); !genres.empty()) lines.push_back(genres);
    return lines;
  }
  if (i >= static_cast<size_t>(in.dataset->ratings.userCount)) {
    lines.push_back("The folded-in user");
    lines.push_back(std::to_string(in.foldInRatings) + " ratings given in the Fold-in panel");
    return lines;
  }
  lines.push_back("User " + (i < in.dataset->userIds.size() ? in.dataset->userIds[i] : std::to_string(i)));
  if (in.facts) lines.push_back(std::to_string(in.facts->userRatings[i]) + " ratings");
  if (in.clusters && i < in.clusters->kmeans.assignment.size()) {
    lines.push_back("cluster " + std::to_string(in.clusters->kmeans.assignment[i] + 1));
  }
  return lines;
}

std::string ProjectionScene::axisLabel(const SceneInputs& in, int32_t component) {
  const PcaResult* pca = pcaOf(in.projection, in.options.points);
  char text[48];
  if (in.layout && static_cast<size_t>(component) < in.layout->axisLabels.size()) return in.layout->axisLabels[static_cast<size_t>(component)];
  if (in.layout) {
    std::snprintf(text, sizeof text, "%s%d", in.layout->axisName == "PC" ? "PC" : (in.layout->axisName + " ").c_str(), component + 1);
    return text;
  }
  if (!pca || component >= pca->components) {
    std::snprintf(text, sizeof text, "PC%d", component + 1);
  } else {
    std::snprintf(text, sizeof text, "PC%d (%.1f %%)", component + 1,
                  100.0 * pca->explainedRatio[static_cast<size_t>(component)]);
  }
  return text;
}

}  // namespace ll::gui
