#pragma once
// How the CLI names core's settings: an error core reports about a setting ("dimension:
// expected …") is printed with the flag that sets it ("--dim: expected …").

#include <string_view>

#include "core/data/setting_error.h"

namespace ll::cli {

std::string_view settingFlag(Setting setting);

}  // namespace ll::cli
