#include "core/data/file_source.h"

#include <zip.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>

#include "core/data/gzip.h"
#include "core/data/input_error.h"
#include "core/data/text/binary_content.h"

namespace ll {
namespace fs = std::filesystem;
namespace {

bool endsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string withoutGz(std::string_view name) {
  return std::string(endsWith(name, ".gz") ? name.substr(0, name.size() - 3) : name);
}

// Files that come along with data but are never data: dot files, macOS resource forks.
bool isClutter(std::string_view name) { return name.empty() || name.front() == '.'; }

// A file's bytes, given chunk by chunk as they are read, turned into its text: inflated when its
// name or its first bytes say gzip, refused when binary (on the first chunk, before the rest is
// read), and held to the limits throughout.
class TextFromChunks {
 public:
  /// inflatedFrom: the compressed size the chunks come inflated from (a deflated .zip entry's),
  /// 0 when they are the bytes as stored. sizeHint: the expected size of the chunks together.
  TextFromChunks(const std::string& displayName, bool gzipByName, const InputLimits& limits, uint64_t sizeHint,
                 uint64_t inflatedFrom = 0)
      : text_(displayName, limits), sizeHint_(sizeHint), inflatedFrom_(inflatedFrom) {
    if (gzipByName) inflater_.emplace(text_);
  }

  void requireSizeWithinLimit(uint64_t bytes, std::string_view whose) const {
    text_.requireSizeWithinLimit(bytes, whose);
  }

  void add(std::string_view chunk) {
    if (!started_) {
      started_ = true;
      // Compressed files are inflated whatever their name says.
      if (!inflater_ && looksGzipped(chunk)) inflater_.emplace(text_);
      if (!inflater_) requireText(chunk.substr(0, kTextCheckBytes), text_.file());
      text_.reserve(inflater_ ? sizeHint_ * 4 : sizeHint_);  // text packs 3 to 6 times
    }
    if (inflater_) {
      feedInflater(chunk);
    } else if (inflatedFrom_ > 0) {
      text_.appendInflated(chunk, inflatedFrom_);
    } else {
      text_.append(chunk);
    }
  }

  std::string finish() {
    if (inflater_) {
      inflater_->finish();
      if (!inflatedHeadChecked_) requireText(text_.view().substr(0, kTextCheckBytes), text_.file());
    }
    return text_.take();
  }

 private:
  // Until its first 64 KiB of text are checked, compressed data goes in 1 KiB at a time, so a
  // bomb of NUL bytes is refused after about a megabyte (deflate's best is near 1:1032).
  void feedInflater(std::string_view chunk) {
    constexpr size_t kSmallPiece = 1024;
    while (!inflatedHeadChecked_ && !chunk.empty()) {
      const size_t piece = std::min(kSmallPiece, chunk.size());
      inflater_->feed(chunk.substr(0, piece));
      chunk.remove_prefix(piece);
      if (text_.view().size() >= kTextCheckBytes) {
        requireText(text_.view().substr(0, kTextCheckBytes), text_.file());
        inflatedHeadChecked_ = true;
      }
    }
    inflater_->feed(chunk);
  }

  BoundedText text_;
  std::optional<GzipInflater> inflater_;  // inflates into text_
  uint64_t sizeHint_;
  uint64_t inflatedFrom_;
  bool started_ = false;
  bool inflatedHeadChecked_ = false;
};

std::string readFile(const fs::path& path, const std::string& displayName, bool gzipByName,
                     const InputLimits& limits) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(displayName, 0, "a readable file", std::strerror(errno));
  std::error_code error;
  const uint64_t size = fs::file_size(path, error);
  TextFromChunks text(displayName, gzipByName, limits, error ? 0 : size);
  if (!error) text.requireSizeWithinLimit(size, "a file of");
  std::string buffer(kTextCheckBytes, '\0');  // so the first chunk is all requireText looks at
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = static_cast<size_t>(in.gcount());
    if (got > 0) text.add(std::string_view(buffer.data(), got));
  }
  if (in.bad()) throw InputError(displayName, 0, "a readable file", "a read error");
  return text.finish();
}

// The first bytes of a file, as many as requireText() looks at; none when it cannot be read (read()
// then says why).
std::string readHead(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(kTextCheckBytes, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  return head;
}

bool startsLikeZip(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  in.read(magic, 4);
  return in.gcount() == 4 && std::memcmp(magic, "PK\x03\x04", 4) == 0;
}

struct ZipCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
using ZipHandle = std::unique_ptr<zip_t, ZipCloser>;

struct ZipFileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};
using ZipFileHandle = std::unique_ptr<zip_file_t, ZipFileCloser>;

ZipHandle openZip(const fs::path& path) {
  int code = 0;
  zip_t* archive = zip_open(path.string().c_str(), ZIP_RDONLY, &code);
  if (!archive) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    throw InputError(path.string(), 0, "a readable .zip archive", reason);
  }
  return ZipHandle(archive);
}

