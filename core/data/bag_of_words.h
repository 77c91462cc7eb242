#pragma once
// A bag of words per row (a user or a movie): the sparse rows × vocabulary matrix of word counts
// the NRP paper's §4 feeds its side-information encoders ("bag of words (BoW) to represent the
// item and user side information"), stored as CSR, with a named vocabulary grouped by source.
//
// A word is written "source:text" ("genre:Comedy", "title:star", "zip3:941"). The columns of a
// source are contiguous, sources in the order they were built; within a source columns follow a
// rank the builder is given (age group order, year, genre order), then the text's bytes, so the
// column order is a function of the data alone. A source no row has a word of is left out: every
// listed source has at least one column.
//
// Sections: BagOfWords (read side) · BagOfWordsBuilder.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ll {

/// One non-zero of a row: the word's column and how many times the row has it.
struct WordCount {
  int32_t column = 0;
  float count = 0.0f;
};

/// The columns [begin, end) of one source of words ("age", "title", …).
struct WordSource {
  std::string name;
  int32_t begin = 0;
  int32_t end = 0;

  int32_t size() const { return end - begin; }
};

class BagOfWords {
 public:
  int32_t rows() const { return static_cast<int32_t>(offsets_.size()) - 1; }
  int32_t cols() const { return static_cast<int32_t>(words_.size()); }
  int64_t nonZeros() const { return static_cast<int64_t>(entries_.size()); }

  /// Row r's non-zeros, by ascending column.
  std::span<const WordCount> row(int32_t r) const {
    return {entries_.data() + offsets_[static_cast<size_t>(r)], entries_.data() + offsets_[static_cast<size_t>(r) + 1]};
  }
  /// Row r as cols() floats (the counts, zeros elsewhere) into out, which must hold cols() floats.
  void denseRow(int32_t r, std::span<float> out) const;

  /// The word of every column, "source:text".
  const std::vector<std::string>& words() const { return words_; }
  const std::vector<WordSource>& sources() const { return sources_; }
  /// The source named name, or nullptr when no row has a word of it.
  const WordSource* source(std::string_view name) const;

  /// CSR arrays: offsets() has rows() + 1 entries, row r's non-zeros are
  /// entries()[offsets()[r], offsets()[r + 1]).
  std::span<const int64_t> offsets() const { return offsets_; }
  std::span<const WordCount> entries() const { return entries_; }

 private:
  friend class BagOfWordsBuilder;
  std::vector<int64_t> offsets_ = {0};
  std::vector<WordCount> entries_;
  std::vector<std::string> words_;
  std::vector<WordSource> sources_;
};

/// Collects words source by source, then builds the matrix once.
class BagOfWordsBuilder {
 public:
  explicit BagOfWordsBuilder(int32_t rows);

  /// Starts the next source; name must not contain ':' and must differ from the earlier ones'.
  void beginSource(std::string name);
  /// One more occurrence of text (without the "source:" prefix) in row. Columns of the current
  /// source are ordered by rank, then by text; a text's rank is the one it was first added with.
  void add(int32_t row, std::string_view text, int64_t rank = 0);

  /// The matrix; the builder is spent.
  BagOfWords finish();

 private:
  struct SourceWord {
    std::string text;
    int64_t rank = 0;
  };
  struct Hit {
    int32_t row = 0;
    int32_t column = 0;  // the source-local word id until the source closes
  };
  void closeSource();

  int32_t rows_ = 0;
  BagOfWords bag_;
  std::vector<Hit> hits_;  // the closed sources' hits, with final columns
  std::vector<std::string> begunSources_;
  std::string sourceName_;
  bool sourceOpen_ = false;
  std::vector<SourceWord> sourceWords_;
  std::unordered_map<std::string, int32_t> sourceWordIds_;
  std::vector<Hit> sourceHits_;
};

}  // namespace ll
