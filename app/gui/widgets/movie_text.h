#pragma once
// How the panels name a movie: "Title (1996)", and its genres as "Drama, Sci-Fi".

#include <cstdint>
#include <string>

#include "core/data/dataset.h"

namespace ll::gui {

inline std::string titleWithYear(const Movie& movie) {
  return movie.year > 0 ? movie.title + " (" + std::to_string(movie.year) + ")" : movie.title;
}

/// The names of the genres set in the bit mask (Movie::genres), comma-separated.
inline std::string genreNames(const Dataset& data, uint32_t genres) {
  std::string text;
  for (size_t g = 0; g < data.genreNames.size() && g < 32; ++g) {
    if ((genres & (1u << g)) == 0) continue;
    if (!text.empty()) text += ", ";
    text += data.genreNames[g];
  }
  return text;
}

}  // namespace ll::gui
