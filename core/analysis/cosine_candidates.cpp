// cosineCandidates (cosine_candidates.h). Sections: the bound · quantisation · the integer kernel ·
// the pass (its candidate lists: cosine_candidate_lists.h).
//
// The bound. x, y are two unit rows as stored (floats, ‖x‖ ≤ N, the largest norm, computed); S is
// a power of two and q_x = round(S·x), exact in floats; x̃ = q_x / S and r_x = x − x̃ (exact in
// double), ‖r_x‖ ≤ e, the largest over the rows. The integer D = q_x·q_y is exact: S is chosen so
// that every ‖q‖² < 2³¹, so by Cauchy–Schwarz no partial sum overflows int32. Then
//   x·y − D/S² = x·y − x̃·ỹ = r_x·y + x̃·r_y,   so   |x·y − D/S²| ≤ e·N + (N + e)·e.
// The exact pass ranks by s = unitDot(x, y), d fused multiply-adds in a chain, within γ_d·Σ|x_j·y_j|
// ≤ γ_d·N² of x·y (γ_d = d·u / (1 − d·u), u = 2⁻²⁴: Higham, Accuracy and Stability of Numerical
// Algorithms, §3.1). Together |s − D/S²| ≤ E = e·(2N + e) + γ_d·N².
// Let D_k be the k-th largest D of a row over its eligible candidates. Those k candidates have
// s ≥ D_k/S² − E, so the row's k-th best s is at least that; a candidate with D < D_k − M, where
// M ≥ 2E·S², has s ≤ D/S² + E < D_k/S² − E: below k others, so outside the top k whatever the tie
// rule. So each row keeps every candidate with D ≥ D_k − M, a test in integers that no rounding
// enters. While the scan runs, the k-th largest D so far stands in for D_k: never above it, so the
// test only keeps more. e, N and E are rounded up by far more than the error of their double sums.
//
// The integers are 16-bit, two dimensions to an int32, so one vpmaddwd takes 16 products and sums
// them in pairs: twice the products per instruction of a float FMA. A block of 8 query rows × 32
// candidate rows is compared with the query rows' thresholds and, as in the float tiles, with the
// candidate rows' own (the pass covers tiles on and above the diagonal); only a block where some
// dot passes a threshold is looked at one by one. Where the CPU has AVX-512 VNNI, one vpdpwssd
// takes 32 products and adds them into the sums, and the block stays in sixteen registers: sixteen
// independent chains where a 4 × 16 block had four, and a quarter of the per-block compares and
// calls. Without VNNI the block is taken in four 4 × 16 quarters of eight AVX2 registers each.
// Integer sums wrap alike in both, so the two kernels give the same dots, hence the same candidates.

#include "core/analysis/cosine_candidates.h"
#include "core/analysis/cosine_candidate_lists.h"

#if defined(__AVX2__)
#include <immintrin.h>
#endif
#include <algorithm>
#include <atomic>
#include <bit>
#include <limits>

