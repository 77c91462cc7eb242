#include "core/exchange/npz_archive.h"

#include <zip.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "core/data/input_error.h"
#include "core/data/input_limits.h"
#include "core/io/atomic_file.h"

namespace ll {
namespace {

struct NpzZipCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct NpzEntryCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

std::string zipReason(zip_error_t* error) {
  std::string reason = zip_error_strerror(error);
  zip_error_fini(error);
  return reason;
}

// An entry's bytes, inflated 64 KiB at a time into a BoundedText: a bomb stops at the limits.
std::string readNpzEntry(zip_t* archive, zip_uint64_t index, const std::string& shown, uint64_t archiveBytes) {
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(archive, index, 0, &stat) != 0) throw InputError(shown, 0, "a readable archive entry", zip_strerror(archive));
  BoundedText bytes(shown, InputLimits{});
  if (stat.valid & ZIP_STAT_SIZE) {
    bytes.requireSizeWithinLimit(stat.size, "an entry that declares");
    bytes.reserve(std::min<uint64_t>(stat.size, archiveBytes * 1032));  // deflate's best ratio bounds an honest header
  }
  const bool deflated = (stat.valid & ZIP_STAT_COMP_METHOD) && stat.comp_method != ZIP_CM_STORE && (stat.valid & ZIP_STAT_COMP_SIZE);
  const uint64_t packed = deflated ? std::max<uint64_t>(std::min<uint64_t>(stat.comp_size, archiveBytes), 1) : 0;
  const std::unique_ptr<zip_file_t, NpzEntryCloser> file(zip_fopen_index(archive, index, 0));
  if (!file) throw InputError(shown, 0, "a readable archive entry", zip_strerror(archive));
  std::string buffer(size_t{1} << 16, '\0');
  while (true) {
    const zip_int64_t got = zip_fread(file.get(), buffer.data(), buffer.size());
    if (got < 0) throw InputError(shown, 0, "a readable archive entry", zip_file_strerror(file.get()));
    if (got == 0) break;
    const std::string_view chunk(buffer.data(), static_cast<size_t>(got));
    if (packed > 0) {
      bytes.appendInflated(chunk, packed);
    } else {
      bytes.append(chunk);
    }
  }
  return bytes.take();
}

NpzArchive readOpenNpz(zip_t* archive, const std::string& file, uint64_t archiveBytes, const std::vector<std::string>& wanted) {
  NpzArchive result;
  const zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const char* raw = zip_get_name(archive, static_cast<zip_uint64_t>(i), 0);
    if (!raw) continue;
    const std::string name = raw;
    if (name.size() <= 4 || name.substr(name.size() - 4) != ".npy") continue;
    const std::string key = name.substr(0, name.size() - 4);
    if (std::find(result.keys.begin(), result.keys.end(), key) != result.keys.end()) {
      throw InputError(file + ":" + name, 0, "each array once", "a second entry of that name");
    }
    result.keys.push_back(key);
    if (std::find(wanted.begin(), wanted.end(), key) == wanted.end()) continue;
    const std::string shown = file + ":" + name;
    result.arrays.emplace(key, parseNpy(readNpzEntry(archive, static_cast<zip_uint64_t>(i), shown, archiveBytes), shown));
  }
  return result;
}

}  // namespace

NpzArchive readNpz(const std::filesystem::path& path, const std::vector<std::string>& wanted) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) throw InputError(path.string(), 0, "a .npz archive", "no such file");
  const uint64_t size = std::filesystem::file_size(path, error);
  int code = 0;
  zip_t* raw = zip_open(path.string().c_str(), ZIP_RDONLY, &code);
  if (!raw) {
    zip_error_t zipError;
    zip_error_init_with_code(&zipError, code);
    throw InputError(path.string(), 0, "a .npz archive (numpy.savez: a .zip of .npy files)", zipReason(&zipError));
  }
  const std::unique_ptr<zip_t, NpzZipCloser> archive(raw);
  return readOpenNpz(archive.get(), path.string(), error ? 0 : size, wanted);
}

NpzArchive parseNpz(std::string_view bytes, const std::string& file, const std::vector<std::string>& wanted) {
  zip_error_t zipError;
  zip_error_init(&zipError);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &zipError);
  if (!source) throw InputError(file, 0, "a .npz archive", zipReason(&zipError));
  zip_t* raw = zip_open_from_source(source, ZIP_RDONLY, &zipError);
  if (!raw) {
    zip_source_free(source);
    throw InputError(file, 0, "a .npz archive (numpy.savez: a .zip of .npy files)", zipReason(&zipError));
  }
  zip_error_fini(&zipError);
  const std::unique_ptr<zip_t, NpzZipCloser> archive(raw);
  return readOpenNpz(archive.get(), file, bytes.size(), wanted);
}

std::string npzBytes(const std::vector<NpzEntry>& entries) {
  zip_error_t zipError;
  zip_error_init(&zipError);
  // The archive is written into a growing buffer source; our own reference keeps it past zip_close.
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &zipError);
  if (!buffer) throw std::runtime_error("cannot make an .npz: " + zipReason(&zipError));
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &zipError);
  if (!archive) {
    zip_source_free(buffer);
    throw std::runtime_error("cannot make an .npz: " + zipReason(&zipError));
  }
  zip_error_fini(&zipError);
  zip_source_keep(buffer);
  const std::unique_ptr<zip_source_t, decltype(&zip_source_free)> kept(buffer, &zip_source_free);
  const auto fail = [&](const std::string& what) {
    const std::string reason = zip_strerror(archive);
    zip_discard(archive);
    throw std::runtime_error("cannot make an .npz: " + what + ": " + reason);
  };
  for (const NpzEntry& entry : entries) {
    zip_source_t* bytes = zip_source_buffer(archive, entry.npy.data(), entry.npy.size(), 0);
    if (!bytes) fail(entry.key);
    const zip_int64_t index = zip_file_add(archive, (entry.key + ".npy").c_str(), bytes, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(bytes);
      fail(entry.key);
    }
    if (zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0) != 0) fail(entry.key);
  }
  if (zip_close(archive) != 0) fail("closing");
  if (zip_source_open(buffer) != 0 || zip_source_seek(buffer, 0, SEEK_END) != 0) throw std::runtime_error("cannot read the .npz made");
  const zip_int64_t size = zip_source_tell(buffer);
  std::string out(static_cast<size_t>(std::max<zip_int64_t>(size, 0)), '\0');
  const bool read = size >= 0 && zip_source_seek(buffer, 0, SEEK_SET) == 0 &&
                    zip_source_read(buffer, out.data(), static_cast<zip_uint64_t>(out.size())) == size;
  zip_source_close(buffer);
  if (!read) throw std::runtime_error("cannot read the .npz made");
  return out;
}

void writeNpz(const std::filesystem::path& path, const std::vector<NpzEntry>& entries) { writeFileAtomically(path, npzBytes(entries)); }

}  // namespace ll
