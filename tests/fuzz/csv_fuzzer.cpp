// The RFC-4180 record reader (core/data/text/csv.h) under every CSV parser: malformed quoting
// must end in an InputError; every record it returns has at least one field, starts on a later
// line than the one before, and shows a raw text that lies within the input.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/data/input_error.h"
#include "core/data/text/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    ll::CsvReader csv(text, "fuzz.csv");
    int64_t lastLine = 0;
    while (csv.next()) {
      if (csv.size() == 0 || csv.line() <= lastLine) std::abort();
      lastLine = csv.line();
      const std::string_view raw = csv.rawRecord();
      if (raw.data() < text.data() || raw.data() + raw.size() > text.data() + text.size()) std::abort();
    }
  } catch (const ll::InputError&) {
  }
  return 0;
}