namespace ll {
namespace {

constexpr int32_t kQueryRows = 8;        // a block of dot products: 8 query rows …
constexpr int32_t kCandidateRows = 32;   // … × 32 candidate rows, in two vectors of 16 int32 lanes (AVX-512) or four of 8
constexpr int32_t kHalfRows = 16;        // int32 lanes of an AVX-512 vector
constexpr int32_t kDotLanes = 8;         // int32 lanes of an AVX2 vector
constexpr int32_t kPassTile = 512;       // rows per tile side, a multiple of 32
// Between runs of tile pairs the threads share their gates; a run ends when the pairs done have
// grown by a quarter (gates rise fastest early), and is at least a row of tiles.
constexpr size_t kGateShareGrowth = 4;

// The unit rows as 16-bit integers, twice: row by row (queries, broadcast a pair of dimensions at
// a time) and in blocks of 32 rows (candidates: a block's pair p is 32 consecutive int32, two
// AVX-512 vectors or four AVX2 ones). Rows are padded with zeros to a whole block of candidates,
// dimensions to a whole pair.
struct QuantisedRows {
  int32_t padded = 0;
  int32_t pairs = 0;              // ⌈dimension / 2⌉; dimensions 2p, 2p + 1 are the low, high int16 of pair p
  std::vector<int32_t> byRow;     // padded × pairs
  std::vector<int32_t> byBlock;   // padded / 32 blocks × pairs × 32 rows; row c's pair p at (c / 32 · pairs + p) · 32 + c % 32
  int64_t margin = 0;             // M
};

QuantisedRows quantise(std::span<const float> unit, int32_t rows, int32_t dimension, std::span<const uint8_t> zero) {
  double maxAbs = 0.0, maxNormSquared = 0.0;
  for (int32_t r = 0; r < rows; ++r) {
    if (zero[static_cast<size_t>(r)]) continue;
    double normSquared = 0.0;
    for (int32_t j = 0; j < dimension; ++j) {
      const double x = unit[static_cast<size_t>(r) * dimension + j];
      normSquared += x * x;
      maxAbs = std::max(maxAbs, std::abs(x));
    }
    maxNormSquared = std::max(maxNormSquared, normSquared);
  }
  QuantisedRows q;
  q.padded = (rows + kCandidateRows - 1) / kCandidateRows * kCandidateRows;
  q.pairs = (dimension + 1) / 2;
  std::vector<int16_t> rounded(static_cast<size_t>(q.padded) * q.pairs * 2, 0);
  int exponent = std::ilogb(32767.0 / maxAbs);  // S = 2^exponent keeps |q| ≤ 32767 (never −32768)
  double maxErrorSquared = 0.0;
  for (;; --exponent) {
    int64_t maxSquared = 0;
    maxErrorSquared = 0.0;
    for (int32_t r = 0; r < rows; ++r) {
      const float* x = unit.data() + static_cast<size_t>(r) * dimension;
      int16_t* out = rounded.data() + static_cast<size_t>(r) * q.pairs * 2;
      int64_t squared = 0;
      double errorSquared = 0.0;
      for (int32_t j = 0; j < dimension; ++j) {
        const float v = std::nearbyint(std::ldexp(x[j], exponent));
        out[j] = static_cast<int16_t>(v);
        squared += static_cast<int64_t>(out[j]) * out[j];
        const double error = static_cast<double>(x[j]) - std::ldexp(static_cast<double>(v), -exponent);
        errorSquared += error * error;
      }
      maxSquared = std::max(maxSquared, squared);
      maxErrorSquared = std::max(maxErrorSquared, errorSquared);
    }
    if (maxSquared <= std::numeric_limits<int32_t>::max()) break;
  }
  q.byRow.resize(static_cast<size_t>(q.padded) * q.pairs);
  q.byBlock.resize(q.byRow.size());
  for (int32_t r = 0; r < q.padded; ++r) {
    for (int32_t p = 0; p < q.pairs; ++p) {
      const size_t at = (static_cast<size_t>(r) * q.pairs + p) * 2;
      const auto pair = static_cast<int32_t>(static_cast<uint16_t>(rounded[at]) |
                                             static_cast<uint32_t>(static_cast<uint16_t>(rounded[at + 1])) << 16);
      q.byRow[static_cast<size_t>(r) * q.pairs + p] = pair;
      q.byBlock[(static_cast<size_t>(r / kCandidateRows) * q.pairs + p) * kCandidateRows + r % kCandidateRows] = pair;
    }
  }
  const double roundUp = 1.0 + (dimension + 8) * 0x1p-50;
  const double e = std::sqrt(maxErrorSquared) * roundUp, n = std::sqrt(maxNormSquared) * roundUp;
  const double gamma = dimension * 0x1p-24 / (1.0 - dimension * 0x1p-24);
  const double bound = (e * (2.0 * n + e) + gamma * n * n) * roundUp;
  q.margin = static_cast<int64_t>(std::ceil(2.0 * bound * std::ldexp(1.0, 2 * exponent))) + 1;
  return q;
}

// A block of dot products, and per query row i the candidates j whose dot passes i's gate (bit j
// of down[i]) or j's own (bit j of across[i]).
struct DotBlock {
  int32_t dots[kQueryRows][kCandidateRows];
  uint32_t down[kQueryRows];
  uint32_t across[kQueryRows];
};

// The dot products of query rows q … q + 7 with candidate rows c … c + 31 (c a multiple of 32) into
// block, if any passes the gate of its query row or, when `across`, of its candidate row. Not
// inlined: inside the pass's loops GCC -O3 adds a register copy per product to the kernel.
[[gnu::noinline]] bool dotBlock(const QuantisedRows& q, const int32_t* gates, int32_t query, int32_t candidate, bool across, DotBlock& block) {
  const int32_t* queries = q.byRow.data() + static_cast<size_t>(query) * q.pairs;
  const int32_t* b = q.byBlock.data() + static_cast<size_t>(candidate) * q.pairs;  // its block's first pair
#if defined(__AVX2__)
  const auto bits = [](__m256i low, __m256i high) {
    return static_cast<uint32_t>(_mm256_movemask_ps(_mm256_castsi256_ps(low))) |
           static_cast<uint32_t>(_mm256_movemask_ps(_mm256_castsi256_ps(high))) << kDotLanes;
  };
  uint32_t pass = 0;
  for (int32_t i = 0; i < kQueryRows; ++i) block.down[i] = block.across[i] = 0;
  // Four quarters of 4 query rows × 16 candidate rows, each in eight named accumulators: GCC keeps
  // an array of them in registers only at -O3, and then with a register copy per product.
  for (int32_t half = 0; half < 2; ++half) {
    const int32_t* y0 = b + half * kHalfRows;
    const __m256i lowGates = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(gates + candidate + half * kHalfRows));
    const __m256i highGates = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(gates + candidate + half * kHalfRows + kDotLanes));
    for (int32_t first = 0; first < kQueryRows; first += 4) {
      const int32_t* a = queries + static_cast<size_t>(first) * q.pairs;
      const int32_t* a1 = a + q.pairs;
      const int32_t* a2 = a1 + q.pairs;
      const int32_t* a3 = a2 + q.pairs;
      __m256i s00 = _mm256_setzero_si256(), s01 = s00, s10 = s00, s11 = s00, s20 = s00, s21 = s00, s30 = s00, s31 = s00;
      for (int32_t p = 0; p < q.pairs; ++p) {
        const int32_t* y = y0 + static_cast<size_t>(p) * kCandidateRows;
        const __m256i low = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(y));
        const __m256i high = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(y + kDotLanes));
        const __m256i x0 = _mm256_set1_epi32(a[p]), x1 = _mm256_set1_epi32(a1[p]);
        const __m256i x2 = _mm256_set1_epi32(a2[p]), x3 = _mm256_set1_epi32(a3[p]);
        s00 = _mm256_add_epi32(s00, _mm256_madd_epi16(x0, low));
        s01 = _mm256_add_epi32(s01, _mm256_madd_epi16(x0, high));
        s10 = _mm256_add_epi32(s10, _mm256_madd_epi16(x1, low));
        s11 = _mm256_add_epi32(s11, _mm256_madd_epi16(x1, high));
        s20 = _mm256_add_epi32(s20, _mm256_madd_epi16(x2, low));
        s21 = _mm256_add_epi32(s21, _mm256_madd_epi16(x2, high));
        s30 = _mm256_add_epi32(s30, _mm256_madd_epi16(x3, low));
        s31 = _mm256_add_epi32(s31, _mm256_madd_epi16(x3, high));
      }
      const __m256i sum[4][2] = {{s00, s01}, {s10, s11}, {s20, s21}, {s30, s31}};
      for (int32_t i = 0; i < 4; ++i) {
        const int32_t row = first + i;
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(block.dots[row] + half * kHalfRows), sum[i][0]);
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(block.dots[row] + half * kHalfRows + kDotLanes), sum[i][1]);
        const __m256i gate = _mm256_set1_epi32(gates[query + row]);
        block.down[row] |= bits(_mm256_cmpgt_epi32(sum[i][0], gate), _mm256_cmpgt_epi32(sum[i][1], gate)) << (half * kHalfRows);
        if (across) {
          block.across[row] |= bits(_mm256_cmpgt_epi32(sum[i][0], lowGates), _mm256_cmpgt_epi32(sum[i][1], highGates)) << (half * kHalfRows);
        }
        pass |= block.down[row] | block.across[row];
      }
    }
  }
  return pass != 0;
