#pragma once
// Internal to the parsers: which files of a source could be the one triplets ratings file.

#include <string>
#include <vector>

#include "core/data/file_source.h"

namespace ll {

/// Every file of a single-file source; in a folder or archive, the files that are not
/// documentation (README*, LICENSE*, *.md, *.html, *.pdf, *.json, scripts).
std::vector<std::string> tripletsCandidates(const FileSource& files);

/// "3 files: a, b, c" for error messages (at most five names shown).
std::string describeFiles(const std::vector<std::string>& names);

}  // namespace ll
