#pragma once
// Fold-in of an unseen user (Latent Spaces 2021 §3.8): with the movie side frozen, the user vector
// is the least-squares fit to the user's n known ratings. For mf the unknown is [p_u; b_u] and the
// target r − μ − b_i (the form's offset); in general any model affine in its user embedding
// (user_affine_form.h) can be folded into.
//
// Plain (ridge 0): the Moore–Penrose solution u = M⁺ r, minimum-norm when n is below the dimension.
// It is the exact interpolant at n = dim, where M is square and badly conditioned, so its error
// peaks there (Latent Spaces 2021 Table 2). A ridge λ‖u‖² on the non-bias coordinates removes the
// peak.

#include <cstdint>
#include <span>
#include <vector>

#include "core/analysis/user_affine_form.h"

namespace ll {

struct FoldInParams {
  double ridge = 0.0;  ///< λ on every coordinate but the plain user bias; 0 is the pseudo-inverse (default: 0)
};

/// The user vector (form.dim entries) from ratings[s] of movies items[s]. With no ratings, zeros.
std::vector<float> foldInUser(const UserAffineForm& form, std::span<const int32_t> items, std::span<const float> ratings,
                              const FoldInParams& params = {});

}  // namespace ll
