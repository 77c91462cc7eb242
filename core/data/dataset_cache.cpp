#include "core/data/dataset_cache.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <system_error>
#include <vector>

#include "core/io/atomic_file.h"
#include "core/io/binary_stream.h"
#include "core/io/checksum.h"
#include "core/io/mapped_file.h"
#include "core/io/versioned_file.h"
#include "core/util/thread_budget.h"
#include "core/util/thread_pool.h"

namespace ll {
namespace {

constexpr std::string_view kMagic = "LL-CACHE";
// 2: the CSR index is stored. 3: checksummed in blocks on all cores (blockChecksumOf), read from a
// mapping. 4: XXH3 blocks. An entry of another version reads as stale: it is parsed again and
// overwritten. (Entry names also became XXH3 of the source state, so version 3 entries are no
// longer looked up at all; they stay in the folder until it is cleared.) 5: the rating columns and
// the index are aligned in the file (putAlignedVector), so a reload reads them in place.
constexpr uint32_t kVersion = 5;

void putRatings(BinaryWriter& out, const Ratings& r) {
  out.put(r.userCount);
  out.put(r.itemCount);
  out.putAlignedVector<int32_t>(r.user);
  out.putAlignedVector<int32_t>(r.item);
  out.putAlignedVector<float>(r.value);
  out.putAlignedVector<int64_t>(r.timestamp);
  out.putAlignedVector<int64_t>(r.userOffsets());
  out.putAlignedVector<uint32_t>(r.byUser());
  out.putAlignedVector<int64_t>(r.itemOffsets());
  out.putAlignedVector<uint32_t>(r.byItem());
}

// A column as stored: read in place when `entry` (the mapping the bytes lie in) is given and the
// values are aligned there, which they are in a mapped entry; copied out of a transient buffer.
template <class T>
Column<T> getColumn(BinaryReader& in, const std::shared_ptr<const void>& entry) {
  const std::string_view bytes = in.getAlignedVectorBytes<T>();
  const size_t count = bytes.size() / sizeof(T);
  if (entry && reinterpret_cast<uintptr_t>(bytes.data()) % alignof(T) == 0) {
    return Column<T>::viewOf({reinterpret_cast<const T*>(bytes.data()), count}, entry);
  }
  std::vector<T> values(count);
  if (count > 0) std::memcpy(values.data(), bytes.data(), bytes.size());
  return values;
}

// Every rating's user and item in range and its value finite and on the scale, checked on all
// cores in one pass: the columns are hundreds of MB.
bool ratingsInRange(const Ratings& r, float minRating, float maxRating) {
  const size_t n = r.size();
  ThreadPool pool(n < (size_t{1} << 16) ? 1 : threadBudget());
  std::atomic<bool> inRange{true};
  pool.parallelFor(n, [&](int32_t, size_t begin, size_t end) {
    bool ok = true;
    for (size_t k = begin; k < end; ++k) {
      const float v = r.value[k];
      ok &= static_cast<uint32_t>(r.user[k]) < static_cast<uint32_t>(r.userCount) &&
            static_cast<uint32_t>(r.item[k]) < static_cast<uint32_t>(r.itemCount) && std::isfinite(v) && v >= minRating &&
            v <= maxRating;
    }
    if (!ok) inRange.store(false, std::memory_order_relaxed);
  });
  return inRange.load();
}

void getRatings(BinaryReader& in, Ratings& r, const std::shared_ptr<const void>& entry) {
  r.userCount = in.get<int32_t>();
  r.itemCount = in.get<int32_t>();
  r.user = getColumn<int32_t>(in, entry);
  r.item = getColumn<int32_t>(in, entry);
  r.value = getColumn<float>(in, entry);
  r.timestamp = getColumn<int64_t>(in, entry);
  Ratings::Index index;
  index.userOffsets = getColumn<int64_t>(in, entry);
  index.byUser = getColumn<uint32_t>(in, entry);
  index.itemOffsets = getColumn<int64_t>(in, entry);
  index.byItem = getColumn<uint32_t>(in, entry);
  const size_t n = r.value.size();
  const bool consistent = r.userCount >= 0 && r.itemCount >= 0 && r.user.size() == n && r.item.size() == n &&
                          (r.timestamp.empty() || r.timestamp.size() == n);
  if (!consistent) throw DamagedFile("damaged (inconsistent ratings)");
  // adoptIndex refuses user or item indices out of range itself; readDataset checks them (with
  // the values) once the rating scale is read.
  if (!r.adoptIndex(std::move(index))) throw DamagedFile("damaged (inconsistent index)");
}

void writeDataset(BinaryWriter& out, const Dataset& d) {
  out.putString(d.format);
  out.putString(d.source);
  putRatings(out, d.ratings);
  out.put(d.minRating);
  out.put(d.maxRating);
  out.putStrings(d.userIds);
  out.putStrings(d.itemIds);
  out.put<uint64_t>(d.movies.size());
  for (const auto& m : d.movies) {
    out.putString(m.title);
    out.put(m.year);
    out.put(m.genres);
  }
  out.putStrings(d.genreNames);
  out.put<uint64_t>(d.users.size());
  for (const auto& u : d.users) {
    out.put(u.age);
    out.put(u.gender);
    out.putString(u.occupation);
    out.putString(u.zip);
  }
  const ItemFeatures& f = d.features;
  out.put(f.items);
  out.put(f.count);
  out.putVector(f.values);
  out.putStrings(f.names);
  out.put(f.genreCount);
  out.putString(f.source);
  out.put(f.uncoveredItems);
  out.put(d.listedUnrated);
  out.put<uint64_t>(d.officialTestSets.size());
  for (const auto& [name, indices] : d.officialTestSets) {
    out.putString(name);
    out.putVector(indices);
  }
}

Dataset readDataset(BinaryReader& in, const std::shared_ptr<const void>& entry) {
  Dataset d;
  try {
    d.format = in.getString();
    d.source = in.getString();
    getRatings(in, d.ratings, entry);
    d.minRating = in.get<float>();
    d.maxRating = in.get<float>();
    d.userIds = in.getStrings();
    d.itemIds = in.getStrings();
    const auto movieCount = in.get<uint64_t>();
    if (movieCount > in.remaining()) throw TruncatedData();
    d.movies.resize(movieCount);
    for (auto& m : d.movies) {
      m.title = in.getString();
      m.year = in.get<int32_t>();
      m.genres = in.get<uint32_t>();
    }
    d.genreNames = in.getStrings();
    const auto userCount = in.get<uint64_t>();
    if (userCount > in.remaining()) throw TruncatedData();
    d.users.resize(userCount);
    for (auto& u : d.users) {
      u.age = in.get<int32_t>();
      u.gender = in.get<char>();
      u.occupation = in.getString();
      u.zip = in.getString();
    }
    ItemFeatures& f = d.features;
    f.items = in.get<int32_t>();
    f.count = in.get<int32_t>();
    f.values = in.getVector<float>();
    f.names = in.getStrings();
    f.genreCount = in.get<int32_t>();
    f.source = in.getString();
    f.uncoveredItems = in.get<int32_t>();
    d.listedUnrated = in.get<int32_t>();
    const auto setCount = in.get<uint64_t>();
    for (uint64_t k = 0; k < setCount; ++k) {
      std::string name = in.getString();
      d.officialTestSets[name] = in.getVector<uint32_t>();
    }
  } catch (const TruncatedData&) {
    throw DamagedFile("damaged (ends early)");
  }
  const ItemFeatures& f = d.features;
  const bool consistent =
      d.userIds.size() == static_cast<size_t>(d.ratings.userCount) &&
      d.itemIds.size() == static_cast<size_t>(d.ratings.itemCount) &&
      d.movies.size() == static_cast<size_t>(d.ratings.itemCount) &&
      (d.users.empty() || d.users.size() == static_cast<size_t>(d.ratings.userCount)) &&
      f.items == d.ratings.itemCount && f.count >= 0 && f.genreCount >= 0 && f.genreCount <= f.count &&
      f.values.size() == static_cast<size_t>(f.items) * static_cast<size_t>(f.count) &&
      f.names.size() == static_cast<size_t>(f.count) && d.genreNames.size() <= 32;
  if (!consistent) throw DamagedFile("damaged (inconsistent sizes)");
  // Predictions are clamped to the scale, which must hold every rating; users and items index
  // the id lists checked above.
  if (!(d.minRating <= d.maxRating) || !ratingsInRange(d.ratings, d.minRating, d.maxRating)) {
    throw DamagedFile("damaged (ratings out of range or off their scale)");
  }
  const uint32_t namedGenres = d.genreNames.size() == 32 ? ~0u : (1u << d.genreNames.size()) - 1u;
  for (const Movie& m : d.movies) {
    if (m.genres & ~namedGenres) throw DamagedFile("damaged (a genre without a name)");
  }
  for (const auto& [name, indices] : d.officialTestSets) {
    const bool ascendingRatings = std::is_sorted(indices.begin(), indices.end()) &&
                                  (indices.empty() || indices.back() < d.ratings.size());
    if (!ascendingRatings) throw DamagedFile("damaged (official test set " + name + " out of range)");
  }
  return d;
}

}  // namespace

std::string describeSourceState(const std::filesystem::path& source, std::string_view parseOptions) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path absolute = fs::weakly_canonical(fs::absolute(source), ec);
  std::string state = "source=" + (ec ? source.string() : absolute.string()) + "\n";
  state += "options=" + std::string(parseOptions) + "\n";
  auto describeFile = [&state](const fs::path& file, const std::string& name) {
    std::error_code error;
    const auto size = fs::file_size(file, error);
    const auto time = fs::last_write_time(file, error).time_since_epoch().count();
    state += name + " " + std::to_string(error ? 0 : size) + " " + std::to_string(error ? 0 : time) + "\n";
  };
  if (fs::is_directory(source, ec)) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(source, ec)) {
      if (entry.is_regular_file(ec)) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) describeFile(file, file.filename().string());
  } else {
    describeFile(source, source.filename().string());
  }
  return state;
}

