#pragma once
// One column of a data set (a rating column, a CSR array): values it owns, as parsed or built,
// or a read-only view of values in memory that a shared owner keeps alive — a mapped cache
// entry, read in place instead of copied (copying the 700 MB of a 25M-rating entry out of its
// mapping, page faults and all, was the largest part of a reload). Reading is the same either
// way; the writers copy a viewed column into owned memory first, so a view is never written
// through.
// Copies of a viewed column share the view and its owner; copies of an owned one copy the values.

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <span>
#include <utility>
#include <vector>

namespace ll {

template <class T>
class Column {
 public:
  using value_type = T;
  using const_iterator = const T*;
  using iterator = const T*;  // reading only: writes go through operator[] or edit()

  Column() = default;
  // Implicit: a column is its values, so a parser's vector (or a list of values) assigns to one.
  Column(std::vector<T> values) : owned_(std::move(values)) { showOwned(); }
  Column(std::initializer_list<T> values) : owned_(values) { showOwned(); }

  /// Values that `owner` keeps alive, read in place for as long as any copy of this column lives.
  static Column viewOf(std::span<const T> values, std::shared_ptr<const void> owner) {
    Column column;
    column.values_ = values;
    column.owner_ = std::move(owner);
    return column;
  }

  Column(const Column& other) : owned_(other.owned_), owner_(other.owner_) {
    if (viewing()) {
      values_ = other.values_;
    } else {
      showOwned();
    }
  }
  Column(Column&& other) noexcept : owned_(std::move(other.owned_)), owner_(std::move(other.owner_)) {
    if (viewing()) {
      values_ = other.values_;
    } else {
      showOwned();  // the moved vector keeps its buffer
    }
    other.clear();
  }
  Column& operator=(Column other) noexcept {
    swap(other);
    return *this;
  }
  ~Column() = default;

  /// Whether the values are a view of memory another object owns (a mapped file).
  bool viewing() const { return owner_ != nullptr; }

  size_t size() const { return values_.size(); }
  bool empty() const { return values_.empty(); }
  const T* data() const { return values_.data(); }
  const T& operator[](size_t k) const { return values_[k]; }
  const T& front() const { return values_.front(); }
  const T& back() const { return values_.back(); }
  const T* begin() const { return values_.data(); }
  const T* end() const { return values_.data() + values_.size(); }
  std::span<const T> span() const { return values_; }
  // Implicit, so functions that read values take a std::span<const T> and any column or vector.
  operator std::span<const T>() const { return values_; }

  /// A value, writable: a viewed column is copied into owned memory first. (Reading through a
  /// non-const column is reading too, but checks for a view on every access: loops over many
  /// values read a const column or take edit() once.)
  T& operator[](size_t k) {
    own();
    return owned_[k];
  }
  /// The values, writable (a viewed column is copied into owned memory first).
  std::span<T> edit() {
    own();
    return owned_;
  }
  void push_back(const T& value) {
    own();
    owned_.push_back(value);
    showOwned();
  }
  void resize(size_t size) {
    own();
    owned_.resize(size);
    showOwned();
  }
  void reserve(size_t size) {
    own();
    owned_.reserve(size);
    showOwned();
  }
  void clear() {
    owner_.reset();
    owned_.clear();
    showOwned();
  }

  void swap(Column& other) noexcept {
    owned_.swap(other.owned_);
    std::swap(values_, other.values_);
    owner_.swap(other.owner_);
  }

  friend bool operator==(const Column& a, const Column& b) { return std::ranges::equal(a.values_, b.values_); }

 private:
  void own() {
    if (!viewing()) return;
    owned_.assign(values_.begin(), values_.end());
    owner_.reset();
    showOwned();
  }
  void showOwned() { values_ = owned_; }

  std::vector<T> owned_;               // the values, unless viewing
  std::span<const T> values_;          // what is read: owned_, or the view
  std::shared_ptr<const void> owner_;  // keeps a view's memory alive; null when owning
};

}  // namespace ll
