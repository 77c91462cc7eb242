#pragma once
// One field of a CSV file we write (RFC 4180): quoted, with inner quotes doubled, when it holds a
// comma, a quote or a line break; as it is otherwise.

#include <string>
#include <string_view>

namespace ll {

std::string csvField(std::string_view text);

}  // namespace ll
