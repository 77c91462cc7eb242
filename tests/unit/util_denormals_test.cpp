// Subnormals flushed to zero: on the test process's main thread (tests/support/test_main.cpp)
// and on every ThreadPool worker, whatever the creating thread's setting.
#include "core/util/denormals.h"

#include <gtest/gtest.h>

#include <atomic>
#include <limits>
#include <thread>

#if defined(__SSE__)
#include <xmmintrin.h>
#endif

#include "core/util/thread_pool.h"

namespace ll {
namespace {

// Volatile so the compiler cannot fold the product at compile time.
float halveSmallestNormal() {
  volatile float smallest = std::numeric_limits<float>::min();
  volatile float half = 0.5f;
  return smallest * half;
}

TEST(UtilDenormals, TheTestProcessFlushesLikeTheApps) {
#if defined(__SSE__)
  EXPECT_TRUE(denormalsFlushedToZero());
  EXPECT_EQ(halveSmallestNormal(), 0.0f);
#else
  GTEST_SKIP() << "no MXCSR on this architecture";
#endif
}

TEST(UtilDenormals, PoolWorkersFlushEvenWhenTheirCreatorDoesNot) {
#if defined(__SSE__)
  std::atomic<int> flushing{0}, zeroProducts{0};
  std::thread creator([&] {
    _mm_setcsr(_mm_getcsr() & ~0x8040u);  // a thread that keeps subnormals
    ASSERT_FALSE(denormalsFlushedToZero());
    ASSERT_NE(halveSmallestNormal(), 0.0f);
    ThreadPool pool(3);
    pool.parallelFor(3, [&](int32_t shard, size_t, size_t) {
      if (shard == 0) return;  // the creator's own share
      flushing += denormalsFlushedToZero() ? 1 : 0;
      zeroProducts += halveSmallestNormal() == 0.0f ? 1 : 0;
    });
  });
  creator.join();
  EXPECT_EQ(flushing.load(), 2);
  EXPECT_EQ(zeroProducts.load(), 2);
#else
  GTEST_SKIP() << "no MXCSR on this architecture";
#endif
}

}  // namespace
}  // namespace ll
