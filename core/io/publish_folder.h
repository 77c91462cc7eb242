#pragma once
// Folders that land whole or not at all, however many processes write them at once (two
// benchmark runs generating one world, two `synth --out` into one folder). Each writer fills a
// folder of its own beside the destination ("NAME.partial-<pid>-<random>", io/temporary_name.h)
// and renames it into place. A stamp file inside says what the folder holds (the parameters it
// was generated from, a checksum of its data): a writer that finds the destination already holds
// the same stamp lost the race to an equivalent folder, deletes its own and succeeds.

#include <filesystem>
#include <functional>
#include <string_view>

namespace ll {

/// The file inside a published folder that holds its stamp.
inline constexpr std::string_view kFolderStampName = ".latentlens-stamp";

enum class Publication {
  Published,    ///< our folder is now the destination
  AlreadyThere  ///< the destination held the same stamp already (before we started, or another writer was first)
};

/// Publishes `destination`: unless it already holds `stamp`, calls fill(staging) to write the
/// files into a fresh, empty folder beside it, adds the stamp and renames that folder into place
/// (replacing an empty folder). A staging folder left by a killed writer is removed first.
/// Throws std::runtime_error naming the destination, what it expected and what it found, when
/// the destination is something else (a file, a folder with other contents or another stamp);
/// the destination is then untouched. An exception from fill is rethrown, nothing left behind.
Publication publishFolder(const std::filesystem::path& destination, std::string_view stamp,
                          const std::function<void(const std::filesystem::path& staging)>& fill);

}  // namespace ll
