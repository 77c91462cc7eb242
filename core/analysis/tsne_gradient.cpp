// t-SNE's stage 4 (tsne.h): the gradient of KL(P ‖ Q) and the divergence itself.
//
// With w_ij = 1 / (1 + ‖y_i − y_j‖²), Z = Σ_{k≠l} w_kl and q_ij = w_ij / Z:
//   ∂KL/∂y_i = 4 (α Σ_j p_ij w_ij (y_i − y_j) − (1/Z) Σ_j w_ij² (y_i − y_j))
//   KL = Σ p_ij log(p_ij / w_ij) + (Σ p_ij) log Z
// The first sums run over P's entries only; the second come from tsneRepulsion.

#include <cmath>
#if defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
#endif
#include <stdexcept>
#include <utility>

#include "core/analysis/tsne_forces.h"
#include "core/util/thread_pool.h"

namespace ll {
namespace {

void checkTsneLayout(const TsneAffinities& p, std::span<const double> y, int32_t components) {
  if (components < 2 || components > 3 || y.size() != static_cast<size_t>(p.rows) * static_cast<size_t>(components)) {
    throw std::invalid_argument("t-SNE gradient: y must hold rows × components values, components 2 or 3");
  }
}

// Σ_j p_ij w_ij (y_i − y_j) over row i's entries [begin, end), added to force. With AVX2, four
// entries at a time (their coordinates gathered), the lanes summed in a fixed order: the same
// result for any thread count, and the KL pass below does not change it.
template <size_t c>
void attractRow(const TsneAffinities& p, const double* y, size_t i, int64_t begin, int64_t end, double* force) {
  const double* yi = y + i * c;
  int64_t e = begin;
#if defined(__AVX2__) && defined(__FMA__)
  __m256d sum[c];
  __m256d at[c];
  for (size_t d = 0; d < c; ++d) {
    sum[d] = _mm256_setzero_pd();
    at[d] = _mm256_set1_pd(yi[d]);
  }
  const __m256d one = _mm256_set1_pd(1.0);
  const __m128i stride = _mm_set1_epi32(static_cast<int32_t>(c));
  // The masked form with every lane on: the plain gather's undefined source trips GCC 12's
  // -Wmaybe-uninitialized.
  const __m256d all = _mm256_castsi256_pd(_mm256_set1_epi64x(-1));
  for (; e + 4 <= end; e += 4) {
    const __m128i j = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p.targets.data() + e));
    const __m128i row = _mm_mullo_epi32(j, stride);
    __m256d diff[c];
    __m256d d2 = one;
    for (size_t d = 0; d < c; ++d) {
      diff[d] = _mm256_sub_pd(at[d], _mm256_mask_i32gather_pd(_mm256_setzero_pd(), y + d, row, all, 8));
      d2 = _mm256_fmadd_pd(diff[d], diff[d], d2);
    }
    const __m256d pw = _mm256_div_pd(_mm256_loadu_pd(p.values.data() + e), d2);
    for (size_t d = 0; d < c; ++d) sum[d] = _mm256_fmadd_pd(pw, diff[d], sum[d]);
  }
  for (size_t d = 0; d < c; ++d) {
    alignas(32) double lanes[4];
    _mm256_store_pd(lanes, sum[d]);
    force[d] += (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
  }
#endif
  for (; e < end; ++e) {
    const double* yj = y + static_cast<size_t>(p.targets[static_cast<size_t>(e)]) * c;
    double diff[c], d2 = 1.0;
    for (size_t d = 0; d < c; ++d) {
      diff[d] = yi[d] - yj[d];
      d2 += diff[d] * diff[d];
    }
    const double pw = p.values[static_cast<size_t>(e)] / d2;
    for (size_t d = 0; d < c; ++d) force[d] += pw * diff[d];
  }
}

// Row i's Σ_j p_ij log(p_ij / w_ij) = Σ_j p_ij (log p_ij + log(1 + d²)) and Σ_j p_ij.
void klOfRow(const TsneAffinities& p, std::span<const double> y, size_t c, size_t i, double& kl, double& mass) {
  kl = 0.0;
  mass = 0.0;
  for (int64_t e = p.offsets[i]; e < p.offsets[i + 1]; ++e) {
    const double pij = p.values[static_cast<size_t>(e)];
    const auto j = static_cast<size_t>(p.targets[static_cast<size_t>(e)]);
    double d2 = 0.0;
    for (size_t d = 0; d < c; ++d) d2 += (y[i * c + d] - y[j * c + d]) * (y[i * c + d] - y[j * c + d]);
    if (pij > 0.0) kl += pij * (std::log(pij) + std::log1p(d2));
    mass += pij;
  }
}

// Per point: the attraction and, when withKl (two logarithms per entry cost as much as the rest
// of the gradient, hence only when asked for), Σ_j p_ij log(p_ij / w_ij) and Σ_j p_ij.
void tsneAttraction(const TsneAffinities& p, std::span<const double> y, size_t c, bool withKl, ThreadPool* pool,
                    TsneGradientWorkspace& workspace) {
  const auto work = [&](int32_t, size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      double force[3] = {0.0, 0.0, 0.0};
      if (c == 2) {
        attractRow<2>(p, y.data(), i, p.offsets[i], p.offsets[i + 1], force);
      } else {
        attractRow<3>(p, y.data(), i, p.offsets[i], p.offsets[i + 1], force);
      }
      for (size_t d = 0; d < c; ++d) workspace.attraction[i * c + d] = force[d];
      if (withKl) klOfRow(p, y, c, i, workspace.perPointKl[i], workspace.perPointP[i]);
    }
  };
  if (pool) {
    pool->parallelFor(static_cast<size_t>(p.rows), work);
  } else {
    work(0, 0, static_cast<size_t>(p.rows));
  }
}

