// UMAP's stages 2 and 3 (umap.h): the fuzzy simplicial set of a neighbour graph and the a, b of
// the layout's similarity curve.

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "core/analysis/umap.h"
#include "core/data/input_error.h"

namespace ll {
namespace {

// Below this share of the mean neighbour distance σ is not allowed to fall, so a point whose
// neighbours sit nearly at ρ keeps finite memberships (umap-learn's MIN_K_DIST_SCALE).
constexpr double kMinSigmaScale = 1e-3;
constexpr int32_t kSigmaSearchSteps = 64;
constexpr double kSigmaTolerance = 1e-5;

// Σ_j exp(−max(0, d_j − ρ)/σ): the smooth neighbour count the bandwidth search matches.
double smoothNeighbourCount(std::span<const float> distances, double rho, double sigma) {
  double sum = 0.0;
  for (float d : distances) {
    const double excess = d - rho;
    sum += excess > 0.0 ? std::exp(-excess / sigma) : 1.0;
  }
  return sum;
}

// The σ for which the smooth count equals target: the count grows with σ, so bisect, doubling
// the upper end until it brackets the target.
double bandwidthFor(std::span<const float> distances, double rho, double target) {
  double lo = 0.0, hi = std::numeric_limits<double>::infinity(), mid = 1.0;
  for (int32_t step = 0; step < kSigmaSearchSteps; ++step) {
    const double count = smoothNeighbourCount(distances, rho, mid);
    if (std::abs(count - target) < kSigmaTolerance) break;
    if (count > target) {
      hi = mid;
      mid = 0.5 * (lo + hi);
    } else {
      lo = mid;
      mid = std::isinf(hi) ? 2.0 * mid : 0.5 * (lo + hi);
    }
  }
  return mid;
}

struct DirectedMembership {
  int32_t low, high;  // the edge's ends, low < high
  double weight;
};

// Levenberg–Marquardt on the two parameters of 1 / (1 + a x^{2b}).
struct CurveFitPoint {
  double x, y;
};

double curveResidualSquares(const std::vector<CurveFitPoint>& points, double a, double b) {
  double sum = 0.0;
  for (const CurveFitPoint& p : points) {
    const double r = 1.0 / (1.0 + a * std::pow(p.x, 2.0 * b)) - p.y;
    sum += r * r;
  }
  return sum;
}

}  // namespace

UmapCurve fitUmapCurve(double minDist, double spread) {
  if (!(spread > 0.0) || !std::isfinite(spread)) throw InputError("spread", 0, "a number above 0", std::to_string(spread));
  if (!(minDist >= 0.0) || minDist > spread) {
    throw InputError("minimum distance", 0, "a number from 0 to the spread (" + std::to_string(spread) + ")",
                     std::to_string(minDist));
  }
  constexpr int32_t kPoints = 300;
  std::vector<CurveFitPoint> points(kPoints);
  for (int32_t i = 0; i < kPoints; ++i) {
    const double x = 3.0 * spread * i / (kPoints - 1);
    points[static_cast<size_t>(i)] = {x, x < minDist ? 1.0 : std::exp(-(x - minDist) / spread)};
  }
  double a = 1.0, b = 1.0, damping = 1e-3;
  double cost = curveResidualSquares(points, a, b);
  for (int32_t iteration = 0; iteration < 500; ++iteration) {
    // Normal equations JᵀJ δ = −Jᵀr of the residuals f(x) − y.
    double jaa = 0.0, jab = 0.0, jbb = 0.0, ga = 0.0, gb = 0.0;
    for (const CurveFitPoint& p : points) {
      if (p.x <= 0.0) continue;  // f(0) = 1 whatever a, b: no gradient there
      const double power = std::pow(p.x, 2.0 * b);
      const double f = 1.0 / (1.0 + a * power);
      const double da = -power * f * f;
      const double db = -a * power * 2.0 * std::log(p.x) * f * f;
      const double r = f - p.y;
      jaa += da * da;
      jab += da * db;
      jbb += db * db;
      ga += da * r;
      gb += db * r;
    }
    bool improved = false;
    while (damping < 1e12) {
      const double m00 = jaa * (1.0 + damping), m11 = jbb * (1.0 + damping);
      const double det = m00 * m11 - jab * jab;
      const double stepA = (-ga * m11 + gb * jab) / det, stepB = (-gb * m00 + ga * jab) / det;
      const double nextA = a + stepA, nextB = b + stepB;
      const double nextCost = nextA > 0.0 && nextB > 0.0 ? curveResidualSquares(points, nextA, nextB)
                                                         : std::numeric_limits<double>::infinity();
      if (nextCost < cost) {
        const double change = cost - nextCost;
        a = nextA;
        b = nextB;
        cost = nextCost;
        damping = std::max(damping / 10.0, 1e-12);
        improved = change > 1e-15 * std::max(cost, 1e-300);
        break;
      }
      damping *= 10.0;
    }
    if (!improved) break;
  }
  return {a, b};
}

FuzzyGraph fuzzySimplicialSet(const NeighbourGraph& knn) {
  const int32_t n = knn.rows, k = knn.neighbours;
  FuzzyGraph graph;
  graph.rows = n;
  graph.rho.assign(static_cast<size_t>(n), 0.0f);
  graph.sigma.assign(static_cast<size_t>(n), 0.0f);
  graph.offsets.assign(static_cast<size_t>(n) + 1, 0);
  if (n == 0 || k == 0) return graph;
  const double target = std::log2(static_cast<double>(k) + 1.0);
  double globalMean = 0.0;
  for (float d : knn.distances) globalMean += d;
  globalMean /= static_cast<double>(knn.distances.size());

  std::vector<DirectedMembership> memberships;
  memberships.reserve(knn.indices.size());
  for (int32_t i = 0; i < n; ++i) {
    const std::span<const float> distances = knn.distancesOf(i);
    const auto positive = std::find_if(distances.begin(), distances.end(), [](float d) { return d > 0.0f; });
    const double rho = positive == distances.end() ? 0.0 : *positive;
    double sigma = bandwidthFor(distances, rho, target);
    double localMean = 0.0;
    for (float d : distances) localMean += d;
    localMean /= k;
    sigma = std::max(sigma, kMinSigmaScale * (rho > 0.0 ? localMean : globalMean));
    graph.rho[static_cast<size_t>(i)] = static_cast<float>(rho);
    graph.sigma[static_cast<size_t>(i)] = static_cast<float>(sigma);
    const std::span<const int32_t> neighbours = knn.neighboursOf(i);
    for (int32_t j = 0; j < k; ++j) {
      const int32_t other = neighbours[static_cast<size_t>(j)];
      if (other < 0 || other == i) continue;
      const double excess = distances[static_cast<size_t>(j)] - rho;
      const double weight = excess <= 0.0 || sigma <= 0.0 ? 1.0 : std::exp(-excess / sigma);
      memberships.push_back({std::min(i, other), std::max(i, other), weight});
    }
  }
  // Fuzzy union of the two directions: 1 − (1 − a)(1 − b) = a + b − ab.
  std::sort(memberships.begin(), memberships.end(), [](const DirectedMembership& x, const DirectedMembership& y) {
    return x.low != y.low ? x.low < y.low : x.high < y.high;
  });
  std::vector<DirectedMembership> edges;
  for (size_t e = 0; e < memberships.size();) {
    double missing = 1.0;
    size_t end = e;
    for (; end < memberships.size() && memberships[end].low == memberships[e].low && memberships[end].high == memberships[e].high;
         ++end) {
      missing *= 1.0 - memberships[end].weight;
    }
    if (1.0 - missing > 0.0) edges.push_back({memberships[e].low, memberships[e].high, 1.0 - missing});
    e = end;
  }
  // Both directions, each row's targets ascending (the pairs come sorted by (low, high)).
  for (const DirectedMembership& e : edges) {
    ++graph.offsets[static_cast<size_t>(e.low) + 1];
    ++graph.offsets[static_cast<size_t>(e.high) + 1];
  }
  for (size_t r = 0; r < static_cast<size_t>(n); ++r) graph.offsets[r + 1] += graph.offsets[r];
  graph.targets.resize(static_cast<size_t>(graph.offsets.back()));
  graph.weights.resize(graph.targets.size());
  std::vector<int64_t> fill(graph.offsets.begin(), graph.offsets.end() - 1);
  for (const DirectedMembership& e : edges) {
    for (const auto& [from, to] : {std::pair{e.low, e.high}, std::pair{e.high, e.low}}) {
      const auto at = static_cast<size_t>(fill[static_cast<size_t>(from)]++);
      graph.targets[at] = to;
      graph.weights[at] = static_cast<float>(e.weight);
    }
  }
  return graph;
}

}  // namespace ll
