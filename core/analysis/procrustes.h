#pragma once
// Orthogonal Procrustes: the rotation (and translation) that best maps a layout onto a reference
// layout of the same rows, in the least-squares sense. The comet's replay uses it so consecutive
// frames do not spin: a factorisation U·Vᵀ is unchanged by U·R, Vᵀ·Rᵀ, so training is free to
// rotate the embeddings from one epoch to the next, and a projection of them rotates too.
//
// Row vectors throughout: a row x maps to x·R + t. With X and Y the (centred) layouts, R minimises
// ‖X·R − Y‖²; for XᵀY = U·Σ·Vᵀ it is U·Vᵀ, or, rotation only, U·diag(1, …, 1, det(U·Vᵀ))·Vᵀ
// (Umeyama 1991, "Least-squares estimation of transformation parameters between two point patterns").
// The dimension is general: c = 2 or 3 for a projected layout, d up to a few hundred for the
// embeddings themselves (an SVD of a d × d matrix).

#include <cstdint>
#include <span>
#include <vector>

namespace ll {

struct ProcrustesParams {
  bool allowReflection = false;  ///< R may have determinant −1 (a mirror image); off, R is a proper rotation (default: false)
  bool translate = true;         ///< centre both layouts first and return the translation; off, R turns about the origin and t = 0 (default: true)
};

struct ProcrustesResult {
  int32_t rows = 0;
  int32_t dimension = 0;         ///< c
  std::vector<double> rotation;  ///< c × c, row-major, orthogonal: a row x maps to x·R + t
  std::vector<double> translation;  ///< c: t = mean(Y) − mean(X)·R (zero when not translating)
  double initialResidual = 0.0;  ///< ‖X − Y‖² before any alignment (sum over rows of squared distances)
  double residual = 0.0;         ///< ‖X·R + t − Y‖² after alignment
  bool reflected = false;        ///< det R = −1 (only when reflections are allowed)
  /// Rank of the centred XᵀY (singular values above a relative 1e-9). Below c − 1 (below c when
  /// reflections are allowed) the best R is not unique: collinear points in 3-D can turn freely
  /// about their line, identical points any way at all. One of the optimal R is returned,
  /// deterministically, and the residual is still the minimum.
  int32_t rank = 0;

  double rotationAt(int32_t row, int32_t column) const { return rotation[static_cast<size_t>(row) * dimension + column]; }
};

/// layout, reference: rows × dimension, row-major, row r of one matching row r of the other.
/// No rows (or dimension 0) gives the identity, t = 0 and zero residuals. Throws InputError when a
/// span's size is not rows × dimension.
ProcrustesResult procrustes(std::span<const float> layout, std::span<const float> reference, int32_t rows, int32_t dimension,
                            const ProcrustesParams& params = {});

/// Applies x ↦ x·R + t to every row of layout (rows × result.dimension, row-major), in place.
void applyProcrustes(const ProcrustesResult& result, std::span<float> layout);

/// Aligns layout onto previous in place (procrustes, then applyProcrustes) and returns the fit:
/// the replay calls it frame after frame so each frame keeps the orientation of the one before.
ProcrustesResult alignTo(std::span<float> layout, std::span<const float> previous, int32_t rows, int32_t dimension,
                         const ProcrustesParams& params = {});

}  // namespace ll
