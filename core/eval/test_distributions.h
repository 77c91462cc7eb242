#pragma once
// The reference distributions of the significance tests (significance.h): Student's t through the
// regularized incomplete beta function, and the standard normal. Pure functions, double precision.

namespace ll {

/// I_x(a, b) = B(x; a, b) / B(a, b) for a, b > 0 and x in [0, 1], by the continued fraction of
/// Numerical Recipes §6.4 (modified Lentz), on the side of (a+1)/(a+b+2) where it converges fast;
/// relative error near 1e-14. NaN for arguments outside the domain.
double regularizedIncompleteBeta(double a, double b, double x);

/// P(|T| ≥ |t|) for T ~ Student t with df > 0 degrees of freedom: I_{df/(df+t²)}(df/2, 1/2).
/// 1 at t = 0, 0 at t = ±∞, NaN for a NaN t or df ≤ 0.
double studentTTwoSidedP(double t, double df);

/// P(|Z| ≥ |z|) for a standard normal Z: erfc(|z| / √2).
double normalTwoSidedP(double z);

}  // namespace ll
