// Sections: construction · state from scratch · α, w0 and the hyperparameters · one sweep and
// publishing its draw. The passes over w and v are in gibbs_fm_passes.cpp.
#include "core/train/gibbs_fm_sampler.h"

#include <algorithm>
#include <cmath>

namespace ll {
namespace {

// libFM's hyperpriors: α₀ = β₀ = γ₀ = 1, μ₀ = 0.
constexpr double kPriorShape = 1.0;      // α₀
constexpr double kPriorRate = 1.0;       // β₀
constexpr double kMeanConfidence = 1.0;  // γ₀
constexpr double kPriorMean = 0.0;       // μ₀
constexpr uint64_t kInitStream = 0xBF40000000ull;
constexpr uint64_t kSweepStream = 0xBF50000000ull;

// Gamma(shape, rate).
double drawGamma(Random& random, double shape, double rate) { return random.gamma(shape) / rate; }

// λ then μ of one Normal-Gamma hyperprior, given the n parameters values[0, n·stride, …].
void drawNormalGamma(Random& random, const double* values, int64_t n, int64_t stride, double& mu, double& lambda) {
  if (n == 0) return;
  double sum = 0.0, squares = 0.0;
  for (int64_t j = 0; j < n; ++j) {
    const double x = values[j * stride];
    sum += x;
    squares += (x - mu) * (x - mu);
  }
  const double shape = (kPriorShape + static_cast<double>(n) + 1.0) / 2.0;
  const double rate = (kPriorRate + squares + kMeanConfidence * (mu - kPriorMean) * (mu - kPriorMean)) / 2.0;
  lambda = drawGamma(random, shape, rate);
  const double precision = (static_cast<double>(n) + kMeanConfidence) * lambda;
  mu = (sum + kMeanConfidence * kPriorMean) / (static_cast<double>(n) + kMeanConfidence) + random.normal() / std::sqrt(precision);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Construction

GibbsFmSampler::GibbsFmSampler(const Ratings& ratings, std::span<const uint32_t> train, BayesianFm& model,
                               const GibbsFmParams& params)
    : params_(params), design_(model.design()) {
  k_ = model.config().dim;
  columns_ = design_.columns;
  minRating_ = model.data().minRating;
  maxRating_ = model.data().maxRating;
  clip_ = model.config().clipPredictions;
  const size_t n = train.size();
  y_.resize(n);
  residual_.assign(n, 0.0);
  for (int32_t s = 0; s < kBfmSides; ++s) {
    Side& side = sides_[static_cast<size_t>(s)];
    side.table = &design_.tables[static_cast<size_t>(s)];
    side.entities = side.table->entities;
    side.entityOf.resize(n);
  }
  double sum = 0.0;
  for (size_t row = 0; row < n; ++row) {
    const uint32_t k = train[row];
    y_[row] = ratings.value[k];
    sum += y_[row];
    sides_[0].entityOf[row] = ratings.user[k];
    sides_[1].entityOf[row] = ratings.item[k];
    sides_[2].entityOf[row] = design_.dayOf(ratings, k);
  }
  for (Side& side : sides_) {
    const auto entities = static_cast<size_t>(side.entities);
    side.rowOffsets.assign(entities + 1, 0);
    for (int32_t e : side.entityOf) ++side.rowOffsets[static_cast<size_t>(e) + 1];
    for (size_t e = 0; e < entities; ++e) side.rowOffsets[e + 1] += side.rowOffsets[e];
    side.rows.resize(n);
    std::vector<int64_t> next(side.rowOffsets.begin(), side.rowOffsets.end() - 1);
    for (size_t row = 0; row < n; ++row) side.rows[next[side.entityOf[row]]++] = static_cast<int32_t>(row);
    side.linear.assign(entities, 0.0);
    side.sums.assign(entities * static_cast<size_t>(k_), 0.0);
    side.count.assign(entities, 0.0);
    for (size_t e = 0; e < entities; ++e) side.count[e] = static_cast<double>(side.rowOffsets[e + 1] - side.rowOffsets[e]);
    for (auto* v : {&side.a1, &side.a2, &side.res, &side.res1, &side.before, &side.squaresBefore, &side.change}) v->assign(entities, 0.0);
  }

  w0_ = n > 0 ? sum / static_cast<double>(n) : 0.0;
  w_.assign(static_cast<size_t>(columns_), 0.0);
  v_.assign(static_cast<size_t>(columns_) * k_, 0.0);
  Random init = Random::derived(params_.seed, kInitStream);
  const double initSd = model.config().initSd;
  for (int32_t j = 0; j < columns_; ++j) {
    for (int32_t f = 0; f < k_; ++f) v_[static_cast<size_t>(f) * columns_ + j] = init.normal(0.0, initSd);
  }
  columnGroup_.resize(static_cast<size_t>(columns_));
  for (int32_t j = 0; j < columns_; ++j) columnGroup_[static_cast<size_t>(j)] = static_cast<int32_t>(design_.groupOf(j));
  const double lambda = params_.fixedPriorPrecision > 0.0 ? params_.fixedPriorPrecision : 1.0;
  muW_.assign(kBfmGroupCount, 0.0);
  lambdaW_.assign(kBfmGroupCount, lambda);
  muV_.assign(static_cast<size_t>(kBfmGroupCount) * k_, 0.0);
  lambdaV_.assign(static_cast<size_t>(kBfmGroupCount) * k_, lambda);

  sumW_.assign(w_.size(), 0.0);
  sumV_.assign(v_.size(), 0.0);
  for (int32_t s = 0; s < 2; ++s) {
    sumS_[static_cast<size_t>(s)].assign(static_cast<size_t>(sides_[static_cast<size_t>(s)].entities) * k_, 0.0);
    sumSquaresS_[static_cast<size_t>(s)].assign(sumS_[static_cast<size_t>(s)].size(), 0.0);
  }
  const int32_t planned = std::max(1, params_.samples - params_.burnIn);
  stride_ = std::max(1, (planned + model.maxDraws() - 1) / model.maxDraws());
}

void GibbsFmSampler::trackPredictions(std::vector<int32_t> users, std::vector<int32_t> items, std::vector<int32_t> days) {
  trackedUsers_ = std::move(users);
  trackedItems_ = std::move(items);
  trackedDays_ = std::move(days);
  trackedSums_.assign(trackedUsers_.size(), 0.0);
  trackedMeans_.assign(trackedUsers_.size(), w0_);
}

// ---------------------------------------------------------------------------------------------
// State from scratch: the block sums and the residuals, recomputed from w and v at the start of
// every sweep so that rounding in the incremental updates cannot accumulate over a long run.

double GibbsFmSampler::factorSquares(int32_t s, int32_t e, int32_t f) const {
  const BfmTable& t = *sides_[static_cast<size_t>(s)].table;
  const double* v = v_.data() + static_cast<size_t>(f) * columns_ + t.firstColumn;
  double squares = 0.0;
  for (int64_t q = t.entityOffsets[e]; q < t.entityOffsets[e + 1]; ++q) {
    const double vx = v[t.entityColumns[q]] * t.entityValues[q];
    squares += vx * vx;
  }
  return squares;
}

double GibbsFmSampler::otherSum(int32_t s, int32_t row, int32_t f) const {
  double c = 0.0;
  for (int32_t o = 0; o < kBfmSides; ++o) {
    if (o == s) continue;
    const Side& other = sides_[static_cast<size_t>(o)];
    c += other.sums[static_cast<size_t>(f) * other.entities + other.entityOf[row]];
  }
  return c;
}

double GibbsFmSampler::entityTerm(int32_t s, int32_t e) const {
  const Side& side = sides_[static_cast<size_t>(s)];
  double within = 0.0;
  for (int32_t f = 0; f < k_; ++f) {
    const double sum = side.sums[static_cast<size_t>(f) * side.entities + e];
    within += sum * sum - factorSquares(s, e, f);
  }
  return side.linear[static_cast<size_t>(e)] + 0.5 * within;
}

double GibbsFmSampler::predictRow(int32_t u, int32_t i, int32_t d, const std::array<const double*, kBfmSides>& terms) const {
  const Side& users = sides_[0];
  const Side& movies = sides_[1];
  const Side& days = sides_[2];
  double y = w0_ + terms[0][u] + terms[1][i] + terms[2][d];
  for (int32_t f = 0; f < k_; ++f) {
    const double su = users.sums[static_cast<size_t>(f) * users.entities + u];
    const double si = movies.sums[static_cast<size_t>(f) * movies.entities + i];
    const double sd = days.sums[static_cast<size_t>(f) * days.entities + d];
    y += su * (si + sd) + si * sd;
  }
  return y;
}

void GibbsFmSampler::recomputeState(ThreadPool& pool) {
  for (int32_t s = 0; s < kBfmSides; ++s) {
    Side& side = sides_[static_cast<size_t>(s)];
    const BfmTable& t = *side.table;
    pool.parallelFor(static_cast<size_t>(side.entities), [&](int32_t, size_t begin, size_t end) {
      for (size_t e = begin; e < end; ++e) {
        double linear = 0.0;
        for (int64_t q = t.entityOffsets[e]; q < t.entityOffsets[e + 1]; ++q) linear += w_[static_cast<size_t>(t.firstColumn + t.entityColumns[q])] * t.entityValues[q];
        side.linear[e] = linear;
        for (int32_t f = 0; f < k_; ++f) {
          const double* v = v_.data() + static_cast<size_t>(f) * columns_ + t.firstColumn;
          double sum = 0.0;
          for (int64_t q = t.entityOffsets[e]; q < t.entityOffsets[e + 1]; ++q) sum += v[t.entityColumns[q]] * t.entityValues[q];
          side.sums[static_cast<size_t>(f) * side.entities + e] = sum;
        }
      }
    });
    pool.parallelFor(static_cast<size_t>(side.entities), [&](int32_t, size_t begin, size_t end) {
      for (size_t e = begin; e < end; ++e) side.change[e] = entityTerm(s, static_cast<int32_t>(e));
    });
  }
  const std::array<const double*, kBfmSides> terms = {sides_[0].change.data(), sides_[1].change.data(), sides_[2].change.data()};
  pool.parallelFor(y_.size(), [&](int32_t, size_t begin, size_t end) {
    for (size_t row = begin; row < end; ++row) {
      residual_[row] = y_[row] - predictRow(sides_[0].entityOf[row], sides_[1].entityOf[row], sides_[2].entityOf[row], terms);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// α, w0 and the hyperparameters

void GibbsFmSampler::drawNoisePrecision(Random& random) {
  if (params_.fixedNoisePrecision > 0.0) {
    alpha_ = params_.fixedNoisePrecision;
    return;
  }
  double sse = 0.0;
  for (double e : residual_) sse += e * e;
  alpha_ = drawGamma(random, (kPriorShape + static_cast<double>(y_.size())) / 2.0, (kPriorRate + sse) / 2.0);
}

void GibbsFmSampler::drawGlobalBias(Random& random) {
  if (y_.empty()) return;
  double sum = 0.0;
  for (double e : residual_) sum += e;
  const double n = static_cast<double>(y_.size());
  const double precision = alpha_ * n;  // flat prior on w0, as libFM's
  const double next = (alpha_ * (sum + w0_ * n)) / precision + random.normal() / std::sqrt(precision);
  const double delta = next - w0_;
  w0_ = next;
  for (double& e : residual_) e -= delta;
}

void GibbsFmSampler::drawWeightHyperparameters(Random& random) {
  if (params_.fixedPriorPrecision > 0.0) return;
  for (int32_t g = 0; g < kBfmGroupCount; ++g) {
    const BfmDesign::Range range = design_.ranges[static_cast<size_t>(g)];
    drawNormalGamma(random, w_.data() + range.begin, range.end - range.begin, 1, muW_[static_cast<size_t>(g)], lambdaW_[static_cast<size_t>(g)]);
  }
}

void GibbsFmSampler::drawFactorHyperparameters(Random& random) {
  if (params_.fixedPriorPrecision > 0.0) return;
  for (int32_t g = 0; g < kBfmGroupCount; ++g) {
    const BfmDesign::Range range = design_.ranges[static_cast<size_t>(g)];
    for (int32_t f = 0; f < k_; ++f) {
      const size_t at = static_cast<size_t>(g) * k_ + f;
      drawNormalGamma(random, v_.data() + static_cast<size_t>(f) * columns_ + range.begin, range.end - range.begin, 1, muV_[at], lambdaV_[at]);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// One sweep, and publishing its draw

GibbsFmSampler::SweepOutcome GibbsFmSampler::sweep(BayesianFm& model, ThreadPool& pool, const Progress& progress) {
  SweepOutcome outcome;
  ++sweeps_;
  Random random = Random::derived(params_.seed, kSweepStream + static_cast<uint64_t>(sweeps_));
  int64_t step = 0;
  const auto report = [&] {
    ++step;
    if (progress && !progress(step, steps())) outcome.cancelled = true;
    return !outcome.cancelled;
  };
  recomputeState(pool);
  drawNoisePrecision(random);
  drawGlobalBias(random);
  drawWeightHyperparameters(random);
  for (int32_t s = 0; s < kBfmSides; ++s) linearPass(s, random, pool);
  if (!report()) return outcome;
  drawFactorHyperparameters(random);
  if (!report()) return outcome;
  for (int32_t f = 0; f < k_; ++f) {
    for (int32_t s = 0; s < kBfmSides; ++s) factorPass(s, f, random, pool);
    if (!report()) return outcome;
  }
  for (double e : residual_) outcome.trainSse += e * e;
  outcome.finite = std::isfinite(outcome.trainSse) && std::isfinite(alpha_);
  if (outcome.finite) publish(model, pool);
  return outcome;
}

std::vector<float> GibbsFmSampler::drawTerms(int32_t s) const {
  const Side& side = sides_[static_cast<size_t>(s)];
  const size_t width = static_cast<size_t>(k_) + 1;
  std::vector<float> terms(static_cast<size_t>(side.entities) * width);
  for (size_t e = 0; e < static_cast<size_t>(side.entities); ++e) {
    terms[e * width] = static_cast<float>(side.change[e]);
    for (int32_t f = 0; f < k_; ++f) terms[e * width + 1 + f] = static_cast<float>(side.sums[static_cast<size_t>(f) * side.entities + e]);
  }
  return terms;
}

void GibbsFmSampler::publish(BayesianFm& model, ThreadPool& pool) {
  // side.change := T_e of the final draw (the per-pass changes are spent).
  for (int32_t s = 0; s < kBfmSides; ++s) {
    Side& side = sides_[static_cast<size_t>(s)];
    pool.parallelFor(static_cast<size_t>(side.entities), [&](int32_t, size_t begin, size_t end) {
      for (size_t e = begin; e < end; ++e) side.change[e] = entityTerm(s, static_cast<int32_t>(e));
    });
  }
  const bool averaging = sweeps_ > params_.burnIn;
  const double draws = averaging ? static_cast<double>(sweeps_ - params_.burnIn) : 1.0;
  const std::array<const double*, kBfmSides> terms = {sides_[0].change.data(), sides_[1].change.data(), sides_[2].change.data()};
  pool.parallelFor(trackedUsers_.size(), [&](int32_t, size_t begin, size_t end) {
    for (size_t q = begin; q < end; ++q) {
      double y = predictRow(trackedUsers_[q], trackedItems_[q], trackedDays_[q], terms);
      if (clip_) y = std::clamp(y, static_cast<double>(minRating_), static_cast<double>(maxRating_));
      if (averaging) {
        trackedSums_[q] += y;
        trackedMeans_[q] = trackedSums_[q] / draws;
      } else {
        trackedMeans_[q] = y;
      }
    }
  });

  std::array<std::vector<float>, 2> sd;
  std::vector<double> factors(v_.size());  // columns × k, as the model stores v
  if (averaging) {
    sumW0_ += w0_;
    for (size_t j = 0; j < w_.size(); ++j) sumW_[j] += w_[j];
    for (size_t q = 0; q < v_.size(); ++q) sumV_[q] += v_[q];
    for (int32_t s = 0; s < 2; ++s) {
      const Side& side = sides_[static_cast<size_t>(s)];
      std::vector<double>& sum = sumS_[static_cast<size_t>(s)];
      std::vector<double>& squares = sumSquaresS_[static_cast<size_t>(s)];
      sd[static_cast<size_t>(s)].resize(sum.size());
      for (size_t e = 0; e < static_cast<size_t>(side.entities); ++e) {
        for (int32_t f = 0; f < k_; ++f) {
          const double x = side.sums[static_cast<size_t>(f) * side.entities + e];
          const size_t at = e * k_ + f;
          sum[at] += x;
          squares[at] += x * x;
          const double mean = sum[at] / draws;
          sd[static_cast<size_t>(s)][at] = static_cast<float>(std::sqrt(std::max(0.0, squares[at] / draws - mean * mean)));
        }
      }
    }
    std::vector<double> weights(w_.size());
    for (size_t j = 0; j < w_.size(); ++j) weights[j] = sumW_[j] / draws;
    for (int32_t j = 0; j < columns_; ++j) {
      for (int32_t f = 0; f < k_; ++f) factors[static_cast<size_t>(j) * k_ + f] = sumV_[static_cast<size_t>(f) * columns_ + j] / draws;
    }
    model.setPosterior(sumW0_ / draws, weights, factors, sd[0], sd[1]);
    // Keep every stride-th draw after burn-in; when the store is full, keep every other one and
    // double the stride, so the kept draws stay evenly spaced however long the run goes on.
    const int32_t t = sweeps_ - params_.burnIn;
    if (t % stride_ == 0) {
      if (kept_ == model.maxDraws()) {
        for (int32_t q = 1; q < kept_; q += 2) model.moveDraw(q, q / 2);
        kept_ /= 2;
        stride_ *= 2;
      }
      if (t % stride_ == 0) {
        model.storeDraw(kept_, w0_, drawTerms(0), drawTerms(1), drawTerms(2));
        ++kept_;
      }
    }
    if (kept_ == 0) model.storeDraw(0, w0_, drawTerms(0), drawTerms(1), drawTerms(2));  // until the first kept draw
    model.setDrawCount(std::max(kept_, 1));
  } else {
    for (int32_t s = 0; s < 2; ++s) sd[static_cast<size_t>(s)].assign(sumS_[static_cast<size_t>(s)].size(), 0.0f);
    for (int32_t j = 0; j < columns_; ++j) {
      for (int32_t f = 0; f < k_; ++f) factors[static_cast<size_t>(j) * k_ + f] = v_[static_cast<size_t>(f) * columns_ + j];
    }
    model.setPosterior(w0_, w_, factors, sd[0], sd[1]);
    model.storeDraw(0, w0_, drawTerms(0), drawTerms(1), drawTerms(2));
    model.setDrawCount(1);
  }
}

}  // namespace ll