#else
  for (int32_t i = 0; i < kQueryRows; ++i) {
    for (int32_t j = 0; j < kCandidateRows; ++j) {
      int32_t dot = 0;
      for (int32_t p = 0; p < q.pairs; ++p) {
        const int32_t x = queries[static_cast<size_t>(i) * q.pairs + p];
        const int32_t y = b[static_cast<size_t>(p) * kCandidateRows + j];
        dot += static_cast<int16_t>(x) * static_cast<int16_t>(y) + (x >> 16) * (y >> 16);
      }
      block.dots[i][j] = dot;
    }
    block.down[i] = 0xFFFFFFFFu;
    block.across[i] = across ? 0xFFFFFFFFu : 0;
  }
  (void)gates;
  return true;
#endif
}

#if defined(__AVX2__)
// dotBlock with AVX-512 VNNI: the 32 candidate rows' pair p is two vectors, the 8 × 32 sums sixteen.
[[gnu::noinline, gnu::target("avx512f,avx512bw,avx512vnni")]] bool dotBlockVnni(const QuantisedRows& q, const int32_t* gates, int32_t query,
                                                                                int32_t candidate, bool across, DotBlock& block) {
  const int32_t* a = q.byRow.data() + static_cast<size_t>(query) * q.pairs;
  const int32_t* b = q.byBlock.data() + static_cast<size_t>(candidate) * q.pairs;
  const auto n = static_cast<size_t>(q.pairs);  // query row i's pair p at a[i · n + p]
  // Sixteen named accumulators: with an array of them GCC adds a register copy per product and
  // spills some to the stack.
  __m512i s00 = _mm512_setzero_si512(), s01 = s00, s10 = s00, s11 = s00, s20 = s00, s21 = s00, s30 = s00, s31 = s00;
  __m512i s40 = s00, s41 = s00, s50 = s00, s51 = s00, s60 = s00, s61 = s00, s70 = s00, s71 = s00;
  for (int32_t p = 0; p < q.pairs; ++p) {
    const __m512i low = _mm512_loadu_si512(b + static_cast<size_t>(p) * kCandidateRows);
    const __m512i high = _mm512_loadu_si512(b + static_cast<size_t>(p) * kCandidateRows + kHalfRows);
    s00 = _mm512_dpwssd_epi32(s00, _mm512_set1_epi32(a[p]), low);
    s01 = _mm512_dpwssd_epi32(s01, _mm512_set1_epi32(a[p]), high);
    s10 = _mm512_dpwssd_epi32(s10, _mm512_set1_epi32(a[n + p]), low);
    s11 = _mm512_dpwssd_epi32(s11, _mm512_set1_epi32(a[n + p]), high);
    s20 = _mm512_dpwssd_epi32(s20, _mm512_set1_epi32(a[2 * n + p]), low);
    s21 = _mm512_dpwssd_epi32(s21, _mm512_set1_epi32(a[2 * n + p]), high);
    s30 = _mm512_dpwssd_epi32(s30, _mm512_set1_epi32(a[3 * n + p]), low);
    s31 = _mm512_dpwssd_epi32(s31, _mm512_set1_epi32(a[3 * n + p]), high);
    s40 = _mm512_dpwssd_epi32(s40, _mm512_set1_epi32(a[4 * n + p]), low);
    s41 = _mm512_dpwssd_epi32(s41, _mm512_set1_epi32(a[4 * n + p]), high);
    s50 = _mm512_dpwssd_epi32(s50, _mm512_set1_epi32(a[5 * n + p]), low);
    s51 = _mm512_dpwssd_epi32(s51, _mm512_set1_epi32(a[5 * n + p]), high);
    s60 = _mm512_dpwssd_epi32(s60, _mm512_set1_epi32(a[6 * n + p]), low);
    s61 = _mm512_dpwssd_epi32(s61, _mm512_set1_epi32(a[6 * n + p]), high);
    s70 = _mm512_dpwssd_epi32(s70, _mm512_set1_epi32(a[7 * n + p]), low);
    s71 = _mm512_dpwssd_epi32(s71, _mm512_set1_epi32(a[7 * n + p]), high);
  }
  const __m512i sum[kQueryRows][2] = {{s00, s01}, {s10, s11}, {s20, s21}, {s30, s31}, {s40, s41}, {s50, s51}, {s60, s61}, {s70, s71}};
  // First whether anything passes at all (rarely, after the first tiles): each query row's best
  // of 32 against its gate, each candidate row's best of 8 against its own. The maxima are masked
  // with every lane set: GCC 12 warns falsely inside the unmasked one (GCC bug 105593).
  constexpr __mmask16 kAll = 0xFFFF;
  __mmask16 any = 0;
  for (int32_t i = 0; i < kQueryRows; ++i) {
    any |= _mm512_cmpgt_epi32_mask(_mm512_maskz_max_epi32(kAll, sum[i][0], sum[i][1]), _mm512_set1_epi32(gates[query + i]));
  }
  const __m512i lowGates = _mm512_loadu_si512(gates + candidate);
  const __m512i highGates = _mm512_loadu_si512(gates + candidate + kHalfRows);
  if (across) {
    __m512i low = sum[0][0], high = sum[0][1];
    for (int32_t i = 1; i < kQueryRows; ++i) {
      low = _mm512_maskz_max_epi32(kAll, low, sum[i][0]);
      high = _mm512_maskz_max_epi32(kAll, high, sum[i][1]);
    }
    any |= _mm512_cmpgt_epi32_mask(low, lowGates) | _mm512_cmpgt_epi32_mask(high, highGates);
  }
  if (any == 0) return false;
  const auto bits = [](__mmask16 low, __mmask16 high) { return static_cast<uint32_t>(low) | static_cast<uint32_t>(high) << kHalfRows; };
  for (int32_t i = 0; i < kQueryRows; ++i) {
    _mm512_storeu_si512(block.dots[i], sum[i][0]);
    _mm512_storeu_si512(block.dots[i] + kHalfRows, sum[i][1]);
    const __m512i gate = _mm512_set1_epi32(gates[query + i]);
    block.down[i] = bits(_mm512_cmpgt_epi32_mask(sum[i][0], gate), _mm512_cmpgt_epi32_mask(sum[i][1], gate));
    block.across[i] = across ? bits(_mm512_cmpgt_epi32_mask(sum[i][0], lowGates), _mm512_cmpgt_epi32_mask(sum[i][1], highGates)) : 0;
  }
  return true;
}
#endif

}  // namespace

