#include "core/model/parameters.h"

#include <algorithm>
#include <cmath>

#include "core/util/random.h"

namespace ll {

int32_t Parameters::add(std::string name, int32_t rows, int32_t cols, bool rowSparse, float initSd, float initMean) {
  ParameterBlock block;
  block.name = std::move(name);
  block.rows = rows;
  block.cols = cols;
  block.rowSparse = rowSparse;
  block.initMean = initMean;
  block.initSd = initSd;
  block.value.assign(static_cast<size_t>(rows) * static_cast<size_t>(cols), 0.0f);
  blocks_.push_back(std::move(block));
  return static_cast<int32_t>(blocks_.size()) - 1;
}

void Parameters::initialise(uint64_t seed) {
  for (size_t k = 0; k < blocks_.size(); ++k) {
    Random random = Random::derived(seed, k);
    ParameterBlock& b = blocks_[k];
    for (float& v : b.value) v = b.initSd > 0.0f ? static_cast<float>(random.normal(b.initMean, b.initSd)) : b.initMean;
  }
}

int32_t Parameters::find(const std::string& name) const {
  for (size_t k = 0; k < blocks_.size(); ++k) {
    if (blocks_[k].name == name) return static_cast<int32_t>(k);
  }
  return -1;
}

int64_t Parameters::scalarCount() const {
  int64_t total = 0;
  for (const auto& b : blocks_) total += static_cast<int64_t>(b.size());
  return total;
}

bool Parameters::allFinite() const {
  for (const auto& b : blocks_) {
    for (float v : b.value) {
      if (!std::isfinite(v)) return false;
    }
  }
  return true;
}

Gradients::Gradients(const Parameters& parameters) {
  for (int32_t k = 0; k < parameters.count(); ++k) {
    const ParameterBlock& p = parameters[k];
    Block b;
    b.rows = p.rows;
    b.cols = p.cols;
    b.rowSparse = p.rowSparse;
    b.values.assign(p.size(), 0.0f);
    if (p.rowSparse) b.touchedFlag.assign(static_cast<size_t>(p.rows), 0);
    blocks_.push_back(std::move(b));
  }
}

void Gradients::clear() {
  for (auto& b : blocks_) {
    if (!b.rowSparse) {
      std::fill(b.values.begin(), b.values.end(), 0.0f);
      continue;
    }
    for (int32_t r : b.touched) {
      std::fill_n(b.values.begin() + static_cast<std::ptrdiff_t>(r) * b.cols, b.cols, 0.0f);
      b.touchedFlag[r] = 0;
    }
    b.touched.clear();
  }
}

void Gradients::add(const Gradients& other) {
  for (size_t k = 0; k < blocks_.size(); ++k) {
    const Block& from = other.blocks_[k];
    if (!from.rowSparse) {
      auto& to = blocks_[k].values;
      for (size_t j = 0; j < to.size(); ++j) to[j] += from.values[j];
      continue;
    }
    for (int32_t r : from.touched) {
      float* target = row(static_cast<int32_t>(k), r);
      const float* source = from.values.data() + static_cast<size_t>(r) * from.cols;
      for (int32_t c = 0; c < from.cols; ++c) target[c] += source[c];
    }
  }
}

void Gradients::scale(float factor) {
  for (auto& b : blocks_) {
    if (!b.rowSparse) {
      for (float& v : b.values) v *= factor;
      continue;
    }
    for (int32_t r : b.touched) {
      float* values = b.values.data() + static_cast<size_t>(r) * b.cols;
      for (int32_t c = 0; c < b.cols; ++c) values[c] *= factor;
    }
  }
}

}  // namespace ll
