// t-SNE's stage 4 (tsne.h): the gradient of KL(P ‖ Q) and the divergence itself.
//
// With w_ij = 1 / (1 + ‖y_i − y_j‖²), Z = Σ_{k≠l} w_kl and q_ij = w_ij / Z:
//   ∂KL/∂y_i = 4 (α Σ_j p_ij w_ij (y_i − y_j) − (1/Z) Σ_j w_ij² (y_i − y_j))
//   KL = Σ p_ij log(p_ij / w_ij) + (Σ p_ij) log Z
// The first sums run over P's entries only; the second come from tsneRepulsion.

#include <cmath>
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

// Per point: the attraction Σ_j p_ij w_ij (y_i − y_j), Σ_j p_ij log(p_ij / w_ij) and Σ_j p_ij.
void tsneAttraction(const TsneAffinities& p, std::span<const double> y, size_t c, bool withKl, ThreadPool* pool,
                    TsneGradientWorkspace& workspace) {
  const auto work = [&](int32_t, size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      double force[3] = {0.0, 0.0, 0.0}, kl = 0.0, mass = 0.0;
      for (int64_t e = p.offsets[i]; e < p.offsets[i + 1]; ++e) {
        const double pij = p.values[static_cast<size_t>(e)];
        const auto j = static_cast<size_t>(p.targets[static_cast<size_t>(e)]);
        double diff[3] = {0.0, 0.0, 0.0}, d2 = 0.0;
        for (size_t d = 0; d < c; ++d) {
          diff[d] = y[i * c + d] - y[j * c + d];
          d2 += diff[d] * diff[d];
        }
        const double w = 1.0 / (1.0 + d2);
        for (size_t d = 0; d < c; ++d) force[d] += pij * w * diff[d];
        // log(p / w) = log p + log(1 + d²); two logarithms per entry cost as much as the rest of
        // the gradient, hence only when asked for.
        if (withKl && pij > 0.0) kl += pij * (std::log(pij) + std::log(1.0 + d2));
        mass += pij;
      }
      for (size_t d = 0; d < c; ++d) workspace.attraction[i * c + d] = force[d];
      workspace.perPointKl[i] = kl;
      workspace.perPointP[i] = mass;
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
