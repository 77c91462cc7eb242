#pragma once
// The camera of the projection view, header-only and free of ImGui and GL so the unit tests can
// check it: a 2D orthographic camera (pan, zoom) and a 3D orbit camera (yaw, pitch, distance
// around a target, perspective). Matrices are column-major 4×4, as GLSL reads them.
//
// Point clouds are normalised before they reach the camera: the data fill roughly [−1, 1] on
// every axis, so one set of defaults frames any projection.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

namespace ll::gui {

using Mat4 = std::array<float, 16>;  // column-major: element (row r, column c) at [c * 4 + r]

struct Vec3 {
  float x = 0.0f, y = 0.0f, z = 0.0f;
};

inline Mat4 identityMatrix() { return {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1}; }

inline Mat4 multiply(const Mat4& a, const Mat4& b) {
  Mat4 out{};
  for (int c = 0; c < 4; ++c) {
    for (int r = 0; r < 4; ++r) {
      float sum = 0.0f;
      for (int k = 0; k < 4; ++k) sum += a[k * 4 + r] * b[c * 4 + k];
      out[c * 4 + r] = sum;
    }
  }
  return out;
}

/// Where a point lands on screen: pixels from the viewport's top-left corner.
struct ScreenPoint {
  float x = 0.0f;
  float y = 0.0f;
  bool visible = false;  ///< in front of the camera (3D); always true in 2D
};

struct CameraViewport {
  float width = 1.0f;  ///< pixels
  float height = 1.0f;
  float aspect() const { return height > 0.0f ? width / height : 1.0f; }
};

inline ScreenPoint projectToScreen(const Mat4& m, Vec3 p, CameraViewport viewport) {
  const float x = m[0] * p.x + m[4] * p.y + m[8] * p.z + m[12];
  const float y = m[1] * p.x + m[5] * p.y + m[9] * p.z + m[13];
  const float w = m[3] * p.x + m[7] * p.y + m[11] * p.z + m[15];
  if (w <= 1e-6f) return {};
  const float ndcX = x / w, ndcY = y / w;
  return {(ndcX * 0.5f + 0.5f) * viewport.width, (0.5f - ndcY * 0.5f) * viewport.height, true};
}

class ProjectionCamera {
 public:
  static constexpr float kMinZoom = 0.2f;
  static constexpr float kMaxZoom = 200.0f;
  static constexpr float kMaxPitch = 1.5f;  // just short of the poles, where yaw degenerates
  static constexpr float kFieldOfView = 0.7854f;  // 45°, vertical

  bool threeD() const { return threeD_; }
  void setThreeD(bool on) { threeD_ = on; }
  float zoom() const { return zoom_; }
  float yaw() const { return yaw_; }
  float pitch() const { return pitch_; }
  Vec3 target() const { return target_; }

  /// A framing saved before (a saved view), clamped to the limits.
  void restore(bool threeD, float zoom, float yaw, float pitch, Vec3 target) {
    threeD_ = threeD;
    zoom_ = std::clamp(zoom, kMinZoom, kMaxZoom);
    yaw_ = yaw;
    pitch_ = std::clamp(pitch, -kMaxPitch, kMaxPitch);
    target_ = target;
  }

  /// Back to the framing that shows the whole normalised cloud.
  void reset() {
    zoom_ = 1.0f;
    yaw_ = 0.6f;
    pitch_ = 0.35f;
    target_ = {};
  }
  /// Mouse drag in 3D: radians per pixel are chosen by the caller.
  void orbit(float dYaw, float dPitch) {
    yaw_ += dYaw;
    pitch_ = std::clamp(pitch_ + dPitch, -kMaxPitch, kMaxPitch);
  }
  /// factor > 1 zooms in. Clamped so the cloud can neither vanish nor swallow the view.
  void zoomBy(float factor) { zoom_ = std::clamp(zoom_ * factor, kMinZoom, kMaxZoom); }
  /// Drags the picture by (dx, dy) pixels: the point under the mouse stays under it (2D exactly,
  /// 3D at the target's depth).
  void pan(float dx, float dy, CameraViewport viewport) {
    const float unitsPerPixel = 2.0f * halfHeight() / std::max(viewport.height, 1.0f);
    if (!threeD_) {
      target_.x -= dx * unitsPerPixel;
      target_.y += dy * unitsPerPixel;
      return;
    }
    Vec3 right, up, forward;
    basis(right, up, forward);
    target_.x += (-dx * right.x + dy * up.x) * unitsPerPixel;
    target_.y += (-dx * right.y + dy * up.y) * unitsPerPixel;
    target_.z += (-dx * right.z + dy * up.z) * unitsPerPixel;
  }

