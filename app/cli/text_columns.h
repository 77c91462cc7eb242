#pragma once
// Fixed-width columns of UTF-8 text on a terminal: widths count characters (code points), not
// bytes, so titles with accents and signs such as ± or … line up.

#include <string>
#include <string_view>

namespace ll::cli {

/// Characters (code points) of UTF-8 text.
int characterCount(std::string_view text);
/// text right-aligned in `width` characters (never cut).
std::string alignRight(const std::string& text, int width);
/// text left-aligned in exactly `width` characters: cut at a character boundary with "…" when longer.
std::string fitLeft(std::string_view text, int width);

}  // namespace ll::cli
