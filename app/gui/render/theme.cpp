#include "app/gui/render/theme.h"

#include <filesystem>

namespace ll::gui {
namespace {

constexpr const char* kRegularFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kBoldFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
constexpr float kBodySize = 15.0f;
constexpr float kHeadingSize = 17.0f;

// Latin with diacritics (titles), punctuation (… – “ ”), arrows, maths (≥ ≈ ×) and geometric
// shapes (▲ ●): what labels and MovieLens titles need without a huge atlas.
constexpr ImWchar kGlyphRanges[] = {
    0x0020, 0x024F,  // Basic Latin, Latin-1, Latin Extended-A/B
    0x0370, 0x03FF,  // Greek (σ, μ in statistics)
    0x2000, 0x206F,  // General Punctuation
    0x2190, 0x21FF,  // Arrows
    0x2200, 0x22FF,  // Mathematical Operators
    0x25A0, 0x25FF,  // Geometric Shapes
    0,
};

ImVec4 rgb(float r, float g, float b, float a = 1.0f) { return ImVec4(r, g, b, a); }

}  // namespace

void applyDarkTheme(float scale) {
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  ImGui::StyleColorsDark(&style);

  style.WindowPadding = ImVec2(12, 10);
  style.FramePadding = ImVec2(8, 4);
  style.ItemSpacing = ImVec2(8, 6);
  style.ItemInnerSpacing = ImVec2(6, 4);
  style.CellPadding = ImVec2(8, 3);
  style.ScrollbarSize = 12;
  style.WindowRounding = 6;
  style.ChildRounding = 4;
  style.FrameRounding = 4;
  style.PopupRounding = 4;
  style.ScrollbarRounding = 6;
  style.GrabRounding = 4;
  style.TabRounding = 4;
  style.WindowBorderSize = 1;
  style.FrameBorderSize = 0;
  style.WindowTitleAlign = ImVec2(0.0f, 0.5f);
  style.ScaleAllSizes(scale);

  ImVec4* c = style.Colors;
  c[ImGuiCol_Text] = rgb(0.90f, 0.91f, 0.93f);
  c[ImGuiCol_TextDisabled] = palette::kMuted;
  c[ImGuiCol_WindowBg] = rgb(0.110f, 0.118f, 0.137f);
  c[ImGuiCol_ChildBg] = rgb(0, 0, 0, 0);
  c[ImGuiCol_PopupBg] = rgb(0.125f, 0.133f, 0.157f, 0.98f);
  c[ImGuiCol_Border] = rgb(0.21f, 0.23f, 0.27f);
  c[ImGuiCol_BorderShadow] = rgb(0, 0, 0, 0);
  c[ImGuiCol_FrameBg] = rgb(0.165f, 0.176f, 0.204f);
  c[ImGuiCol_FrameBgHovered] = rgb(0.21f, 0.23f, 0.27f);
  c[ImGuiCol_FrameBgActive] = rgb(0.25f, 0.27f, 0.32f);
  c[ImGuiCol_TitleBg] = rgb(0.090f, 0.098f, 0.114f);
  c[ImGuiCol_TitleBgActive] = rgb(0.125f, 0.145f, 0.180f);
  c[ImGuiCol_TitleBgCollapsed] = rgb(0.090f, 0.098f, 0.114f);
  c[ImGuiCol_MenuBarBg] = rgb(0.090f, 0.098f, 0.114f);
  c[ImGuiCol_ScrollbarBg] = rgb(0, 0, 0, 0);
  c[ImGuiCol_ScrollbarGrab] = rgb(0.25f, 0.27f, 0.31f);
  c[ImGuiCol_ScrollbarGrabHovered] = rgb(0.31f, 0.33f, 0.38f);
  c[ImGuiCol_ScrollbarGrabActive] = rgb(0.36f, 0.39f, 0.45f);
  c[ImGuiCol_CheckMark] = palette::kAccent;
  c[ImGuiCol_SliderGrab] = palette::kAccentSoft;
  c[ImGuiCol_SliderGrabActive] = palette::kAccent;
  c[ImGuiCol_Button] = rgb(0.19f, 0.29f, 0.41f);
  c[ImGuiCol_ButtonHovered] = rgb(0.24f, 0.38f, 0.54f);
  c[ImGuiCol_ButtonActive] = rgb(0.28f, 0.46f, 0.66f);
  c[ImGuiCol_Header] = rgb(0.18f, 0.25f, 0.34f);
  c[ImGuiCol_HeaderHovered] = rgb(0.22f, 0.32f, 0.44f);
  c[ImGuiCol_HeaderActive] = rgb(0.26f, 0.38f, 0.52f);
  c[ImGuiCol_Separator] = rgb(0.21f, 0.23f, 0.27f);
  c[ImGuiCol_SeparatorHovered] = palette::kAccentSoft;
  c[ImGuiCol_SeparatorActive] = palette::kAccent;
  c[ImGuiCol_ResizeGrip] = rgb(0.24f, 0.45f, 0.66f, 0.20f);
  c[ImGuiCol_ResizeGripHovered] = rgb(0.24f, 0.45f, 0.66f, 0.60f);
  c[ImGuiCol_ResizeGripActive] = rgb(0.34f, 0.64f, 0.90f, 0.90f);
  c[ImGuiCol_Tab] = rgb(0.14f, 0.16f, 0.19f);
  c[ImGuiCol_TabHovered] = rgb(0.22f, 0.32f, 0.44f);
  c[ImGuiCol_TabActive] = rgb(0.19f, 0.27f, 0.37f);
  c[ImGuiCol_PlotLines] = palette::kAccent;
  c[ImGuiCol_PlotHistogram] = palette::kAccent;
  c[ImGuiCol_PlotHistogramHovered] = rgb(0.55f, 0.78f, 0.98f);
  c[ImGuiCol_TableHeaderBg] = rgb(0.14f, 0.15f, 0.18f);
  c[ImGuiCol_TableBorderStrong] = rgb(0.21f, 0.23f, 0.27f);
  c[ImGuiCol_TableBorderLight] = rgb(0.17f, 0.18f, 0.21f);
  c[ImGuiCol_TableRowBg] = rgb(0, 0, 0, 0);
  c[ImGuiCol_TableRowBgAlt] = rgb(1, 1, 1, 0.025f);
  c[ImGuiCol_TextSelectedBg] = rgb(0.24f, 0.45f, 0.66f, 0.45f);
  c[ImGuiCol_NavHighlight] = palette::kAccent;
  c[ImGuiCol_ModalWindowDimBg] = rgb(0, 0, 0, 0.55f);
}

ImU32 runColour(int index) {
  static constexpr ImU32 kColours[kRunPaletteSize] = {
      IM_COL32(86, 163, 230, 255),   // blue (the accent)
      IM_COL32(240, 160, 60, 255),   // orange
      IM_COL32(90, 200, 150, 255),   // bluish green
      IM_COL32(220, 110, 170, 255),  // reddish purple
      IM_COL32(240, 225, 90, 255),   // yellow
      IM_COL32(150, 200, 245, 255),  // sky blue
      IM_COL32(215, 95, 60, 255),    // vermillion
      IM_COL32(190, 190, 200, 255),  // grey
  };
  return kColours[((index % kRunPaletteSize) + kRunPaletteSize) % kRunPaletteSize];
}

Fonts loadFonts(float scale) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  Fonts fonts;
  std::error_code error;
  if (std::filesystem::exists(kRegularFontPath, error)) {
    ImFontConfig config;
    config.OversampleH = 2;  // crisp enough at 1× and half the atlas of the default 3
    fonts.regular = io.Fonts->AddFontFromFileTTF(kRegularFontPath, kBodySize * scale, &config, kGlyphRanges);
    if (fonts.regular != nullptr && std::filesystem::exists(kBoldFontPath, error)) {
      fonts.heading = io.Fonts->AddFontFromFileTTF(kBoldFontPath, kHeadingSize * scale, &config, kGlyphRanges);
    }
  }
  fonts.fromFiles = fonts.regular != nullptr;
  if (fonts.regular == nullptr) {
    ImFontConfig config;
    config.SizePixels = 13.0f * scale;
    fonts.regular = io.Fonts->AddFontDefault(&config);
  }
  if (fonts.heading == nullptr) fonts.heading = fonts.regular;
  io.FontDefault = fonts.regular;
  return fonts;
}

}  // namespace ll::gui
