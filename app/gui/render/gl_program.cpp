#include "app/gui/render/gl_program.h"

#include <glad/gl.h>

#include <vector>

namespace ll::gui {
namespace {

std::string shaderLog(GLuint shader) {
  GLint length = 0;
  glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &length);
  std::vector<char> text(static_cast<size_t>(length > 0 ? length : 1), '\0');
  glGetShaderInfoLog(shader, static_cast<GLsizei>(text.size()), nullptr, text.data());
  return text.data();
}

GLuint compile(GLenum kind, std::string_view source, std::string& error) {
  const GLuint shader = glCreateShader(kind);
  const char* text = source.data();
  const auto length = static_cast<GLint>(source.size());
  glShaderSource(shader, 1, &text, &length);
  glCompileShader(shader);
  GLint ok = GL_FALSE;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (ok != GL_TRUE) {
    error = (kind == GL_VERTEX_SHADER ? "vertex shader: " : "fragment shader: ") + shaderLog(shader);
    glDeleteShader(shader);
    return 0;
  }
  return shader;
}

}  // namespace

GlProgram::~GlProgram() {
  if (program_ != 0) glDeleteProgram(program_);
}

std::string GlProgram::build(std::string_view vertexSource, std::string_view fragmentSource) {
  std::string error;
  const GLuint vertex = compile(GL_VERTEX_SHADER, vertexSource, error);
  if (vertex == 0) return error;
  const GLuint fragment = compile(GL_FRAGMENT_SHADER, fragmentSource, error);
  if (fragment == 0) {
    glDeleteShader(vertex);
    return error;
  }
  const GLuint program = glCreateProgram();
  glAttachShader(program, vertex);
  glAttachShader(program, fragment);
  glLinkProgram(program);
  // Linked programs keep their compiled code; the shader objects are no longer needed.
  glDeleteShader(vertex);
  glDeleteShader(fragment);
  GLint ok = GL_FALSE;
  glGetProgramiv(program, GL_LINK_STATUS, &ok);
  if (ok != GL_TRUE) {
    GLint length = 0;
    glGetProgramiv(program, GL_INFO_LOG_LENGTH, &length);
    std::vector<char> text(static_cast<size_t>(length > 0 ? length : 1), '\0');
    glGetProgramInfoLog(program, static_cast<GLsizei>(text.size()), nullptr, text.data());
    glDeleteProgram(program);
    return std::string("link: ") + text.data();
  }
  if (program_ != 0) glDeleteProgram(program_);
  program_ = program;
  return {};
}

int GlProgram::uniform(const char* name) const { return program_ != 0 ? glGetUniformLocation(program_, name) : -1; }

}  // namespace ll::gui
