#include "core/data/file_source.h"

#include <zip.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>

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

// Refuses a binary file on its first chunk, before the rest is read: a compressed one is checked
// once inflated, by FileSource::read.
void checkFirstChunk(std::string_view chunk, const std::string& displayName, bool gzipByName) {
  if (!gzipByName && !looksGzipped(chunk)) requireText(chunk.substr(0, kTextCheckBytes), displayName);
}

std::string readWholeFile(const fs::path& path, const std::string& displayName, bool gzipByName) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(displayName, 0, "a readable file", std::strerror(errno));
  std::string bytes(kTextCheckBytes, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<size_t>(in.gcount()));
  checkFirstChunk(bytes, displayName, gzipByName);
  if (in) {
    std::error_code error;
    const auto size = fs::file_size(path, error);
    const size_t head = bytes.size();
    if (!error && size > head) {
      bytes.resize(size);
      in.read(bytes.data() + head, static_cast<std::streamsize>(size - head));
      bytes.resize(head + static_cast<size_t>(in.gcount()));
    } else {
      bytes.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
  }
  if (in.bad()) throw InputError(displayName, 0, "a readable file", "a read error");
  return bytes;
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

// An entry's declared size, to reserve room for it, but no more than the whole archive could
// inflate to (deflate tops out near 1032:1): a damaged header must not claim gigabytes.
zip_uint64_t plausibleEntrySize(const fs::path& archivePath, zip_uint64_t declared) {
  constexpr zip_uint64_t kMaxDeflateRatio = 1032;
  std::error_code error;
  const auto archiveSize = static_cast<zip_uint64_t>(fs::file_size(archivePath, error));
  if (error) return 0;
  return archiveSize > declared / kMaxDeflateRatio ? declared : archiveSize * kMaxDeflateRatio;
}

std::string readZipEntry(const fs::path& archivePath, const std::string& entry, const std::string& displayName,
                         bool gzipByName) {
  ZipHandle archive = openZip(archivePath);
  const zip_int64_t index = zip_name_locate(archive.get(), entry.c_str(), 0);
  if (index < 0) throw InputError(displayName, 0, "an entry of the archive", "no such entry");
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(index), 0, &stat) != 0) {
    throw InputError(displayName, 0, "a readable archive entry", zip_strerror(archive.get()));
  }
  const ZipFileHandle file(zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(index), 0));
  if (!file) throw InputError(displayName, 0, "a readable archive entry", zip_strerror(archive.get()));
  std::string bytes;
  char buffer[1 << 16];
  while (true) {
    const zip_int64_t got = zip_fread(file.get(), buffer, sizeof buffer);
    if (got < 0) throw InputError(displayName, 0, "a readable archive entry", zip_file_strerror(file.get()));
    if (got == 0) break;
    if (bytes.empty()) {
      checkFirstChunk(std::string_view(buffer, static_cast<size_t>(got)), displayName, gzipByName);
      if (stat.valid & ZIP_STAT_SIZE) bytes.reserve(plausibleEntrySize(archivePath, stat.size));
    }
    bytes.append(buffer, static_cast<size_t>(got));
  }
  return bytes;
}

}  // namespace

FileSource FileSource::open(const fs::path& path) {
  FileSource source;
  source.path_ = path;
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

FileSource FileSource::inMemory(const fs::path& path, std::map<std::string, std::string> files) {
  FileSource source;
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
  std::string bytes;
  switch (kind_) {
    case Kind::Zip: bytes = readZipEntry(path_, entry.location, shown, entry.gzip); break;
    case Kind::Memory:
      bytes = contents_.find(entry.location)->second;
      checkFirstChunk(bytes, shown, entry.gzip);
      break;
    case Kind::Folder:
    case Kind::SingleFile: bytes = readWholeFile(entry.location, shown, entry.gzip); break;
  }
  // Compressed files are inflated whatever their name says.
  if (!entry.gzip && !looksGzipped(bytes)) return bytes;
  std::string text = gunzip(bytes, shown);
  requireText(std::string_view(text).substr(0, kTextCheckBytes), shown);
  return text;
}

FileText FileSource::text(std::string_view name) const {
  const auto it = entries_.find(name);
  if (it == entries_.end() || kind_ == Kind::Zip || it->second.gzip) return FileText(read(name));
  try {
    return FileText(MappedFile(it->second.location));
  } catch (const std::runtime_error&) {
    return FileText(read(name));  // not mappable (a pipe, a special file): read() reports any real error
  }
}

}  // namespace ll
