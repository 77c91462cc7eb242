#version 330 core
// Point cloud: one vertex per point. Positions are in normalised data units (the cloud fills
// about [-1, 1]); u_viewProjection places them. Highlighted points are drawn larger so their
// ring sits outside the point's own disc.

layout(location = 0) in vec3 a_position;
layout(location = 1) in vec4 a_colour;     // RGBA8, normalised
layout(location = 2) in float a_size;      // diameter in pixels at scale 1
layout(location = 3) in float a_highlight; // 0 none, 1 neighbour or member, 2 the selection

uniform mat4 u_viewProjection;
uniform float u_pointScale;   // content scale × the user's size slider
uniform float u_alpha;        // global opacity of unhighlighted points

out vec4 v_colour;
out float v_highlight;
out float v_ringStart;        // gl_PointCoord radius (0..1) where the ring begins

void main() {
  gl_Position = u_viewProjection * vec4(a_position, 1.0);
  float size = a_size * u_pointScale;
  float ring = 0.0;
  if (a_highlight > 0.5) {
    ring = max(2.0, 1.5 * u_pointScale) + (a_highlight > 1.5 ? 1.0 : 0.0);
    size = max(size, 6.0 * u_pointScale) + 2.0 * ring + 2.0;
  }
  gl_PointSize = size;
  v_colour = vec4(a_colour.rgb, a_highlight > 0.5 ? 1.0 : a_colour.a * u_alpha);
  v_highlight = a_highlight;
  v_ringStart = 1.0 - 2.0 * ring / size;
}
