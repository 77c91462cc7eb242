#pragma once
// A linked GLSL program: compiles a vertex and a fragment shader, links them, and keeps the
// driver's log when either step fails (shown in the panel rather than crashing). UI thread only,
// with the GL context current.

#include <string>
#include <string_view>

namespace ll::gui {

class GlProgram {
 public:
  GlProgram() = default;
  ~GlProgram();
  GlProgram(const GlProgram&) = delete;
  GlProgram& operator=(const GlProgram&) = delete;

  /// Returns an empty string, or what the compiler or linker said.
  std::string build(std::string_view vertexSource, std::string_view fragmentSource);
  unsigned id() const { return program_; }
  bool valid() const { return program_ != 0; }
  int uniform(const char* name) const;

 private:
  unsigned program_ = 0;
};

}  // namespace ll::gui