  /// The clip-space transform for this viewport.
  Mat4 viewProjection(CameraViewport viewport) const {
    const float aspect = viewport.aspect();
    if (!threeD_) {
      const float h = halfHeight(), w = h * aspect;
      Mat4 m = identityMatrix();
      m[0] = 1.0f / w;
      m[5] = 1.0f / h;
      m[10] = -0.1f;  // every z maps inside the clip volume
      m[12] = -target_.x / w;
      m[13] = -target_.y / h;
      return m;
    }
    Vec3 right, up, forward;
    basis(right, up, forward);
    const float d = distance();
    const Vec3 eye{target_.x - forward.x * d, target_.y - forward.y * d, target_.z - forward.z * d};
    Mat4 view = identityMatrix();
    view[0] = right.x, view[4] = right.y, view[8] = right.z;
    view[1] = up.x, view[5] = up.y, view[9] = up.z;
    view[2] = -forward.x, view[6] = -forward.y, view[10] = -forward.z;
    view[12] = -(right.x * eye.x + right.y * eye.y + right.z * eye.z);
    view[13] = -(up.x * eye.x + up.y * eye.y + up.z * eye.z);
    view[14] = forward.x * eye.x + forward.y * eye.y + forward.z * eye.z;
    const float nearPlane = 0.01f, farPlane = d + 20.0f;
    const float f = 1.0f / std::tan(kFieldOfView * 0.5f);
    Mat4 projection{};
    projection[0] = f / aspect;
    projection[5] = f;
    projection[10] = (farPlane + nearPlane) / (nearPlane - farPlane);
    projection[11] = -1.0f;
    projection[14] = 2.0f * farPlane * nearPlane / (nearPlane - farPlane);
    return multiply(projection, view);
  }

 private:
  // 2D: half the visible height in data units; the normalised cloud fits at zoom 1 with a margin.
  float halfHeight() const {
    if (!threeD_) return 1.15f / zoom_;
    return distance() * std::tan(kFieldOfView * 0.5f);
  }
  float distance() const { return 3.6f / zoom_; }
  void basis(Vec3& right, Vec3& up, Vec3& forward) const {
    // forward: from the eye to the target; the eye orbits on a sphere, y up.
    forward = {-std::cos(pitch_) * std::sin(yaw_), -std::sin(pitch_), -std::cos(pitch_) * std::cos(yaw_)};
    right = {std::cos(yaw_), 0.0f, -std::sin(yaw_)};
    up = {right.y * forward.z - right.z * forward.y, right.z * forward.x - right.x * forward.z,
          right.x * forward.y - right.y * forward.x};
  }

  bool threeD_ = false;
  float zoom_ = 1.0f;
  float yaw_ = 0.6f;
  float pitch_ = 0.35f;
  Vec3 target_{};
};

/// Projects positions (n × 3, row-major) into out (n entries).
inline void projectAll(const Mat4& m, std::span<const float> positions, CameraViewport viewport,
                       std::vector<ScreenPoint>& out) {
  const size_t n = positions.size() / 3;
  out.resize(n);
  for (size_t i = 0; i < n; ++i) {
    out[i] = projectToScreen(m, {positions[3 * i], positions[3 * i + 1], positions[3 * i + 2]}, viewport);
  }
}

/// The point nearest to (x, y) within radius pixels, or −1. Ties go to the later point, which
/// is drawn on top.
inline int pickNearest(std::span<const ScreenPoint> points, float x, float y, float radius) {
  int best = -1;
  float bestSquared = radius * radius;
  for (size_t i = 0; i < points.size(); ++i) {
    if (!points[i].visible) continue;
    const float dx = points[i].x - x, dy = points[i].y - y;
    const float squared = dx * dx + dy * dy;
    if (squared <= bestSquared) {
      bestSquared = squared;
      best = static_cast<int>(i);
    }
  }
  return best;
}

}  // namespace ll::gui
