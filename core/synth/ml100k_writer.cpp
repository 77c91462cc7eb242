// writeMl100kFolder: the synthetic world as an ML-100K folder, quirks included (ISO-8859-1 titles,
// a few empty release dates, the "unknown" entry, u.genre's trailing blank line), plus the genome.
#include <cstdio>
#include <stdexcept>

#include "core/data/text/encoding.h"
#include "core/synth/synthetic_stages.h"
#include "core/synth/synthetic_writers.h"
#include "core/synth/text_file_writer.h"

namespace ll {
namespace {

void writeRating(TextFileWriter& out, const Dataset& d, uint32_t k) {
  const Ratings& r = d.ratings;
  out << d.userIds[r.user[k]] << '\t' << d.itemIds[r.item[k]] << '\t' << static_cast<int64_t>(r.value[k]) << '\t'
      << r.timestamp[k] << '\n';
}

// IMDb-style search URL: the Latin-1 title, percent-encoded.
std::string urlFor(const std::string& latin1Title) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string url = "http://us.imdb.com/M/title-exact?";
  for (char ch : latin1Title) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.') {
      url.push_back(ch);
    } else {
      url.push_back('%');
      url.push_back(kHex[c >> 4]);
      url.push_back(kHex[c & 15]);
    }
  }
  return url;
}

void writeItems(const SyntheticWorld& world, const std::filesystem::path& dir) {
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const Dataset& d = world.dataset;
  Random random = syntheticStream(world.params.seed, SyntheticStream::ReleaseDates);
  TextFileWriter out(dir, "u.item");
  for (size_t i = 0; i < d.movies.size(); ++i) {
    const Movie& movie = d.movies[i];
    const std::string title = utf8ToLatin1(titleWithYear(movie));
    out << d.itemIds[i] << '|' << title << '|';
    // Most release dates are 01-Jan of the year, as in ML-100K; a few are missing.
    const double u = random.uniform();
    if (movie.year > 0 && u >= 0.01) {
      char date[32];
      const bool exact = u > 0.8;
      std::snprintf(date, sizeof date, "%02d-%s-%04d", exact ? 1 + static_cast<int>(random.below(28)) : 1,
                    kMonths[exact ? random.below(12) : 0], static_cast<int>(movie.year));
      out << std::string_view(date);
    }
    out << "||" << (movie.year > 0 ? urlFor(title) : std::string());
    for (size_t g = 0; g < d.genreNames.size(); ++g) out << '|' << ((movie.genres >> g) & 1u ? '1' : '0');
    out << '\n';
  }
  out.commit();
}

void writePeople(const SyntheticWorld& world, const std::filesystem::path& dir) {
  const Dataset& d = world.dataset;
  TextFileWriter genres(dir, "u.genre");
  for (size_t g = 0; g < d.genreNames.size(); ++g) genres << d.genreNames[g] << '|' << static_cast<int64_t>(g) << '\n';
  genres << '\n';  // ML-100K's u.genre ends with a blank line
  genres.commit();

  TextFileWriter users(dir, "u.user");
  for (size_t u = 0; u < d.users.size(); ++u) {
    const UserInfo& info = d.users[u];
    users << d.userIds[u] << '|' << static_cast<int64_t>(info.age) << '|' << info.gender << '|' << info.occupation << '|'
          << info.zip << '\n';
  }
  users.commit();
}

// NAME.base and NAME.test, each sorted by user then movie like MovieLens' own.
void writeFold(const SyntheticWorld& world, const std::filesystem::path& dir, const std::string& name,
               const std::vector<uint32_t>& test) {
  const Dataset& d = world.dataset;
  std::vector<char> inTest(d.ratings.size(), 0);
  for (uint32_t k : test) inTest[k] = 1;
  TextFileWriter base(dir, name + ".base");
  TextFileWriter held(dir, name + ".test");
  for (int32_t u = 0; u < d.ratings.userCount; ++u) {
    for (uint32_t k : d.ratings.ofUser(u)) writeRating(inTest[k] ? held : base, d, k);
  }
  base.commit();
  held.commit();
}

}  // namespace

void writeMl100kFolder(const SyntheticWorld& world, const std::filesystem::path& dir) {
  if (world.params.halfStars) {
    throw std::invalid_argument("ml-100k folders hold whole-star ratings: generate the world without half stars");
  }
  const Dataset& d = world.dataset;
  TextFileWriter info(dir, "u.info");
  info << static_cast<int64_t>(d.ratings.userCount) << " users\n" << static_cast<int64_t>(d.ratings.itemCount) << " items\n"
       << static_cast<int64_t>(d.ratings.size()) << " ratings\n";
  info.commit();
  TextFileWriter data(dir, "u.data");
  for (uint32_t k = 0; k < d.ratings.size(); ++k) writeRating(data, d, k);
  data.commit();
  writeItems(world, dir);
  writePeople(world, dir);
  for (const auto& [name, test] : d.officialTestSets) writeFold(world, dir, name, test);
  writeGenomeFiles(world, dir);
}

}  // namespace ll
