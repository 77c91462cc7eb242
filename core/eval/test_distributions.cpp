#include "core/eval/test_distributions.h"

#include <cmath>
#include <limits>

namespace ll {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kMaxTerms = 10000;  // the fraction needs O(√max(a, b)) terms; this covers a, b up to ~1e8
constexpr double kEpsilon = 1e-15;
constexpr double kTiny = 1e-300;  // keeps Lentz's denominators off zero

/// The continued fraction of I_x(a, b) (Numerical Recipes eq. 6.4.5, evaluated by the modified
/// Lentz method): 1/(1+ d1/(1+ d2/(1+ …))) with
///   d(2m+1) = −(a+m)(a+b+m) x / ((a+2m)(a+2m+1)),   d(2m) = m(b−m) x / ((a+2m−1)(a+2m)).
/// Converges quickly for x < (a+1)/(a+b+2); NaN if it has not after kMaxTerms.
double betaContinuedFraction(double a, double b, double x) {
  const auto guard = [](double v) { return std::fabs(v) < kTiny ? kTiny : v; };
  double c = 1.0;
  double d = 1.0 / guard(1.0 - (a + b) * x / (a + 1.0));
  double h = d;
  for (int m = 1; m <= kMaxTerms; ++m) {
    const double twoM = 2.0 * m;
    const double even = m * (b - m) * x / ((a + twoM - 1.0) * (a + twoM));
    d = 1.0 / guard(1.0 + even * d);
    c = guard(1.0 + even / c);
    h *= d * c;
    const double odd = -(a + m) * (a + b + m) * x / ((a + twoM) * (a + twoM + 1.0));
    d = 1.0 / guard(1.0 + odd * d);
    c = guard(1.0 + odd / c);
    const double step = d * c;
    h *= step;
    if (std::fabs(step - 1.0) < kEpsilon) return h;
  }
  return kNaN;
}

/// I_x(a, b) with y = 1 − x passed separately: callers that know y exactly (Student's t, where
/// both come from t²) lose nothing to cancellation when x is near 1.
double incompleteBeta(double a, double b, double x, double y) {
  if (x <= 0.0) return 0.0;
  if (y <= 0.0) return 1.0;
  // x^a y^b / B(a, b), in logs: the powers alone under- or overflow for large a, b.
  const double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log(y));
  if (x < (a + 1.0) / (a + b + 2.0)) return front * betaContinuedFraction(a, b, x) / a;
  return 1.0 - front * betaContinuedFraction(b, a, y) / b;  // I_x(a, b) = 1 − I_{1−x}(b, a)
}

}  // namespace

double regularizedIncompleteBeta(double a, double b, double x) {
  if (!(a > 0.0) || !(b > 0.0) || !(x >= 0.0) || !(x <= 1.0)) return kNaN;
  return incompleteBeta(a, b, x, 1.0 - x);
}

double studentTTwoSidedP(double t, double df) {
  if (std::isnan(t) || !(df > 0.0)) return kNaN;
  if (std::isinf(t)) return 0.0;
  if (t == 0.0) return 1.0;
  // x = df/(df+t²) and 1 − x = t²/(df+t²), each formed without subtracting (t² may overflow: then
  // x is 0 and 1 − x is 1, as they should be).
  const double t2 = t * t;
  const double x = 1.0 / (1.0 + t2 / df);
  const double y = 1.0 / (1.0 + df / t2);
  return incompleteBeta(0.5 * df, 0.5, x, y);
}

double normalTwoSidedP(double z) { return std::erfc(std::fabs(z) / std::sqrt(2.0)); }

}  // namespace ll
