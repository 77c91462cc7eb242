#pragma once
// Whether this test binary runs under AddressSanitizer or ThreadSanitizer (GCC's
// __SANITIZE_ADDRESS__ / __SANITIZE_THREAD__, Clang's __has_feature): tests of heavy numerical
// work shrink their sizes there, where everything costs five to fifteen times as much, and keep
// their full sizes in the Release build.

namespace ll::testing {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr bool kSanitizedBuild = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
inline constexpr bool kSanitizedBuild = true;
#else
inline constexpr bool kSanitizedBuild = false;
#endif
#else
inline constexpr bool kSanitizedBuild = false;
#endif

}  // namespace ll::testing
