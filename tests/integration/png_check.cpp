// png_check: asserts that a screenshot looks like a rendered UI rather than a blank or broken
// frame. Used by the GUI integration test (gui.cmake).
//
//   png_check FILE WIDTH HEIGHT MIN_COLOURS [X0 Y0 X1 Y1 MIN_REGION_COLOURS]
//
// Checks: exact size; at least MIN_COLOURS distinct RGB colours overall; optionally, inside the
// region given as fractions of the image (e.g. where the Data panel sits), at least
// MIN_REGION_COLOURS distinct colours and at least 2 % of pixels differing from the region's
// most common colour (text, bars, rules: the area is not uniform). Exit 0 pass, 1 fail, 2 usage.

#include <stb_image.h>  // implementation lives in Debian's libstb.a

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

struct Image {
  int width = 0;
  int height = 0;
  std::vector<uint32_t> rgb;  // 0xRRGGBB per pixel, row-major, top row first
};

bool parseInt(const char* text, int& out) {
  char* end = nullptr;
  long value = std::strtol(text, &end, 10);
  if (end == text || *end != '\0' || value < 0 || value > 1'000'000) return false;
  out = static_cast<int>(value);
  return true;
}

bool parseFraction(const char* text, double& out) {
  char* end = nullptr;
  out = std::strtod(text, &end);
  return end != text && *end == '\0' && out >= 0.0 && out <= 1.0;
}

bool loadImage(const char* path, Image& image, std::string& error) {
  int channels = 0;
  std::unique_ptr<unsigned char, void (*)(void*)> pixels(
      stbi_load(path, &image.width, &image.height, &channels, 3), stbi_image_free);
  if (!pixels) {
    error = stbi_failure_reason() ? stbi_failure_reason() : "unknown reason";
    return false;
  }
  const size_t count = static_cast<size_t>(image.width) * static_cast<size_t>(image.height);
  image.rgb.resize(count);
  for (size_t i = 0; i < count; ++i) {
    const unsigned char* p = pixels.get() + 3 * i;
    image.rgb[i] = (uint32_t{p[0]} << 16) | (uint32_t{p[1]} << 8) | uint32_t{p[2]};
  }
  return true;
}

struct ColourStats {
  size_t distinct = 0;
  size_t pixels = 0;
  size_t mostCommonCount = 0;
  uint32_t mostCommon = 0;
};

ColourStats colourStats(const Image& image, int x0, int y0, int x1, int y1) {
  std::unordered_map<uint32_t, size_t> histogram;
  ColourStats stats;
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) {
      ++histogram[image.rgb[static_cast<size_t>(y) * static_cast<size_t>(image.width) + static_cast<size_t>(x)]];
      ++stats.pixels;
    }
  }
  stats.distinct = histogram.size();
  for (const auto& [colour, count] : histogram) {
    if (count > stats.mostCommonCount) {
      stats.mostCommonCount = count;
      stats.mostCommon = colour;
    }
  }
  return stats;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5 && argc != 10) {
    std::fprintf(stderr, "usage: png_check FILE WIDTH HEIGHT MIN_COLOURS [X0 Y0 X1 Y1 MIN_REGION_COLOURS]\n");
    return 2;
  }
  int width = 0, height = 0, minColours = 0, minRegionColours = 0;
  double region[4] = {0.0, 0.0, 1.0, 1.0};
  bool ok = parseInt(argv[2], width) && parseInt(argv[3], height) && parseInt(argv[4], minColours);
  if (argc == 10) {
    for (int i = 0; i < 4; ++i) ok = ok && parseFraction(argv[5 + i], region[i]);
    ok = ok && parseInt(argv[9], minRegionColours) && region[0] < region[2] && region[1] < region[3];
  }
  if (!ok) {
    std::fprintf(stderr, "png_check: bad arguments (sizes and counts are whole numbers, region fractions in [0, 1])\n");
    return 2;
  }

  Image image;
  std::string error;
  if (!loadImage(argv[1], image, error)) {
    std::fprintf(stderr, "png_check: cannot read %s: %s\n", argv[1], error.c_str());
    return 1;
  }
  int failures = 0;
  if (image.width != width || image.height != height) {
    std::fprintf(stderr, "png_check: size is %d×%d, expected %d×%d\n", image.width, image.height, width, height);
    ++failures;
  }
  const ColourStats all = colourStats(image, 0, 0, image.width, image.height);
  std::printf("png_check: %s: %d×%d, %zu distinct colours\n", argv[1], image.width, image.height, all.distinct);
  if (all.distinct < static_cast<size_t>(minColours)) {
    std::fprintf(stderr, "png_check: only %zu distinct colours, expected more than %d\n", all.distinct, minColours);
    ++failures;
  }

  if (argc == 10) {
    const int x0 = static_cast<int>(region[0] * image.width), y0 = static_cast<int>(region[1] * image.height);
    const int x1 = std::max(x0 + 1, static_cast<int>(region[2] * image.width));
    const int y1 = std::max(y0 + 1, static_cast<int>(region[3] * image.height));
    const ColourStats area = colourStats(image, x0, y0, std::min(x1, image.width), std::min(y1, image.height));
    const double varied = area.pixels > 0 ? 1.0 - static_cast<double>(area.mostCommonCount) / area.pixels : 0.0;
    std::printf("png_check: region [%d,%d)×[%d,%d): %zu distinct colours, %.1f %% differ from #%06x\n", x0, x1, y0,
                y1, area.distinct, 100.0 * varied, area.mostCommon);
    if (area.distinct < static_cast<size_t>(minRegionColours)) {
      std::fprintf(stderr, "png_check: region has only %zu distinct colours, expected %d\n", area.distinct,
                   minRegionColours);
      ++failures;
    }
    if (varied < 0.02) {
      std::fprintf(stderr, "png_check: region is nearly uniform (%.2f %% of pixels vary)\n", 100.0 * varied);
      ++failures;
    }
  }
  return failures == 0 ? 0 : 1;
}
