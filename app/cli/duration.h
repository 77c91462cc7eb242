#pragma once
// Wall-time durations on the command line (`tune --budget`): "90s", "10m", "1h", "1h30m", "2.5m",
// or a bare number of seconds.

#include <optional>
#include <string_view>

namespace ll::cli {

/// Seconds, or nothing when the text is not a positive duration of those forms.
std::optional<double> parseDuration(std::string_view text);

}  // namespace ll::cli
