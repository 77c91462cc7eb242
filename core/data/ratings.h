#pragma once
// Ratings stored once, in load order, with user-major and item-major CSR views built once, on
// first use.
// Shapes: every per-rating column has size(); user[k] ∈ [0, userCount), item[k] ∈ [0, itemCount).
// The columns and views are Columns: owned, or read in place from a mapped cache entry.

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <vector>

#include "core/data/column.h"

namespace ll {

struct Ratings {
  Column<int32_t> user;       ///< dense user index of each rating
  Column<int32_t> item;       ///< dense item index of each rating
  Column<float> value;        ///< the rating
  Column<int64_t> timestamp;  ///< seconds since the epoch; empty when the source has none
  int32_t userCount = 0;
  int32_t itemCount = 0;

  size_t size() const { return value.size(); }
  bool hasTimestamps() const { return !timestamp.empty(); }

  /// The user- and item-major CSR views. They are built from the columns when something first
  /// reads them (mf training and RMSE never do, and they cost 8 bytes a rating), once, by whichever
  /// thread asks first; the others wait for it. Fill the columns before reading a view: the index
  /// describes them as they were then (a copy of these Ratings shares a built index).
  struct Index {
    Column<int64_t> userOffsets, itemOffsets;  // userCount + 1, itemCount + 1
    Column<uint32_t> byUser, byItem;           // size() each
  };

  /// Builds the views now from the columns as they are, replacing any built before; throws
  /// std::logic_error when the per-rating vectors differ in size.
  void buildIndex();
  /// Whether the views have been built (so reading one costs nothing more).
  bool indexed() const { return index_.built() != nullptr; }

  /// Indices into the rating vectors of user u's ratings, ordered by item.
  std::span<const uint32_t> ofUser(int32_t u) const {
    const Index& x = index();
    return {x.byUser.data() + x.userOffsets[u], x.byUser.data() + x.userOffsets[u + 1]};
  }
  /// Indices into the rating vectors of item i's ratings, ordered by user.
  std::span<const uint32_t> ofItem(int32_t i) const {
    const Index& x = index();
    return {x.byItem.data() + x.itemOffsets[i], x.byItem.data() + x.itemOffsets[i + 1]};
  }
  int64_t userRatingCount(int32_t u) const {
    const Column<int64_t>& offsets = index().userOffsets;
    return offsets[u + 1] - offsets[u];
  }
  int64_t itemRatingCount(int32_t i) const {
    const Column<int64_t>& offsets = index().itemOffsets;
    return offsets[i + 1] - offsets[i];
  }

  /// The CSR arrays, for the binary cache: storing them saves rebuilding the index on reload.
  const Column<int64_t>& userOffsets() const { return index().userOffsets; }
  const Column<int64_t>& itemOffsets() const { return index().itemOffsets; }
  const Column<uint32_t>& byUser() const { return index().byUser; }
  const Column<uint32_t>& byItem() const { return index().byItem; }
  /// Takes CSR arrays read back from the cache; returns false (and keeps none) when they do not
  /// describe these ratings — each view must list every rating once, grouped by its key (compared
  /// per key by a 64-bit sum of mixed rating indices, so in sequential passes).
  bool adoptIndex(Index index);

 private:
  // The built index, published once: readers take the pointer with acquire; the first reader to
  // find none builds under the lock. Copies share the (immutable) index built so far; a move takes
  // it, leaving none behind with the moved-from columns.
  class IndexSlot {
   public:
    IndexSlot() = default;
    IndexSlot(const IndexSlot& other) { publish(other.shared()); }
    IndexSlot(IndexSlot&& other) noexcept { publish(other.take()); }
    IndexSlot& operator=(const IndexSlot& other) {
      if (this != &other) publish(other.shared());
      return *this;
    }
    IndexSlot& operator=(IndexSlot&& other) noexcept {
      if (this != &other) publish(other.take());
      return *this;
    }
    ~IndexSlot() = default;

    const Index* built() const { return published_.load(std::memory_order_acquire); }
    /// The index, built by `build` under the lock when none is published yet.
    template <typename Build>
    const Index& get(Build&& build) const {
      if (const Index* index = built()) return *index;
      std::lock_guard lock(mutex_);
      if (!owned_) {
        owned_ = std::make_shared<const Index>(build());
        published_.store(owned_.get(), std::memory_order_release);
      }
      return *owned_;
    }
    void publish(std::shared_ptr<const Index> index) {
      std::lock_guard lock(mutex_);
      owned_ = std::move(index);
      published_.store(owned_.get(), std::memory_order_release);
    }

   private:
    std::shared_ptr<const Index> shared() const {
      std::lock_guard lock(mutex_);
      return owned_;
    }
    std::shared_ptr<const Index> take() {
      std::lock_guard lock(mutex_);
      published_.store(nullptr, std::memory_order_release);
      return std::move(owned_);
    }

    mutable std::mutex mutex_;
    mutable std::atomic<const Index*> published_{nullptr};
    mutable std::shared_ptr<const Index> owned_;
  };

  const Index& index() const;
  Index builtIndex() const;

  IndexSlot index_;
};

}  // namespace ll
