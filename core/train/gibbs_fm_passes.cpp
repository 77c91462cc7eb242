// GibbsFmSampler's passes over one block's parameters: the linear weights w_j, and the factors v_jf
// of one factor f (gibbs_fm_sampler.h has the model and the conditionals).
#include <cmath>

#include "core/train/gibbs_fm_sampler.h"

namespace ll {

// ---------------------------------------------------------------------------------------------
// The linear pass of one side: every w_j of its block, h = x_j for the entity's ratings.

void GibbsFmSampler::linearPass(int32_t s, Random& random, ThreadPool& pool) {
  Side& side = sides_[static_cast<size_t>(s)];
  const BfmTable& t = *side.table;
  if (t.columns == 0) return;
  pool.parallelFor(static_cast<size_t>(side.entities), [&](int32_t, size_t begin, size_t end) {
    for (size_t e = begin; e < end; ++e) {
      double sum = 0.0;
      for (int64_t q = side.rowOffsets[e]; q < side.rowOffsets[e + 1]; ++q) sum += residual_[static_cast<size_t>(side.rows[q])];
      side.res[e] = sum;
      side.before[e] = side.linear[e];
    }
  });
  normals_.resize(static_cast<size_t>(t.columns));
  for (double& z : normals_) z = random.normal();
  const auto draw = [&](int32_t c) {
    const auto j = static_cast<size_t>(t.firstColumn + c);
    const auto g = static_cast<size_t>(columnGroup_[j]);
    double squares = 0.0, correlation = 0.0;
    for (int64_t q = t.columnOffsets[c]; q < t.columnOffsets[c + 1]; ++q) {
      const auto e = static_cast<size_t>(t.columnEntities[q]);
      const double x = t.columnValues[q];
      squares += x * x * side.count[e];
      correlation += x * side.res[e];
    }
    const double theta = w_[j];
    const double precision = lambdaW_[g] + alpha_ * squares;
    const double mean = (lambdaW_[g] * muW_[g] + alpha_ * (correlation + theta * squares)) / precision;
    const double next = mean + normals_[static_cast<size_t>(c)] / std::sqrt(precision);
    const double delta = next - theta;
    w_[j] = next;
    for (int64_t q = t.columnOffsets[c]; q < t.columnOffsets[c + 1]; ++q) {
      const auto e = static_cast<size_t>(t.columnEntities[q]);
      const double x = t.columnValues[q];
      side.res[e] -= delta * x * side.count[e];
      side.linear[e] += delta * x;
    }
  };
  pool.parallelFor(static_cast<size_t>(t.idColumns), [&](int32_t, size_t begin, size_t end) {
    for (size_t c = begin; c < end; ++c) draw(static_cast<int32_t>(c));
  });
  for (int32_t c = t.idColumns; c < t.columns; ++c) draw(c);
  pool.parallelFor(y_.size(), [&](int32_t, size_t begin, size_t end) {
    for (size_t row = begin; row < end; ++row) {
      const auto e = static_cast<size_t>(side.entityOf[row]);
      residual_[row] -= side.linear[e] - side.before[e];
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The factor pass of one side and factor f: every v_jf of its block. For a rating of entity e,
// h = x_j (a_e + c) with a_e = S_ef − v_jf x_j (the within-block part) and c the other blocks'
// sum for f, which this pass does not change; so Σ h² and Σ h·e over e's ratings come from e's
// count, Σ c, Σ c², Σ e and Σ e·c, kept up to date as each v_jf moves.

void GibbsFmSampler::factorPass(int32_t s, int32_t f, Random& random, ThreadPool& pool) {
  Side& side = sides_[static_cast<size_t>(s)];
  const BfmTable& t = *side.table;
  if (t.columns == 0) return;
  double* sums = side.sums.data() + static_cast<size_t>(f) * side.entities;
  pool.parallelFor(static_cast<size_t>(side.entities), [&](int32_t, size_t begin, size_t end) {
    for (size_t e = begin; e < end; ++e) {
      double a1 = 0.0, a2 = 0.0, res = 0.0, res1 = 0.0;
      for (int64_t q = side.rowOffsets[e]; q < side.rowOffsets[e + 1]; ++q) {
        const int32_t row = side.rows[q];
        const double c = otherSum(s, row, f);
        const double r = residual_[static_cast<size_t>(row)];
        a1 += c;
        a2 += c * c;
        res += r;
        res1 += r * c;
      }
      side.a1[e] = a1;
      side.a2[e] = a2;
      side.res[e] = res;
      side.res1[e] = res1;
      side.before[e] = sums[e];
      side.squaresBefore[e] = factorSquares(s, static_cast<int32_t>(e), f);
    }
  });
  normals_.resize(static_cast<size_t>(t.columns));
  for (double& z : normals_) z = random.normal();
  double* v = v_.data() + static_cast<size_t>(f) * columns_;
  const auto draw = [&](int32_t c) {
    const auto j = static_cast<size_t>(t.firstColumn + c);
    const size_t g = static_cast<size_t>(columnGroup_[j]) * k_ + f;
    const double theta = v[j];
    double squares = 0.0, correlation = 0.0;
    for (int64_t q = t.columnOffsets[c]; q < t.columnOffsets[c + 1]; ++q) {
      const auto e = static_cast<size_t>(t.columnEntities[q]);
      const double x = t.columnValues[q];
      const double a = sums[e] - theta * x;
      squares += x * x * (side.count[e] * a * a + 2.0 * a * side.a1[e] + side.a2[e]);
      correlation += x * (a * side.res[e] + side.res1[e]);
    }
    const double precision = lambdaV_[g] + alpha_ * squares;
    const double mean = (lambdaV_[g] * muV_[g] + alpha_ * (correlation + theta * squares)) / precision;
    const double next = mean + normals_[static_cast<size_t>(c)] / std::sqrt(precision);
    const double delta = next - theta;
    v[j] = next;
    for (int64_t q = t.columnOffsets[c]; q < t.columnOffsets[c + 1]; ++q) {
      const auto e = static_cast<size_t>(t.columnEntities[q]);
      const double x = t.columnValues[q];
      const double a = sums[e] - theta * x;
      side.res[e] -= delta * x * (side.count[e] * a + side.a1[e]);
      side.res1[e] -= delta * x * (a * side.a1[e] + side.a2[e]);
      sums[e] += delta * x;
    }
  };
  pool.parallelFor(static_cast<size_t>(t.idColumns), [&](int32_t, size_t begin, size_t end) {
    for (size_t c = begin; c < end; ++c) draw(static_cast<int32_t>(c));
  });
  for (int32_t c = t.idColumns; c < t.columns; ++c) draw(c);
  // The change of each entity's within-block term; then each rating's residual.
  pool.parallelFor(static_cast<size_t>(side.entities), [&](int32_t, size_t begin, size_t end) {
    for (size_t e = begin; e < end; ++e) {
      const double squares = factorSquares(s, static_cast<int32_t>(e), f);
      side.change[e] = 0.5 * ((sums[e] * sums[e] - squares) - (side.before[e] * side.before[e] - side.squaresBefore[e]));
    }
  });
  pool.parallelFor(y_.size(), [&](int32_t, size_t begin, size_t end) {
    for (size_t row = begin; row < end; ++row) {
      const auto e = static_cast<size_t>(side.entityOf[row]);
      const double moved = sums[e] - side.before[e];
      if (moved == 0.0 && side.change[e] == 0.0) continue;
      residual_[row] -= side.change[e] + moved * otherSum(s, static_cast<int32_t>(row), f);
    }
  });
}

}  // namespace ll
