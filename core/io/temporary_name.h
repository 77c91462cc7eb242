#pragma once
// Names for the temporaries our writers put beside a target (a file's ".NAME.<tag>.tmp", a
// folder's "NAME.partial-<tag>") before renaming them into place. Several processes, or several
// threads of one, may write the same target at the same moment (two runs filling one cache, two
// benchmark runs generating one world): each needs a temporary of its own, and a temporary left
// by a killed writer must be recognisable as abandoned so the next writer can remove it.

#include <string>
#include <string_view>

namespace ll {

/// "<pid>-<16 hex digits>", the digits random: unique among writers, two in one thread included.
std::string uniqueTemporaryTag();

/// Whether a tag (as uniqueTemporaryTag makes, or the older "<pid>-<tid>") names a process that
/// no longer runs. False for a tag that is not one of ours, and for this process.
bool temporaryWriterIsGone(std::string_view tag);

}  // namespace ll