std::filesystem::path DatasetCache::entryPath(const std::string& sourceState) const {
  char name[32];
  std::snprintf(name, sizeof(name), "%016llx.lldata", static_cast<unsigned long long>(checksumOf(sourceState)));
  return directory_ / name;
}

std::optional<Dataset> DatasetCache::find(const std::string& sourceState) const {
  const auto path = entryPath(sourceState);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::nullopt;
  try {
    const auto file = std::make_shared<const MappedFile>(path);
    return decodeCacheEntry(file->bytes(), sourceState, file);
  } catch (const std::exception&) {
    return std::nullopt;  // unreadable: parse again
  }
}

std::optional<Dataset> decodeCacheEntry(std::string_view bytes, const std::string& sourceState,
                                        const std::shared_ptr<const void>& entry) {
  try {
    BinaryReader in(openVersioned(bytes, kMagic, kVersion, PayloadChecksum::Blocks));
    // The entry starts with the full source state, so a stale entry or a name collision is never trusted.
    if (in.getString() != sourceState) return std::nullopt;
    Dataset dataset = readDataset(in, entry);
    if (!in.atEnd()) return std::nullopt;
    return dataset;
  } catch (const DamagedFile&) {
    return std::nullopt;
  } catch (const TruncatedData&) {
    return std::nullopt;
  }
}

bool DatasetCache::store(const std::string& sourceState, const Dataset& dataset) const {
  try {
    std::filesystem::create_directories(directory_);
    BinaryWriter payload(kSealedHeaderBytes);
    payload.putString(sourceState);
    writeDataset(payload, dataset);
    writeFileAtomically(entryPath(sourceState), sealVersioned(kMagic, kVersion, payload.bytes(), PayloadChecksum::Blocks));
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace ll
