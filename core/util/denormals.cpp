#include "core/util/denormals.h"

#if defined(__SSE__)
#include <xmmintrin.h>
#endif

namespace ll {

#if defined(__SSE__)
namespace {
constexpr unsigned kFlushToZero = 0x8000;      // MXCSR bit 15
constexpr unsigned kDenormalsAreZero = 0x0040;  // MXCSR bit 6
}  // namespace

void flushDenormalsToZero() { _mm_setcsr(_mm_getcsr() | kFlushToZero | kDenormalsAreZero); }

bool denormalsFlushedToZero() {
  return (_mm_getcsr() & (kFlushToZero | kDenormalsAreZero)) == (kFlushToZero | kDenormalsAreZero);
}
#else
void flushDenormalsToZero() {}
bool denormalsFlushedToZero() { return false; }
#endif

}  // namespace ll