DotKernel fastestDotKernel() {
#if defined(__AVX2__)
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vnni")) {
    return DotKernel::Avx512Vnni;
  }
#endif
  return DotKernel::Avx2;
}

CosineCandidates cosineCandidates(std::span<const float> unit, int32_t rows, int32_t dimension,
                                  std::span<const uint8_t> zero, std::span<const uint8_t> eligible, size_t k,
                                  ThreadPool& pool, DotKernel kernel) {
  CosineCandidates out;
  out.rows.resize(static_cast<size_t>(rows));
  out.unresolved.assign(static_cast<size_t>(rows), 0);
  if (std::all_of(zero.begin(), zero.begin() + rows, [](uint8_t z) { return z != 0; })) return out;
  const QuantisedRows q = quantise(unit, rows, dimension, zero);
  const size_t capacity = k + std::max<size_t>(k, 16);
#if defined(__AVX2__)
  const auto dots = kernel == DotKernel::Avx512Vnni ? dotBlockVnni : dotBlock;
#else
  (void)kernel;
  const auto dots = dotBlock;
#endif

  const int32_t tiles = (q.padded + kPassTile - 1) / kPassTile;
  std::vector<std::pair<int32_t, int32_t>> tilePairs;  // (query tile, candidate tile ≥ it)
  for (int32_t a = 0; a < tiles; ++a) {
    for (int32_t b = a; b < tiles; ++b) tilePairs.emplace_back(a, b);
  }
  std::vector<CandidateLists> lists;  // one per thread, built in place (each is rows × capacity entries)
  lists.reserve(static_cast<size_t>(pool.threads()));
  for (int32_t t = 0; t < pool.threads(); ++t) lists.emplace_back(q.padded, q.margin, rows, zero, k, capacity);
  // The tile pairs from nextPair up to `end`, shared out as the threads come for them.
  std::atomic<size_t> nextPair{0};
  const auto pass = [&](size_t end) {
    pool.parallelFor(static_cast<size_t>(pool.threads()), [&](int32_t shard, size_t, size_t) {
      CandidateLists& own = lists[static_cast<size_t>(shard)];
      DotBlock block;
      for (size_t t = nextPair++; t < end; t = nextPair++) {
        const int32_t q0 = tilePairs[t].first * kPassTile, qEnd = std::min(q0 + kPassTile, q.padded);
        const int32_t c0 = tilePairs[t].second * kPassTile, cEnd = std::min(c0 + kPassTile, q.padded);
        const bool across = c0 != q0;  // a diagonal tile holds both orders of each pair already
        for (int32_t c = c0; c < cEnd; c += kCandidateRows) {
          // Most insertions come across, into the lists of a tile of rows not touched for a while.
          for (int32_t j = c; across && j < std::min(c + kCandidateRows, rows); ++j) own.prefetch(j);
          for (int32_t query = q0; query < qEnd; query += kQueryRows) {
            if (!dots(q, own.gates(), query, c, across, block)) continue;
            for (int32_t i = 0; i < kQueryRows && query + i < rows; ++i) {
              const int32_t row = query + i;
              for (uint32_t down = block.down[i]; down != 0; down &= down - 1) {
                const int32_t candidate = c + std::countr_zero(down);
                if (candidate >= rows) break;
                if (candidate != row && eligible[static_cast<size_t>(candidate)]) own.offer(row, candidate, block.dots[i][candidate - c]);
              }
              if (!eligible[static_cast<size_t>(row)]) continue;
              for (uint32_t up = block.across[i]; up != 0; up &= up - 1) {  // padding rows' gates pass nothing
                const int32_t candidate = c + std::countr_zero(up);
                own.offer(candidate, row, block.dots[i][candidate - c]);
              }
            }
          }
        }
      }
    });
    nextPair = end;  // each thread took one pair past the end
  };

  // Every thread keeps lists of its own, each climbing from nothing to its row's k-th best, so
  // after the first row of tiles (every row has met a tile of candidates in some thread), and
  // again after each run of tile pairs, each row takes the highest of its gates in every thread: a
  // gate is a k-th largest D over candidates of the row less M + 1, never above D_k − M − 1, so it
  // stays a valid floor for all. At 60k × 32 on 2 threads that is 123 insertions a row against 140
  // when shared only once: within a row of tiles a row meets one tile of candidates, taken by one
  // thread, so its threads' gates part little between shares. One list alone would take about as
  // many: a k-th best rising through a random stream is passed ≈ k·ln(n/k) times, and M lets in more.
  const auto shareGates = [&] {
    pool.parallelFor(static_cast<size_t>(rows), [&](int32_t, size_t begin, size_t end) {
      for (auto r = static_cast<int32_t>(begin); r < static_cast<int32_t>(end); ++r) {
        int32_t gate = std::numeric_limits<int32_t>::min();
        for (const CandidateLists& l : lists) gate = std::max(gate, l.gates()[r]);
        for (CandidateLists& l : lists) l.raiseGate(r, gate);
      }
    });
  };
  for (auto end = static_cast<size_t>(tiles);; end = std::min(tilePairs.size(), end + std::max<size_t>(tiles, end / kGateShareGrowth))) {
    pass(end);
    if (end == tilePairs.size()) break;
    if (pool.threads() > 1) shareGates();
  }

  // Per row, the threads' lists together: D_k is now the k-th largest of all, and the row is
  // resolved if nothing that fell off a full list could reach D_k − M.
  pool.parallelFor(static_cast<size_t>(rows), [&](int32_t, size_t begin, size_t end) {
    std::vector<ScoredCandidate> merged;
    for (auto r = static_cast<int32_t>(begin); r < static_cast<int32_t>(end); ++r) {
      if (zero[static_cast<size_t>(r)]) continue;
      merged.clear();
      int64_t dropped = kNoDot;
      for (const CandidateLists& l : lists) {
        const auto list = l.list(r);
        merged.insert(merged.end(), list.begin(), list.end());
        dropped = std::max(dropped, l.dropped(r));
      }
      int64_t floor = kNoDot;
      if (merged.size() >= k) {
        std::nth_element(merged.begin(), merged.begin() + static_cast<std::ptrdiff_t>(k - 1), merged.end(),
                         [](const ScoredCandidate& x, const ScoredCandidate& y) { return x.dot > y.dot; });
        floor = merged[k - 1].dot - q.margin;
      }
      if (dropped != kNoDot && dropped >= floor) {
        out.unresolved[static_cast<size_t>(r)] = 1;
        continue;
      }
      for (const ScoredCandidate& c : merged) {
        if (c.dot >= floor) out.rows[static_cast<size_t>(r)].push_back(c.item);
      }
    }
  });
  return out;
}

}  // namespace ll
