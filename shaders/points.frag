#version 330 core
// Round sprites: discard outside the disc, a soft one-pixel edge, and for highlighted points a
// ring (white for the selection, amber for its neighbours or a cluster's movies).

in vec4 v_colour;
in float v_highlight;
in float v_ringStart;

out vec4 fragColour;

void main() {
  vec2 p = gl_PointCoord * 2.0 - 1.0;
  float r = length(p);
  if (r > 1.0) discard;
  float edge = fwidth(r);
  float alpha = 1.0 - smoothstep(1.0 - edge, 1.0, r);
  vec4 colour = v_colour;
  if (v_highlight > 0.5 && r > v_ringStart) {
    colour = v_highlight > 1.5 ? vec4(1.0, 1.0, 1.0, 1.0) : vec4(1.0, 0.72, 0.18, 1.0);
  } else if (v_highlight > 0.5 && r > v_ringStart - 2.0 * edge) {
    colour = vec4(0.05, 0.05, 0.06, 1.0);  // a dark gap keeps the ring apart from the fill
  }
  fragColour = vec4(colour.rgb, colour.a * alpha);
}
