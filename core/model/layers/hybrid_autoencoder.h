#pragma once
// One side's autoencoder of the NRP paper's hybrids (§1 Eq. 1, §3.1 Eq. 2): a user's (or movie's)
// rating row and side-information bag of words in, a code of z units out, decoders reconstructing
// both. Two structures, after the two models the paper compares against (its §1 tells them apart):
//   aSDAE (Dong et al. 2017, "additional stacked denoising autoencoder"): the side information is
//     added to every layer, encoder and decoder:
//       h = g(W1 r + S1 x + b1),  c = g(W2 h + S2 x + b2),  d = g(W3 c + S3 x + b3)
//     with x the whole bag at unit length.
//   DHA (Li et al. 2018, "deep heterogeneous autoencoders"): the side information has an input
//     network of its own and every source (age, gender, occupation, zip; title words, year, genre,
//     tag) is reconstructed on its own:
//       h = g(W1 r + b1),  hx = g(S1 x + bx) (max(1, z/2) wide),  c = g(W2 [h; hx] + b2),  d = g(W3 c + b3)
//     with each source of x at unit length, so that every source weighs alike in the input and in
//     the reconstruction loss.
// Both decode r̂_j = W4[j]·d + b4[j] on the observed entries of the row (AutoRec's loss: a missing
// rating is no zero rating) and x̂ = W5 d + b5 over the whole vocabulary, zeros included.
// g is ModelConfig::activation. The rating input r is nrp's (rating_profiles.h: rating / max over
// √(entries)); the targets are the raw ratings. There is no random masking noise: a code is a
// deterministic function of the training data (aSDAE's "denoising" is its structure's name here).
//
// Blocks ("<name>.<block>"; P: the other side's count, V: the side's words, zs = max(1, z/2)):
//   in.ratings P×z (row-sparse), in.bias z;   aSDAE: in.words V×z, code.words V×z, dec.words V×z
//   DHA: in.words V×zs, in.words_bias zs;     code z×(z or z + zs) + z;  dec z×z + z
//   out.ratings P×z (row-sparse), out.ratings_bias P;  out.words V×z, out.words_bias V
// Parameter count (no words: V = 0, and DHA's word network is left out too):
//   aSDAE  2Pz + P + 2z² + 3z + 4Vz + V
//   DHA    2Pz + P + 2z² + 3z + Vzs + zs + zs·z + Vz + V
//
// Cost: the word reconstruction is exact without forming x̂: ‖W5 d + b5 − x‖² = dᵀ(W5ᵀW5)d +
// 2(W5ᵀb5)·d + ‖b5‖² − 2x·(W5 d + b5) + ‖x‖², so a batch pays V·z² once and nnz(x)·z per entity.
//
// Shapes: entities are dense indices of this side; codes are rows × z, row-major.

#include <span>
#include <string>
#include <vector>

#include "core/data/bag_of_words.h"
#include "core/model/layers/dense_layer.h"
#include "core/model/layers/profile_encoder.h"
#include "core/model/model_config.h"

namespace ll {

class HybridAutoencoder {
 public:
  enum class Structure { Asdae, Dha };

  /// What encode() keeps for encodeBackward().
  struct EncoderCache {
    std::vector<int32_t> entities;   ///< the rows' distinct entities, ascending
    std::vector<size_t> slot;        ///< per row, its entity's index in entities
    RowMatrix pre1, h, wordsPre, wordsOut, in2, pre2, codes;
  };

  HybridAutoencoder() = default;
  /// ratings: per entity its training ratings, weights the raw ratings (rating_profiles.h's raw
  /// profiles); otherCount: the other side's count; words: the side's bags (no columns: none);
  /// codeGain: a factor on the initial weights into the code (code and, for aSDAE, code.words).
  HybridAutoencoder(Parameters& parameters, const std::string& name, Structure structure, Activation activation,
                    int32_t dim, const SparseProfiles& ratings, int32_t otherCount, const BagOfWords& words,
                    float maxRating, float meanRating, float codeGain = 1.0f);

  int32_t dim() const { return dim_; }
  /// The entity's training ratings (how many pairs share its reconstruction loss).
  int32_t ratingCount(int32_t entity) const {
    return static_cast<int32_t>(inputs_.offsets[entity + 1] - inputs_.offsets[entity]);
  }

  /// codes: entities.size() × z (an entity may repeat: it is encoded once and its code shared).
  void encode(const Parameters& parameters, std::span<const int32_t> entities, EncoderCache& cache, RowMatrix& codes) const;
  /// Adds the encoder's gradients for dCodes = ∂L/∂codes (rows × z).
  void encodeBackward(const Parameters& parameters, const EncoderCache& cache, const RowMatrix& dCodes,
                      Gradients& gradients) const;

  /// Σ_e weights[e] · (½ Σ_j (r̂_ej − r_ej)² + ½ ‖x̂_e − x_e‖²) over distinct entities with their
  /// codes (entities.size() × z). With gradients: adds scale · ∂/∂θ of it and writes
  /// dCodes = scale · ∂/∂codes.
  double reconstruction(const Parameters& parameters, std::span<const int32_t> entities, const RowMatrix& codes,
                        std::span<const float> weights, float scale, Gradients* gradients, RowMatrix* dCodes) const;

 private:
  bool hasWords() const { return vocabulary_ > 0; }
  double reconstructRatings(const Parameters& parameters, std::span<const int32_t> entities, const RowMatrix& d,
                            std::span<const float> weights, float scale, Gradients* gradients, RowMatrix* dD) const;
  double reconstructWords(const Parameters& parameters, std::span<const int32_t> entities, const RowMatrix& d,
                          std::span<const float> weights, float scale, Gradients* gradients, RowMatrix* dD) const;

  Structure structure_ = Structure::Asdae;
  Activation activation_ = Activation::Tanh;
  int32_t dim_ = 0;
  int32_t wordDim_ = 0;      // DHA's word network width
  int32_t vocabulary_ = 0;
  SparseProfiles inputs_;    // per entity: input weights (rating / max / √n)
  std::vector<float> targets_;  // aligned with inputs_.ids: the raw ratings
  SparseProfiles words_;     // per entity: its bag at unit length (DHA: each source at unit length)
  ProfileEncoder inRatings_, inWords_, codeWords_, decWords_, outRatings_;
  int32_t inBias_ = -1, inWordsBias_ = -1, outRatingsBias_ = -1, outWords_ = -1, outWordsBias_ = -1;
  DenseLayer code_, decoder_;
};

}  // namespace ll