// What an entry's header says about its size, believed only as far as the archive's own size
// allows: a damaged header must not make a 2 KB archive claim gigabytes.
struct EntrySizes {
  uint64_t expected = 0;  // the text to make room for; 0 when unknown
  uint64_t packed = 0;    // the compressed bytes it inflates from; 0 when stored as it is
};

EntrySizes plausibleSizes(const fs::path& archivePath, const zip_stat_t& stat) {
  constexpr uint64_t kMaxDeflateRatio = 1032;  // deflate's best, on a run of one byte
  std::error_code error;
  const uint64_t archiveSize = fs::file_size(archivePath, error);
  if (error) return {};
  EntrySizes sizes;
  if (stat.valid & ZIP_STAT_SIZE) {
    sizes.expected = archiveSize > stat.size / kMaxDeflateRatio ? stat.size : archiveSize * kMaxDeflateRatio;
  }
  const bool knownMethod = (stat.valid & ZIP_STAT_COMP_METHOD) && (stat.valid & ZIP_STAT_COMP_SIZE);
  if (knownMethod && stat.comp_method != ZIP_CM_STORE) {
    sizes.packed = std::max<uint64_t>(std::min<uint64_t>(stat.comp_size, archiveSize), 1);
  }
  return sizes;
}

std::string readZipEntry(const fs::path& archivePath, const std::string& entry, const std::string& displayName,
                         bool gzipByName, const InputLimits& limits) {
  ZipHandle archive = openZip(archivePath);
  const zip_int64_t index = zip_name_locate(archive.get(), entry.c_str(), 0);
  if (index < 0) throw InputError(displayName, 0, "an entry of the archive", "no such entry");
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(index), 0, &stat) != 0) {
    throw InputError(displayName, 0, "a readable archive entry", zip_strerror(archive.get()));
  }
  const EntrySizes sizes = plausibleSizes(archivePath, stat);
  TextFromChunks text(displayName, gzipByName, limits, sizes.expected, sizes.packed);
  // Refused before inflating; a header that understates is caught while reading.
  if (stat.valid & ZIP_STAT_SIZE) text.requireSizeWithinLimit(stat.size, "an entry that declares");
  const ZipFileHandle file(zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(index), 0));
  if (!file) throw InputError(displayName, 0, "a readable archive entry", zip_strerror(archive.get()));
  std::string buffer(kTextCheckBytes, '\0');
  while (true) {
    const zip_int64_t got = zip_fread(file.get(), buffer.data(), buffer.size());
    if (got < 0) throw InputError(displayName, 0, "a readable archive entry", zip_file_strerror(file.get()));
    if (got == 0) break;
    text.add(std::string_view(buffer.data(), static_cast<size_t>(got)));
  }
  return text.finish();
}

}  // namespace

FileSource FileSource::open(const fs::path& path, const InputLimits& limits) {
  FileSource source;
  source.path_ = path;
  source.limits_ = limits;
  std::error_code error;
  const auto status = fs::status(path, error);
  if (error || !fs::exists(status)) {
    throw InputError(path.string(), 0, "an existing file, folder or archive", "nothing at that path");
  }

  if (fs::is_directory(status)) {
    source.kind_ = Kind::Folder;
    std::vector<std::pair<std::string, fs::path>> files;
    for (const auto& item : fs::directory_iterator(path, error)) {
      if (!item.is_regular_file(error)) continue;
      const std::string name = item.path().filename().string();
      if (!isClutter(name)) files.emplace_back(name, item.path());
    }
    if (error) throw InputError(path.string(), 0, "a readable folder", error.message());
    // Plain files first, so "x" wins over "x.gz" when both exist.
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) {
      return endsWith(a.first, ".gz") != endsWith(b.first, ".gz") ? !endsWith(a.first, ".gz") : a.first < b.first;
    });
    for (const auto& [name, filePath] : files) {
      const bool gzip = endsWith(name, ".gz");
      source.entries_.try_emplace(gzip ? withoutGz(name) : name, Entry{filePath.string(), gzip});
    }
    return source;
  }

  const std::string fileName = path.filename().string();
  if (endsWith(fileName, ".zip") || startsLikeZip(path)) {
    source.kind_ = Kind::Zip;
    ZipHandle archive = openZip(path);
    const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
    std::vector<std::string> entryNames;
    for (zip_int64_t i = 0; i < count; ++i) {
      const char* raw = zip_get_name(archive.get(), static_cast<zip_uint64_t>(i), 0);
      if (!raw) continue;
      std::string name = raw;
      if (name.empty() || name.back() == '/' || name.rfind("__MACOSX/", 0) == 0) continue;
      entryNames.push_back(std::move(name));
    }
    // One folder holding everything ("ml-100k/u.data", ...) is stripped, as unzipping would.
    std::string prefix;
    if (!entryNames.empty()) {
      const size_t slash = entryNames.front().find('/');
      if (slash != std::string::npos) {
        prefix = entryNames.front().substr(0, slash + 1);
        for (const auto& name : entryNames) {
          if (name.rfind(prefix, 0) != 0) {
            prefix.clear();
            break;
          }
        }
      }
    }
    std::sort(entryNames.begin(), entryNames.end(), [](const std::string& a, const std::string& b) {
      return endsWith(a, ".gz") != endsWith(b, ".gz") ? !endsWith(a, ".gz") : a < b;
    });
    for (const auto& entryName : entryNames) {
      const std::string name = entryName.substr(prefix.size());
      if (name.find('/') != std::string::npos) continue;  // only the top level, like a folder
      const std::string base = name.substr(name.rfind('/') + 1);
      if (isClutter(base)) continue;
      const bool gzip = endsWith(name, ".gz");
      source.entries_.try_emplace(gzip ? withoutGz(name) : name, Entry{entryName, gzip});
    }
    return source;
  }

  if (!fs::is_regular_file(status)) {
    throw InputError(path.string(), 0, "a regular file, folder or .zip archive", "something else");
  }
  source.kind_ = Kind::SingleFile;
  const bool gzip = endsWith(fileName, ".gz");
  source.entries_.emplace(gzip ? withoutGz(fileName) : fileName, Entry{path.string(), gzip});
  return source;
}

