// The OpenGL implementation of the point-cloud seam: one VAO over four vertex buffers
// (positions, colours, sizes, highlight kind), drawn as GL_POINTS by shaders/points.* into an
// offscreen framebuffer whose texture the panel shows. The whole cloud is one glDrawArrays, or
// for a draw in steps one range of it per frame into a second framebuffer that is shown when
// whole; highlighted points are drawn once more through a small element buffer so their rings
// sit on top. Buffers are uploaded only when their host copy changed, as a picture starts.

#include <glad/gl.h>

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include "app/gui/render/embedded_shaders.h"
#include "app/gui/render/gl_program.h"
#include "app/gui/render/point_cloud_renderer.h"
#include "app/gui/render/stepped_draw.h"

namespace ll::gui {
namespace {

// Points per step of a draw in steps: ~5 ms under llvmpipe on 2 cores (60k points took ~55 ms);
// a 60k cloud is whole after ten frames. With a 60k UMAP forming beside a training run, frames
// had p99 35–37 ms at 6,000 and 39–43 ms at 12,000 (61–78 ms drawn whole).
constexpr size_t kPointsPerStep = 6000;

class GlPointCloudRenderer final : public PointCloudRenderer {
 public:
  GlPointCloudRenderer() {
    error_ = program_.build(pointsVertexShaderSource(), pointsFragmentShaderSource());
    if (!error_.empty()) return;
    uViewProjection_ = program_.uniform("u_viewProjection");
    uPointScale_ = program_.uniform("u_pointScale");
    uAlpha_ = program_.uniform("u_alpha");
    glGenVertexArrays(1, &vao_);
    glGenBuffers(static_cast<GLsizei>(buffers_.size()), buffers_.data());
    glGenBuffers(1, &elements_);
    glBindVertexArray(vao_);
    glBindBuffer(GL_ARRAY_BUFFER, buffers_[kPositions]);
    glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, 0, nullptr);
    glEnableVertexAttribArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, buffers_[kColours]);
    glVertexAttribPointer(1, 4, GL_UNSIGNED_BYTE, GL_TRUE, 0, nullptr);
    glEnableVertexAttribArray(1);
    glBindBuffer(GL_ARRAY_BUFFER, buffers_[kSizes]);
    glVertexAttribPointer(2, 1, GL_FLOAT, GL_FALSE, 0, nullptr);
    glEnableVertexAttribArray(2);
    glBindBuffer(GL_ARRAY_BUFFER, buffers_[kHighlights]);
    glVertexAttribPointer(3, 1, GL_FLOAT, GL_FALSE, 0, nullptr);
    glEnableVertexAttribArray(3);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, elements_);
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    warmUp();
  }

  ~GlPointCloudRenderer() override {
    if (vao_ != 0) glDeleteVertexArrays(1, &vao_);
    glDeleteBuffers(static_cast<GLsizei>(buffers_.size()), buffers_.data());
    if (elements_ != 0) glDeleteBuffers(1, &elements_);
    for (const Target& target : targets_) {
      if (target.framebuffer != 0) glDeleteFramebuffers(1, &target.framebuffer);
      if (target.texture != 0) glDeleteTextures(1, &target.texture);
    }
  }

  void setPoints(std::span<const float> positions, std::span<const uint32_t> colours,
                 std::span<const float> sizes) override {
    count_ = std::min({positions.size() / 3, colours.size(), sizes.size()});
    positions_.assign(positions.begin(), positions.begin() + static_cast<std::ptrdiff_t>(3 * count_));
    colours_.assign(colours.begin(), colours.begin() + static_cast<std::ptrdiff_t>(count_));
    sizes_.assign(sizes.begin(), sizes.begin() + static_cast<std::ptrdiff_t>(count_));
    highlightFlags_.assign(count_, 0.0f);
    applyHighlights();
    pointsDirty_ = coloursDirty_ = highlightsDirty_ = true;
  }

  void setColours(std::span<const uint32_t> colours) override {
    if (colours.size() != count_) return;
    colours_.assign(colours.begin(), colours.end());
    coloursDirty_ = true;
  }

  void setHighlights(std::span<const int32_t> indices, std::span<const HighlightKind> kinds) override {
    highlightIndices_.assign(indices.begin(), indices.end());
    highlightKinds_.assign(kinds.begin(), kinds.end());
    highlightKinds_.resize(highlightIndices_.size(), HighlightKind::Related);
    applyHighlights();
    highlightsDirty_ = true;
  }

  void draw(const ProjectionCamera& camera, CameraViewport viewport, const PointStyle& style) override {
    if (!error_.empty()) return;
    stepped_.cancel();
    const DrawRequest request{camera, viewport, style};
    upload();
    bindTarget(targets_[shown_], request, true);
    drawPoints(request, 0, uploadedPoints_, true);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
  }

  void drawInSteps(const ProjectionCamera& camera, CameraViewport viewport, const PointStyle& style) override {
    if (!error_.empty()) return;
    stepped_.request({camera, viewport, style});
    continueDrawing();
  }

  void continueDrawing() override {
    if (!error_.empty()) return;
    const std::optional<SteppedDraw::Step> step = stepped_.next(count_);
    if (!step) return;
    if (step->starts) upload();
    Target& hidden = targets_[1 - shown_];
    bindTarget(hidden, step->request, step->starts);
    drawPoints(step->request, step->first, step->count, step->finishes);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    if (step->finishes) shown_ = 1 - shown_;
  }

  uint64_t texture() const override { return targets_[shown_].texture; }

  // Drivers compile a draw's whole pipeline on its first use — llvmpipe took ~40 ms in the frame
  // the first projection arrived. One ringed point drawn while the app starts moves that cost
  // into startup.
  void warmUp() {
    const float position[3] = {0.0f, 0.0f, 0.0f};
    const uint32_t colour = 0xFFFFFFFFu;
    const float size = 1.0f;
    const int32_t index = 0;
    const HighlightKind kind = HighlightKind::Selected;
    setPoints(position, std::span<const uint32_t>(&colour, 1), std::span<const float>(&size, 1));
    setHighlights(std::span<const int32_t>(&index, 1), std::span<const HighlightKind>(&kind, 1));
    draw(ProjectionCamera{}, CameraViewport{}, PointStyle{});
    setHighlights({}, {});
    setPoints({}, {}, {});
  }
  const std::string& error() const override { return error_; }

 private:
  enum Buffer { kPositions, kColours, kSizes, kHighlights, kBufferCount };

  // An offscreen framebuffer and the texture it draws into.
  struct Target {
    GLuint framebuffer = 0;
    GLuint texture = 0;
    int width = 0, height = 0;
  };

  void applyHighlights() {
    std::fill(highlightFlags_.begin(), highlightFlags_.end(), 0.0f);
    elementList_.clear();
    // Related first, the selection last, so the selection's ring is the topmost.
    for (HighlightKind pass : {HighlightKind::Related, HighlightKind::Selected}) {
      for (size_t k = 0; k < highlightIndices_.size(); ++k) {
        const int32_t index = highlightIndices_[k];
        if (index < 0 || static_cast<size_t>(index) >= count_ || highlightKinds_[k] != pass) continue;
        highlightFlags_[static_cast<size_t>(index)] = static_cast<float>(pass);
        elementList_.push_back(static_cast<uint32_t>(index));
      }
    }
  }

  void upload() {
    auto send = [](GLuint buffer, const void* data, size_t bytes) {
      glBindBuffer(GL_ARRAY_BUFFER, buffer);
      glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(bytes), data, GL_STATIC_DRAW);
    };
    if (pointsDirty_) {
      send(buffers_[kPositions], positions_.data(), positions_.size() * sizeof(float));
      send(buffers_[kSizes], sizes_.data(), sizes_.size() * sizeof(float));
    }
    if (coloursDirty_) send(buffers_[kColours], colours_.data(), colours_.size() * sizeof(uint32_t));
    if (highlightsDirty_) {
      send(buffers_[kHighlights], highlightFlags_.data(), highlightFlags_.size() * sizeof(float));
      glBindVertexArray(vao_);  // the element binding is VAO state
      glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(elementList_.size() * sizeof(uint32_t)),
                   elementList_.data(), GL_DYNAMIC_DRAW);
      glBindVertexArray(0);
    }
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    pointsDirty_ = coloursDirty_ = highlightsDirty_ = false;
    uploadedPoints_ = count_;
    uploadedElements_ = elementList_.size();
  }

  // Binds target as the framebuffer, (re)allocated to the request's viewport size, and clears it
  // when a picture starts.
  void bindTarget(Target& target, const DrawRequest& request, bool clear) {
    const int width = std::max(1, static_cast<int>(request.viewport.width));
    const int height = std::max(1, static_cast<int>(request.viewport.height));
    if (target.framebuffer == 0 || width != target.width || height != target.height) allocate(target, width, height);
    glBindFramebuffer(GL_FRAMEBUFFER, target.framebuffer);
    glViewport(0, 0, target.width, target.height);
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    if (clear) {
      const PointStyle& style = request.style;
      glClearColor(style.background[0], style.background[1], style.background[2], style.background[3]);
      glClear(GL_COLOR_BUFFER_BIT);
    }
  }

  // Points [first, first + count) of the uploaded cloud, then (withHighlights) the ringed ones on top.
  void drawPoints(const DrawRequest& request, size_t first, size_t count, bool withHighlights) {
    if (count == 0 && (!withHighlights || uploadedElements_ == 0)) return;
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    // Colour blends over; alpha accumulates towards 1 so the texture stays opaque in ImGui.
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glEnable(GL_PROGRAM_POINT_SIZE);
    glUseProgram(program_.id());
    const Mat4 matrix = request.camera.viewProjection({request.viewport.width, request.viewport.height});
    glUniformMatrix4fv(uViewProjection_, 1, GL_FALSE, matrix.data());
    glUniform1f(uPointScale_, request.style.pointScale);
    glUniform1f(uAlpha_, request.style.alpha);
    glBindVertexArray(vao_);
    if (count > 0) glDrawArrays(GL_POINTS, static_cast<GLint>(first), static_cast<GLsizei>(count));
    if (withHighlights && uploadedElements_ > 0) {
      glDrawElements(GL_POINTS, static_cast<GLsizei>(uploadedElements_), GL_UNSIGNED_INT, nullptr);
    }
    glBindVertexArray(0);
    glUseProgram(0);
    glDisable(GL_PROGRAM_POINT_SIZE);
  }

  void allocate(Target& target, int width, int height) {
    if (target.texture == 0) glGenTextures(1, &target.texture);
    glBindTexture(GL_TEXTURE_2D, target.texture);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindTexture(GL_TEXTURE_2D, 0);
    if (target.framebuffer == 0) glGenFramebuffers(1, &target.framebuffer);
    glBindFramebuffer(GL_FRAMEBUFFER, target.framebuffer);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, target.texture, 0);
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
      error_ = "the offscreen framebuffer is incomplete";
    }
    target.width = width;
    target.height = height;
  }

  GlProgram program_;
  std::string error_;
  int uViewProjection_ = -1, uPointScale_ = -1, uAlpha_ = -1;
  GLuint vao_ = 0;
  std::array<GLuint, kBufferCount> buffers_{};
  GLuint elements_ = 0;
  std::array<Target, 2> targets_{};  // the picture shown (targets_[shown_]) and the one a draw in steps fills
  int shown_ = 0;
  SteppedDraw stepped_{kPointsPerStep};
  size_t uploadedPoints_ = 0;    // the cloud the vertex buffers hold
  size_t uploadedElements_ = 0;  // the highlighted points the element buffer holds

  size_t count_ = 0;
  std::vector<float> positions_;
  std::vector<uint32_t> colours_;
  std::vector<float> sizes_;
  std::vector<float> highlightFlags_;
  std::vector<int32_t> highlightIndices_;
  std::vector<HighlightKind> highlightKinds_;
  std::vector<uint32_t> elementList_;
  bool pointsDirty_ = false, coloursDirty_ = false, highlightsDirty_ = false;
};

}  // namespace

std::unique_ptr<PointCloudRenderer> makeGlPointCloudRenderer() { return std::make_unique<GlPointCloudRenderer>(); }

}  // namespace ll::gui
