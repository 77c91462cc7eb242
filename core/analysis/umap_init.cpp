// UMAP's stage 4 (umap.h): the layout the SGD starts from.
//
// Spectral: the eigenvectors of the normalised Laplacian I − D^{-1/2} W D^{-1/2} with the
// smallest non-trivial eigenvalues are those of N = D^{-1/2} W D^{-1/2} with the largest; N + I
// has its spectrum in [0, 2], so Lanczos (Spectra) asks for the largest algebraic eigenvalues,
// where it converges fastest. A kNN graph of well-separated clusters falls apart into components,
// and then the eigenvalue 1 repeats once per component and the eigenvectors say nothing about
// how the components sit relative to each other; umap-learn lays each component out on its own.
// Here the graph is regularised instead (Amini et al. 2013, "Pseudo-likelihood methods for
// community detection in large sparse networks"): a weak edge τ/n joins every pair, so the
// graph is connected and the leading eigenvectors place each component as a whole. The complete
// graph is never built: its product with a vector is a sum.

#include <Spectra/SymEigsSolver.h>

#include <Eigen/Core>
#include <algorithm>
#include <cmath>

#include "core/analysis/pca.h"
#include "core/analysis/umap.h"
#include "core/util/random.h"

namespace ll {
namespace {

constexpr double kLayoutBox = 10.0;           // the initial layout's largest |coordinate|
constexpr double kLayoutNoise = 1e-4;         // breaks exact coincidences, which get no gradient
constexpr double kRegularisationShare = 1e-3;  // τ as a share of the mean degree
// An initial layout needs no more than umap-learn's eigsh tolerance; a solver that has not
// converged within the restarts hands over to PCA rather than hold the view up.
constexpr double kLanczosTolerance = 1e-4;
constexpr int32_t kLanczosRestarts = 200;

// The product with N_τ + I, N_τ = D_τ^{-1/2} (W + τ/n 11ᵀ) D_τ^{-1/2}, D_τ = D + τ.
class RegularisedAdjacency {
 public:
  using Scalar = double;

  explicit RegularisedAdjacency(const FuzzyGraph& graph) : graph_(graph), scale_(graph.rows) {
    const auto n = static_cast<size_t>(graph.rows);
    std::vector<double> degree(n, 0.0);
    double total = 0.0;
    for (size_t i = 0; i < n; ++i) {
      for (int64_t e = graph.offsets[i]; e < graph.offsets[i + 1]; ++e) degree[i] += graph.weights[static_cast<size_t>(e)];
      total += degree[i];
    }
    tau_ = kRegularisationShare * std::max(total / static_cast<double>(n), 1e-12);
    for (size_t i = 0; i < n; ++i) scale_(static_cast<Eigen::Index>(i)) = 1.0 / std::sqrt(degree[i] + tau_);
  }

  Eigen::Index rows() const { return graph_.rows; }
  Eigen::Index cols() const { return graph_.rows; }

  void perform_op(const double* in, double* out) const {
    const Eigen::Index n = graph_.rows;
    Eigen::Map<const Eigen::VectorXd> x(in, n);
    Eigen::Map<Eigen::VectorXd> y(out, n);
    const Eigen::VectorXd scaled = scale_.cwiseProduct(x);
    const double teleport = tau_ / static_cast<double>(n) * scaled.sum();
    for (Eigen::Index i = 0; i < n; ++i) {
      double sum = teleport;
      for (int64_t e = graph_.offsets[static_cast<size_t>(i)]; e < graph_.offsets[static_cast<size_t>(i) + 1]; ++e) {
        sum += graph_.weights[static_cast<size_t>(e)] * scaled(graph_.targets[static_cast<size_t>(e)]);
      }
      y(i) = scale_(i) * sum + x(i);
    }
  }

 private:
  const FuzzyGraph& graph_;
  Eigen::VectorXd scale_;
  double tau_ = 0.0;
};

// rows × components, or empty when the eigensolver does not converge or the graph is too small.
std::vector<float> spectralCoordinates(const FuzzyGraph& graph, int32_t components) {
  const Eigen::Index n = graph.rows, wanted = components + 1;
  const Eigen::Index basis = std::min<Eigen::Index>(
      n, std::max<Eigen::Index>(2 * wanted + 1, std::min<Eigen::Index>(static_cast<Eigen::Index>(std::sqrt(n)), 64)));
  if (basis <= wanted) return {};
  RegularisedAdjacency op(graph);
  Spectra::SymEigsSolver<RegularisedAdjacency> solver(op, wanted, basis);
  solver.init();  // Spectra's fixed start vector: the same eigenvectors on every run
  solver.compute(Spectra::SortRule::LargestAlge, kLanczosRestarts, kLanczosTolerance, Spectra::SortRule::LargestAlge);
  if (solver.info() != Spectra::CompInfo::Successful) return {};
  const Eigen::MatrixXd vectors = solver.eigenvectors(wanted);
  if (vectors.cols() < wanted) return {};
  std::vector<float> coordinates(static_cast<size_t>(n) * static_cast<size_t>(components));
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index c = 0; c < components; ++c) {
      coordinates[static_cast<size_t>(i * components + c)] = static_cast<float>(vectors(i, c + 1));  // column 0: trivial
    }
  }
  return coordinates;
}

std::vector<float> pcaCoordinates(std::span<const float> x, int32_t rows, int32_t dimension, int32_t components) {
  PcaParams pca;
  pca.components = std::min(components, dimension);
  const PcaResult result = computePca(x, rows, dimension, pca);
  std::vector<float> coordinates(static_cast<size_t>(rows) * static_cast<size_t>(components), 0.0f);
  for (int32_t i = 0; i < rows; ++i) {
    for (int32_t c = 0; c < result.components; ++c) {
      coordinates[static_cast<size_t>(i) * components + c] = result.coordinate(i, c);
    }
  }
  return coordinates;
}

}  // namespace

std::vector<float> initialUmapLayout(const FuzzyGraph& graph, std::span<const float> x, int32_t dimension,
                                     const UmapParams& params, UmapInit* used) {
  const int32_t n = graph.rows, components = params.components;
  UmapInit method = params.init;
  std::vector<float> coordinates;
  if (method == UmapInit::Spectral) {
    coordinates = spectralCoordinates(graph, components);
    if (coordinates.empty()) method = UmapInit::Pca;
  }
  if (method == UmapInit::Pca) {
    if (x.size() == static_cast<size_t>(n) * static_cast<size_t>(std::max(dimension, 0)) && dimension > 0 && n > 1) {
      coordinates = pcaCoordinates(x, n, dimension, components);
    } else {
      method = UmapInit::Random;
    }
  }
  Random random = Random::derived(params.seed, 0x5A1417ULL);
  if (method == UmapInit::Random) {
    coordinates.resize(static_cast<size_t>(n) * static_cast<size_t>(components));
    for (float& v : coordinates) v = static_cast<float>(random.uniform(-kLayoutBox, kLayoutBox));
  } else {
    float largest = 0.0f;
    for (float v : coordinates) largest = std::max(largest, std::abs(v));
    const double scale = largest > 0.0f ? kLayoutBox / largest : 1.0;
    for (float& v : coordinates) v = static_cast<float>(v * scale + random.normal(0.0, kLayoutNoise));
  }
  if (used) *used = method;
  return coordinates;
}

}  // namespace ll
