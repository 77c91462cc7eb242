#pragma once
// An allocator whose blocks start on a 64-byte cache line: a table of rows whose length is a
// multiple of 16 floats then has every row on cache lines of its own, so a 64-byte (AVX-512) load
// of a row never straddles two lines. 64 also satisfies Eigen's widest packet alignment.

#include <cstddef>
#include <new>

namespace ll {

template <typename T>
struct CacheLineAllocator {
  using value_type = T;
  static constexpr std::align_val_t kAlignment{64};

  CacheLineAllocator() = default;
  template <typename U>
  CacheLineAllocator(const CacheLineAllocator<U>&) noexcept {}

  T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), kAlignment)); }
  void deallocate(T* p, std::size_t) noexcept { ::operator delete(p, kAlignment); }

  template <typename U>
  bool operator==(const CacheLineAllocator<U>&) const noexcept {
    return true;
  }
};

}  // namespace ll
