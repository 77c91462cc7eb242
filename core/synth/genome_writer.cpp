// The tag genome as MovieLens ships it: every (movie, tag) relevance, one line each.
#include "core/synth/synthetic_writers.h"
#include "core/io/csv_field.h"
#include "core/synth/text_file_writer.h"

namespace ll {

std::string titleWithYear(const Movie& movie) {
  return movie.year > 0 ? movie.title + " (" + std::to_string(movie.year) + ")" : movie.title;
}

void writeGenomeFiles(const SyntheticWorld& world, const std::filesystem::path& dir) {
  TextFileWriter tags(dir, "genome-tags.csv");
  tags << "tagId,tag\n";
  for (size_t j = 0; j < world.tagNames.size(); ++j) {
    tags << static_cast<int64_t>(j + 1) << ',' << csvField(world.tagNames[j]) << '\n';
  }
  tags.commit();

  TextFileWriter scores(dir, "genome-scores.csv");
  scores << "movieId,tagId,relevance\n";
  const size_t tagCount = world.tagNames.size();
  for (size_t i = 0; i < world.dataset.itemIds.size(); ++i) {
    const float* relevance = world.tagRelevance.data() + i * tagCount;
    for (size_t j = 0; j < tagCount; ++j) {
      scores << world.dataset.itemIds[i] << ',' << static_cast<int64_t>(j + 1) << ',';
      scores.fixed(relevance[j], 5) << '\n';
    }
  }
  scores.commit();
}

}  // namespace ll
