#include "core/data/bag_of_words.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace ll {

void BagOfWords::denseRow(int32_t r, std::span<float> out) const {
  if (out.size() != static_cast<size_t>(cols())) {
    throw std::invalid_argument("BagOfWords::denseRow: out holds " + std::to_string(out.size()) + " floats, the row " +
                                std::to_string(cols()));
  }
  std::fill(out.begin(), out.end(), 0.0f);
  for (const WordCount& w : row(r)) out[static_cast<size_t>(w.column)] = w.count;
}

const WordSource* BagOfWords::source(std::string_view name) const {
  const auto it = std::find_if(sources_.begin(), sources_.end(), [name](const WordSource& s) { return s.name == name; });
  return it == sources_.end() ? nullptr : &*it;
}

BagOfWordsBuilder::BagOfWordsBuilder(int32_t rows) : rows_(rows) {
  if (rows < 0) throw std::invalid_argument("BagOfWordsBuilder: a negative row count");
}

void BagOfWordsBuilder::beginSource(std::string name) {
  if (name.empty() || name.find(':') != std::string::npos) {
    throw std::invalid_argument("BagOfWordsBuilder: a source name must be non-empty and free of ':' (\"" + name + "\")");
  }
  closeSource();
  if (std::find(begunSources_.begin(), begunSources_.end(), name) != begunSources_.end()) {
    throw std::invalid_argument("BagOfWordsBuilder: source \"" + name + "\" begun twice");
  }
  begunSources_.push_back(name);
  sourceName_ = std::move(name);
  sourceOpen_ = true;
}

void BagOfWordsBuilder::add(int32_t row, std::string_view text, int64_t rank) {
  if (!sourceOpen_) throw std::logic_error("BagOfWordsBuilder::add before beginSource");
  if (row < 0 || row >= rows_) {
    throw std::out_of_range("BagOfWordsBuilder::add: row " + std::to_string(row) + " of " + std::to_string(rows_));
  }
  const auto [it, inserted] = sourceWordIds_.try_emplace(std::string(text), static_cast<int32_t>(sourceWords_.size()));
  if (inserted) sourceWords_.push_back({std::string(text), rank});
  sourceHits_.push_back({row, it->second});
}

void BagOfWordsBuilder::closeSource() {
  if (!sourceOpen_) return;
  sourceOpen_ = false;
  if (sourceWords_.empty()) return;  // no row has a word of it: not a source of this bag

  std::vector<int32_t> order(sourceWords_.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [this](int32_t a, int32_t b) {
    const SourceWord& x = sourceWords_[static_cast<size_t>(a)];
    const SourceWord& y = sourceWords_[static_cast<size_t>(b)];
    return x.rank != y.rank ? x.rank < y.rank : x.text < y.text;
  });
  const int32_t begin = bag_.cols();
  std::vector<int32_t> columnOf(sourceWords_.size());
  for (size_t c = 0; c < order.size(); ++c) {
    columnOf[static_cast<size_t>(order[c])] = begin + static_cast<int32_t>(c);
    bag_.words_.push_back(sourceName_ + ":" + sourceWords_[static_cast<size_t>(order[c])].text);
  }
  bag_.sources_.push_back({sourceName_, begin, bag_.cols()});
  for (const Hit& hit : sourceHits_) hits_.push_back({hit.row, columnOf[static_cast<size_t>(hit.column)]});

  sourceWords_.clear();
  sourceWordIds_.clear();
  sourceHits_.clear();
}

BagOfWords BagOfWordsBuilder::finish() {
  closeSource();
  std::sort(hits_.begin(), hits_.end(),
            [](const Hit& a, const Hit& b) { return a.row != b.row ? a.row < b.row : a.column < b.column; });
  bag_.offsets_.assign(static_cast<size_t>(rows_) + 1, 0);
  for (size_t k = 0; k < hits_.size(); ++k) {
    const Hit& hit = hits_[k];
    if (k > 0 && hit.row == hits_[k - 1].row && hit.column == hits_[k - 1].column) {
      bag_.entries_.back().count += 1.0f;  // the same word again in the row
      continue;
    }
    bag_.entries_.push_back({hit.column, 1.0f});
    ++bag_.offsets_[static_cast<size_t>(hit.row) + 1];
  }
  std::partial_sum(bag_.offsets_.begin(), bag_.offsets_.end(), bag_.offsets_.begin());
  hits_.clear();
  return std::move(bag_);
}

}  // namespace ll
