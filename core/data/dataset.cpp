#include "core/data/dataset.h"

#include "core/io/checksum.h"

namespace ll {

uint64_t Dataset::checksum() const {
  Checksum c;
  c.update(std::span<const int32_t>(ratings.user));
  c.update(std::span<const int32_t>(ratings.item));
  c.update(std::span<const float>(ratings.value));
  c.update(std::span<const int64_t>(ratings.timestamp));
  return c.value();
}

}  // namespace ll