FileSource FileSource::inMemory(const fs::path& path, std::map<std::string, std::string> files,
                                const InputLimits& limits) {
  FileSource source;
  source.limits_ = limits;
  source.kind_ = Kind::Memory;
  source.path_ = path;
  source.contents_ = std::move(files);
  // Map order puts "x" before "x.gz", so the plain file wins as in a folder.
  for (const auto& [name, bytes] : source.contents_) {
    if (isClutter(name)) continue;
    const bool gzip = endsWith(name, ".gz");
    source.entries_.try_emplace(gzip ? withoutGz(name) : name, Entry{name, gzip});
  }
  return source;
}

bool FileSource::has(std::string_view name) const { return entries_.find(name) != entries_.end(); }

std::vector<std::string> FileSource::names() const {
  std::vector<std::string> out;
  out.reserve(entries_.size());
  for (const auto& [name, entry] : entries_) out.push_back(name);
  return out;
}

std::string FileSource::displayName(std::string_view name) const {
  const auto it = entries_.find(name);
  switch (kind_) {
    case Kind::Folder:
      return it != entries_.end() ? it->second.location : (path_ / fs::path(std::string(name))).string();
    case Kind::Memory:
      return (path_ / fs::path(it != entries_.end() ? it->second.location : std::string(name))).string();
    case Kind::Zip:
      return path_.string() + ":" + (it != entries_.end() ? it->second.location : std::string(name));
    case Kind::SingleFile:
      return it != entries_.end() ? it->second.location : path_.string();
  }
  return std::string(name);
}

std::string FileSource::read(std::string_view name) const {
  const auto it = entries_.find(name);
  const std::string shown = displayName(name);
  if (it == entries_.end()) throw InputError(shown, 0, "the file " + std::string(name), "no such file");
  const Entry& entry = it->second;
  switch (kind_) {
    case Kind::Zip: return readZipEntry(path_, entry.location, shown, entry.gzip, limits_);
    case Kind::Memory: {
      const std::string& bytes = contents_.find(entry.location)->second;
      TextFromChunks text(shown, entry.gzip, limits_, bytes.size());
      text.requireSizeWithinLimit(bytes.size(), "a file of");
      if (!bytes.empty()) text.add(bytes);
      return text.finish();
    }
    case Kind::Folder:
    case Kind::SingleFile: break;
  }
  return readFile(entry.location, shown, entry.gzip, limits_);
}

FileText FileSource::text(std::string_view name, MappedFile::Access access) const {
  const auto it = entries_.find(name);
  if (it == entries_.end() || kind_ == Kind::Zip || kind_ == Kind::Memory || it->second.gzip) {
    return FileText(read(name));
  }
  // Checked as read() checks them, before the mapping reads the whole file in: its size and its
  // first 64 KiB.
  const std::string shown = displayName(name);
  const std::string& location = it->second.location;
  std::error_code error;
  const uint64_t size = fs::file_size(location, error);
  if (!error) BoundedText(shown, limits_).requireSizeWithinLimit(size, "a file of");
  const std::string head = readHead(location);
  if (looksGzipped(head)) return FileText(read(name));  // inflated whatever its name says
  requireText(head, shown);
  try {
    return FileText(MappedFile(location, access));
  } catch (const std::runtime_error&) {
    return FileText(read(name));  // not mappable (a pipe, a special file): read() reports any real error
  }
}

}  // namespace ll
