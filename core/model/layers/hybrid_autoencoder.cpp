#include "core/model/layers/hybrid_autoencoder.h"

#include <algorithm>
#include <cmath>

#include "core/model/layers/activation.h"

namespace ll {
namespace {

// The raw ratings as targets and rating / max / √n as inputs.
void scaledProfiles(const SparseProfiles& ratings, float maxRating, SparseProfiles& inputs, std::vector<float>& targets) {
  inputs = ratings;
  targets = ratings.weights;
  for (int32_t e = 0; e < ratings.count(); ++e) {
    const int64_t begin = ratings.offsets[e], end = ratings.offsets[e + 1];
    const float scale = end > begin ? 1.0f / (std::max(maxRating, 1e-6f) * std::sqrt(static_cast<float>(end - begin))) : 0.0f;
    for (int64_t k = begin; k < end; ++k) inputs.weights[k] *= scale;
  }
}

Eigen::Map<const Eigen::RowVectorXf> rowVector(const Parameters& parameters, int32_t block) {
  return {parameters[block].value.data(), static_cast<Eigen::Index>(parameters[block].size())};
}

// out.row(s) += add.row(slot[s]).
void addBySlot(RowMatrix& out, const RowMatrix& add, const std::vector<size_t>& slot) {
  for (size_t s = 0; s < slot.size(); ++s) out.row(static_cast<Eigen::Index>(s)) += add.row(static_cast<Eigen::Index>(slot[s]));
}

// Sums the rows of per-row gradients into per-entity ones (entities × cols).
RowMatrix sumBySlot(const RowMatrix& rows, const std::vector<size_t>& slot, size_t entities) {
  RowMatrix out = RowMatrix::Zero(static_cast<Eigen::Index>(entities), rows.cols());
  for (size_t s = 0; s < slot.size(); ++s) out.row(static_cast<Eigen::Index>(slot[s])) += rows.row(static_cast<Eigen::Index>(s));
  return out;
}

}  // namespace

HybridAutoencoder::HybridAutoencoder(Parameters& parameters, const std::string& name, Structure structure,
                                     Activation activation, int32_t dim, const SparseProfiles& ratings, int32_t otherCount,
                                     const BagOfWords& words, float maxRating, float meanRating, float codeGain)
    : structure_(structure), activation_(activation), dim_(dim), vocabulary_(words.cols()) {
  scaledProfiles(ratings, maxRating, inputs_, targets_);
  const bool dha = structure == Structure::Dha;
  if (hasWords()) words_ = unitWordRows(words, dha);
  const int32_t z = dim;
  const float denseSd = 1.0f / std::sqrt(static_cast<float>(z));
  // A row's input weights are ~ rating / max / √n, so Σ_j w_j W1[j] has about half the table's
  // variance: sd 1 keeps the first pre-activation near unit size. Word rows have unit length.
  inRatings_.table = parameters.add(name + ".in.ratings", otherCount, z, true, 1.0f);
  inBias_ = parameters.add(name + ".in.bias", 1, z, false, 0.0f);
  if (hasWords() && dha) {
    wordDim_ = std::max(1, z / 2);
    inWords_.table = parameters.add(name + ".in.words", vocabulary_, wordDim_, true, 1.0f);
    inWordsBias_ = parameters.add(name + ".in.words_bias", 1, wordDim_, false, 0.0f);
  } else if (hasWords()) {
    inWords_.table = parameters.add(name + ".in.words", vocabulary_, z, true, 1.0f);
  }
  code_ = DenseLayer(parameters, name + ".code", z + wordDim_, z, codeGain / std::sqrt(static_cast<float>(z + wordDim_)));
  if (hasWords() && !dha) codeWords_.table = parameters.add(name + ".code.words", vocabulary_, z, true, codeGain);
  decoder_ = DenseLayer(parameters, name + ".dec", z, z, denseSd);
  if (hasWords() && !dha) decWords_.table = parameters.add(name + ".dec.words", vocabulary_, z, true, 1.0f);
  outRatings_.table = parameters.add(name + ".out.ratings", otherCount, z, true, denseSd);
  outRatingsBias_ = parameters.add(name + ".out.ratings_bias", otherCount, 1, true, 0.0f, meanRating);
  if (hasWords()) {
    outWords_ = parameters.add(name + ".out.words", vocabulary_, z, false, denseSd);
    outWordsBias_ = parameters.add(name + ".out.words_bias", 1, vocabulary_, false, 0.0f);
  }
  for (int32_t block : {inBias_, inWordsBias_, outRatingsBias_, outWordsBias_, code_.biasBlock(), decoder_.biasBlock()}) {
    if (block >= 0) parameters[block].regularised = false;
  }
}

void HybridAutoencoder::encode(const Parameters& parameters, std::span<const int32_t> entities, EncoderCache& c,
                               RowMatrix& codes) const {
  const size_t rows = entities.size();
  c.entities.assign(entities.begin(), entities.end());
  std::sort(c.entities.begin(), c.entities.end());
  c.entities.erase(std::unique(c.entities.begin(), c.entities.end()), c.entities.end());
  c.slot.resize(rows);
  for (size_t s = 0; s < rows; ++s) {
    c.slot[s] = static_cast<size_t>(std::lower_bound(c.entities.begin(), c.entities.end(), entities[s]) - c.entities.begin());
  }
  const auto n = static_cast<Eigen::Index>(rows);
  RowMatrix perEntity;
  inRatings_.forward(parameters, inputs_, c.entities, perEntity);
  c.pre1.setZero(n, dim_);
  addBySlot(c.pre1, perEntity, c.slot);
  c.pre1.rowwise() += rowVector(parameters, inBias_);
  const bool dha = structure_ == Structure::Dha;
  if (hasWords() && !dha) {
    inWords_.forward(parameters, words_, c.entities, perEntity);
    addBySlot(c.pre1, perEntity, c.slot);
  }
  activate(activation_, c.pre1, c.h);
  if (wordDim_ > 0) {
    inWords_.forward(parameters, words_, c.entities, c.wordsPre);
    c.wordsPre.rowwise() += rowVector(parameters, inWordsBias_);
    activate(activation_, c.wordsPre, c.wordsOut);
    c.in2.resize(n, dim_ + wordDim_);
    c.in2.leftCols(dim_) = c.h;
    for (size_t s = 0; s < rows; ++s) {
      c.in2.row(static_cast<Eigen::Index>(s)).tail(wordDim_) = c.wordsOut.row(static_cast<Eigen::Index>(c.slot[s]));
    }
  } else {
    c.in2 = c.h;
  }
  code_.forward(parameters, c.in2, c.pre2);
  if (hasWords() && !dha) {
    codeWords_.forward(parameters, words_, c.entities, perEntity);
    addBySlot(c.pre2, perEntity, c.slot);
  }
  activate(activation_, c.pre2, codes);
  c.codes = codes;
}

void HybridAutoencoder::encodeBackward(const Parameters& parameters, const EncoderCache& c, const RowMatrix& dCodes,
                                       Gradients& gradients) const {
  const bool dha = structure_ == Structure::Dha;
  RowMatrix dPre2, dIn2, dPre1;
  activationBackward(activation_, c.pre2, c.codes, dCodes, dPre2);
  code_.backward(parameters, c.in2, dPre2, gradients, &dIn2);
  if (hasWords() && !dha) codeWords_.backward(words_, c.entities, sumBySlot(dPre2, c.slot, c.entities.size()), gradients);
  if (wordDim_ > 0) {
    const RowMatrix dWords = sumBySlot(dIn2.rightCols(wordDim_), c.slot, c.entities.size());
    RowMatrix dWordsPre;
    activationBackward(activation_, c.wordsPre, c.wordsOut, dWords, dWordsPre);
    gradientMatrix(gradients, inWordsBias_, 1).noalias() += dWordsPre.colwise().sum();
    inWords_.backward(words_, c.entities, dWordsPre, gradients);
  }
  activationBackward(activation_, c.pre1, c.h, dIn2.leftCols(dim_), dPre1);
  gradientMatrix(gradients, inBias_, 1).noalias() += dPre1.colwise().sum();
  const RowMatrix dEntity = sumBySlot(dPre1, c.slot, c.entities.size());
  inRatings_.backward(inputs_, c.entities, dEntity, gradients);
  if (hasWords() && !dha) inWords_.backward(words_, c.entities, dEntity, gradients);
}

double HybridAutoencoder::reconstruction(const Parameters& parameters, std::span<const int32_t> entities,
                                         const RowMatrix& codes, std::span<const float> weights, float scale,
                                         Gradients* gradients, RowMatrix* dCodes) const {
  const bool dha = structure_ == Structure::Dha;
  RowMatrix pre3, d, perEntity;
  decoder_.forward(parameters, codes, pre3);
  if (hasWords() && !dha) {
    decWords_.forward(parameters, words_, entities, perEntity);
    pre3 += perEntity;
  }
  activate(activation_, pre3, d);
  RowMatrix dD = RowMatrix::Zero(d.rows(), d.cols());
  RowMatrix* dDOut = gradients ? &dD : nullptr;
  double loss = reconstructRatings(parameters, entities, d, weights, scale, gradients, dDOut);
  if (hasWords()) loss += reconstructWords(parameters, entities, d, weights, scale, gradients, dDOut);
  if (!gradients) return loss;
  RowMatrix dPre3;
  activationBackward(activation_, pre3, d, dD, dPre3);
  decoder_.backward(parameters, codes, dPre3, *gradients, dCodes);
  if (hasWords() && !dha) decWords_.backward(words_, entities, dPre3, *gradients);
  return loss;
}

double HybridAutoencoder::reconstructRatings(const Parameters& parameters, std::span<const int32_t> entities,
                                             const RowMatrix& d, std::span<const float> weights, float scale,
                                             Gradients* gradients, RowMatrix* dD) const {
  const ParameterBlock& w = parameters[outRatings_.table];
  const ParameterBlock& b = parameters[outRatingsBias_];
  double loss = 0.0;
  for (size_t e = 0; e < entities.size(); ++e) {
    const auto row = static_cast<Eigen::Index>(e);
    const int64_t begin = inputs_.offsets[entities[e]], end = inputs_.offsets[entities[e] + 1];
    for (int64_t k = begin; k < end; ++k) {
      const int32_t j = inputs_.ids[k];
      const Eigen::Map<const Eigen::RowVectorXf> wj(w.row(j), dim_);
      const float error = wj.dot(d.row(row)) + b.value[static_cast<size_t>(j)] - targets_[k];
      loss += 0.5 * weights[e] * static_cast<double>(error) * error;
      if (!gradients) continue;
      const float g = scale * weights[e] * error;
      Eigen::Map<Eigen::RowVectorXf>(gradients->row(outRatings_.table, j), dim_) += g * d.row(row);
      *gradients->row(outRatingsBias_, j) += g;
      dD->row(row) += g * wj;
    }
  }
  return loss;
}

double HybridAutoencoder::reconstructWords(const Parameters& parameters, std::span<const int32_t> entities,
                                           const RowMatrix& d, std::span<const float> weights, float scale,
                                           Gradients* gradients, RowMatrix* dD) const {
  const ConstMatrixMap w5 = matrixOf(parameters[outWords_]);  // V × z
  const auto b5 = rowVector(parameters, outWordsBias_);       // 1 × V
  const RowMatrix gram = w5.transpose() * w5;                 // z × z
  const Eigen::RowVectorXf a = b5 * w5;                       // 1 × z: (W5ᵀ b5)ᵀ
  const double bb = b5.squaredNorm();
  double loss = 0.0;
  RowMatrix weightedOuter = RowMatrix::Zero(dim_, dim_);  // Σ ω d dᵀ
  Eigen::RowVectorXf weightedD = Eigen::RowVectorXf::Zero(dim_);
  double weightSum = 0.0;
  for (size_t e = 0; e < entities.size(); ++e) {
    const auto row = static_cast<Eigen::Index>(e);
    const Eigen::RowVectorXf de = d.row(row);
    const Eigen::RowVectorXf gd = de * gram;  // (G d)ᵀ, G symmetric
    const auto ids = words_.idsOf(entities[e]);
    const auto xs = words_.weightsOf(entities[e]);
    double xy = 0.0, xx = 0.0;
    Eigen::RowVectorXf wx = Eigen::RowVectorXf::Zero(dim_);  // (W5ᵀ x)ᵀ
    for (size_t k = 0; k < ids.size(); ++k) {
      const Eigen::Map<const Eigen::RowVectorXf> wk(parameters[outWords_].row(ids[k]), dim_);
      xy += static_cast<double>(xs[k]) * (wk.dot(de) + b5[ids[k]]);
      xx += static_cast<double>(xs[k]) * xs[k];
      wx += xs[k] * wk;
    }
    const double squared = static_cast<double>(gd.dot(de)) + 2.0 * a.dot(de) + bb - 2.0 * xy + xx;
    loss += 0.5 * weights[e] * squared;
    if (!gradients) continue;
    const float g = scale * weights[e];
    dD->row(row) += g * (gd + a - wx);
    weightedOuter.noalias() += g * de.transpose() * de;
    weightedD += g * de;
    weightSum += g;
    auto biasGradient = gradientMatrix(*gradients, outWordsBias_, 1);
    MatrixMap w5Gradient = gradientMatrix(*gradients, outWords_, vocabulary_);
    for (size_t k = 0; k < ids.size(); ++k) {
      w5Gradient.row(ids[k]) -= (g * xs[k]) * de;
      biasGradient(0, ids[k]) -= g * xs[k];
    }
  }
  if (!gradients) return loss;
  // ∂/∂W5 of ½ω‖W5 d + b5‖² summed: W5 (Σ ω d dᵀ) + b5ᵀ (Σ ω d); ∂/∂b5: W5 Σ ω d + (Σ ω) b5.
  gradientMatrix(*gradients, outWords_, vocabulary_).noalias() += w5 * weightedOuter + b5.transpose() * weightedD;
  gradientMatrix(*gradients, outWordsBias_, 1).noalias() +=
      (w5 * weightedD.transpose()).transpose() + static_cast<float>(weightSum) * b5;
  return loss;
}

}  // namespace ll
