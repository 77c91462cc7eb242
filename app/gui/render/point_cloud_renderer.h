#pragma once
// The renderer seam of the projection view: what the point cloud needs from a graphics backend,
// and nothing more. The GL implementation (gl_point_cloud_renderer.h) draws into an offscreen
// texture that the panel shows with ImGui::Image; the null one only counts, for tests and for
// running without GL.
//
// Data shapes: positions n × 3 floats (normalised data units), colours n packed RGBA8
// (palettes.h), sizes n diameters in pixels at scale 1. Uploads happen in draw(), once per
// change (dirty flags), never per frame.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "app/gui/render/projection_camera.h"

namespace ll::gui {

/// How a highlighted point is ringed.
enum class HighlightKind : uint8_t { Related = 1, Selected = 2 };

struct PointStyle {
  float pointScale = 1.0f;  ///< multiplies every size (content scale × the size slider)
  float alpha = 0.8f;       ///< opacity of points that are not highlighted
  float background[4] = {0.09f, 0.10f, 0.11f, 1.0f};
};

class PointCloudRenderer {
 public:
  virtual ~PointCloudRenderer() = default;
  /// Replaces the cloud; positions.size() == 3 × colours.size() == 3 × sizes.size().
  virtual void setPoints(std::span<const float> positions, std::span<const uint32_t> colours,
                         std::span<const float> sizes) = 0;
  /// Only the colours (a new colouring of the same projection).
  virtual void setColours(std::span<const uint32_t> colours) = 0;
  /// Points to ring, drawn last so they sit on top; indices outside the cloud are ignored.
  virtual void setHighlights(std::span<const int32_t> indices, std::span<const HighlightKind> kinds) = 0;
  /// Draws the cloud into the target of this viewport size (pixels) now; a draw in steps under
  /// way or waiting is dropped.
  virtual void draw(const ProjectionCamera& camera, CameraViewport viewport, const PointStyle& style) = 0;
  /// Draws the cloud over the coming frames, a bounded number of points per call of this or of
  /// continueDrawing() (stepped_draw.h says why); texture() keeps the last whole picture until the
  /// new one is whole. Asked while a draw is under way, the new one waits until that one is whole,
  /// and a newer request replaces a waiting one. The cloud drawn is the one set when a draw starts.
  virtual void drawInSteps(const ProjectionCamera& camera, CameraViewport viewport, const PointStyle& style) = 0;
  /// One more step of the draw under way or waiting, if any: once per frame in which nothing asked
  /// for a new draw.
  virtual void continueDrawing() = 0;
  /// The texture holding the last whole picture (an ImTextureID for ImGui::Image), 0 before the first.
  virtual uint64_t texture() const = 0;
  /// Why drawing is impossible (shaders that did not build), or empty.
  virtual const std::string& error() const = 0;
};

/// Counts calls; draws nothing.
class NullPointCloudRenderer final : public PointCloudRenderer {
 public:
  void setPoints(std::span<const float> positions, std::span<const uint32_t> colours, std::span<const float> sizes) override {
    points = positions.size() / 3;
    lastPositions.assign(positions.begin(), positions.end());
    lastColours.assign(colours.begin(), colours.end());
    lastSizes.assign(sizes.begin(), sizes.end());
    ++uploads;
  }
  void setColours(std::span<const uint32_t> colours) override {
    lastColours.assign(colours.begin(), colours.end());
    ++uploads;
  }
  void setHighlights(std::span<const int32_t> indices, std::span<const HighlightKind>) override {
    highlights = indices.size();
  }
  void draw(const ProjectionCamera&, CameraViewport, const PointStyle&) override { ++draws; }
  void drawInSteps(const ProjectionCamera&, CameraViewport, const PointStyle&) override { ++steppedDraws; }
  void continueDrawing() override { ++continued; }
  uint64_t texture() const override { return 0; }
  const std::string& error() const override { return error_; }

  size_t points = 0;
  std::vector<float> lastPositions;  ///< what the last upload held
  std::vector<uint32_t> lastColours;
  std::vector<float> lastSizes;
  size_t highlights = 0;
  int uploads = 0;
  int draws = 0;
  int steppedDraws = 0;
  int continued = 0;

 private:
  std::string error_;
};

/// The OpenGL 3.3 core implementation; needs a current context on the calling (UI) thread.
std::unique_ptr<PointCloudRenderer> makeGlPointCloudRenderer();

}  // namespace ll::gui