// Σ over points in point order, so the result is the same for any thread count.
double tsneKlFromParts(const TsneGradientWorkspace& workspace, double z) {
  double kl = 0.0, mass = 0.0;
  for (size_t i = 0; i < workspace.perPointKl.size(); ++i) {
    kl += workspace.perPointKl[i];
    mass += workspace.perPointP[i];
  }
  return z > 0.0 ? kl + mass * std::log(z) : kl;
}

void resizeTsneWorkspace(TsneGradientWorkspace& workspace, size_t rows, size_t c) {
  workspace.attraction.resize(rows * c);
  workspace.repulsion.resize(rows * c);
  workspace.gradient.resize(rows * c);
  workspace.perPointZ.resize(rows);
  workspace.perPointKl.resize(rows);
  workspace.perPointP.resize(rows);
}

}  // namespace

TsneGradient evaluateTsneGradient(const TsneAffinities& p, std::span<const double> y, int32_t components,
                                  double exaggeration, double theta, bool withKl, ThreadPool* pool,
                                  TsneGradientWorkspace& workspace) {
  checkTsneLayout(p, y, components);
  const auto n = static_cast<size_t>(p.rows), c = static_cast<size_t>(components);
  resizeTsneWorkspace(workspace, n, c);
  tsneAttraction(p, y, c, withKl, pool, workspace);
  TsneGradient result;
  result.normalisation =
      tsneRepulsion(y, p.rows, components, theta, workspace.tree, workspace.repulsion, workspace.perPointZ, pool);
  const double inverseZ = result.normalisation > 0.0 ? 1.0 / result.normalisation : 0.0;
  for (size_t v = 0; v < n * c; ++v) {
    workspace.gradient[v] = 4.0 * (exaggeration * workspace.attraction[v] - inverseZ * workspace.repulsion[v]);
  }
  if (withKl) result.klDivergence = tsneKlFromParts(workspace, result.normalisation);
  return result;
}

TsneGradient tsneGradient(const TsneAffinities& p, std::span<const double> y, int32_t components, double exaggeration,
                          double theta, ThreadPool* pool) {
  TsneGradientWorkspace workspace;
  TsneGradient result = evaluateTsneGradient(p, y, components, exaggeration, theta, true, pool, workspace);
  result.gradient = std::move(workspace.gradient);
  return result;
}

double exactTsneKlDivergence(const TsneAffinities& p, std::span<const double> y, int32_t components, ThreadPool* pool) {
  checkTsneLayout(p, y, components);
  TsneGradientWorkspace workspace;
  resizeTsneWorkspace(workspace, static_cast<size_t>(p.rows), static_cast<size_t>(components));
  tsneAttraction(p, y, static_cast<size_t>(components), true, pool, workspace);
  const double z =
      tsneRepulsion(y, p.rows, components, 0.0, workspace.tree, workspace.repulsion, workspace.perPointZ, pool);
  return tsneKlFromParts(workspace, z);
}

}  // namespace ll
