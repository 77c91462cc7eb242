#pragma once
// The pieces of t-SNE's gradient (tsne.h, stage 4) that the optimiser keeps between steps: the
// space-partitioning tree of the Barnes-Hut repulsion and the buffers of one gradient evaluation.
//
// The tree is a quadtree (2-D) or octree (3-D) over cubic cells. A cell is split while it holds
// more than kTsneLeafPoints points, down to kTsneTreeDepth levels. Leaves of up to 16 points
// rather than one: a near point then costs one exact interaction instead of a descent through
// cells that would be opened anyway (10k points, 1,000 steps: 11.3 → 8.8 s; the layouts'
// trustworthiness the same to 3 decimals). Seen from
// point i, a cell that does not contain i and whose side s satisfies s / ‖y_i − c‖ < θ (c its
// centre of mass) counts as all its N points sitting at c: N w and N w² (y_i − c) with
// w = 1 / (1 + ‖y_i − c‖²); any other cell is opened, and a leaf's points are taken one by one.
// With θ = 0 no cell is summarised and the walk is exact. Building is sequential and in point
// order, so the tree, and every walk, depend on the layout only.

#include <cstdint>
#include <span>
#include <vector>

#include "core/analysis/tsne.h"

namespace ll {

constexpr int32_t kTsneTreeDepth = 40;
constexpr int32_t kTsneLeafPoints = 16;  // see above

class TsneSpaceTree {
 public:
  /// y: rows × components (2 or 3), row-major; kept by reference until the next build.
  void build(std::span<const double> y, int32_t rows, int32_t components);

  /// Adds Σ_{j≠i} w_ij² (y_i − y_j) to force[0, components) and returns Σ_{j≠i} w_ij, summarised
  /// by the Barnes-Hut criterion θ. Safe to call from several threads at once.
  double repulsion(int32_t point, double theta, double* force) const;

  int32_t nodeCount() const { return static_cast<int32_t>(nodes_.size()); }
  /// The points grouped cell within cell (a Morton-like order): neighbours in the layout
  /// sit close together in it.
  std::span<const int32_t> pointsInTreeOrder() const { return order_; }

 private:
  struct Node {
    double centreOfMass[3] = {0.0, 0.0, 0.0};
    double side = 0.0;      // the cubic cell's edge length
    int32_t begin = 0;      // the node's points are order_[begin, end)
    int32_t end = 0;
    int32_t firstChild = -1;  // −1: a leaf; else its children are nodes [firstChild, firstChild + children)
    int32_t children = 0;
  };

  void split(size_t node, int32_t depth);
  template <size_t components>
  double walk(int32_t point, double theta, double* force) const;  // repulsion() for a known dimension
  void computeCentresOfMass();

  std::span<const double> y_;
  int32_t components_ = 2;
  std::vector<Node> nodes_;
  std::vector<double> cellCentre_;  // per node, components values: the cell's geometric centre
  std::vector<int32_t> depth_;      // per node
  std::vector<int32_t> order_;      // the points, grouped by node
  std::vector<int32_t> position_;   // per point: its index in order_
  std::vector<double> sortedY_;     // the points' coordinates in order_'s order, read by the leaves
  std::vector<int32_t> scratch_;
};

/// Repulsion of every point: forces (rows × components) = Σ_{j≠i} w_ij² (y_i − y_j), perPoint
/// (rows) = Σ_{j≠i} w_ij; returns Z = Σ_i perPoint[i], summed in point order. θ > 0 walks tree
/// (built here); θ = 0 sums every pair without it.
double tsneRepulsion(std::span<const double> y, int32_t rows, int32_t components, double theta, TsneSpaceTree& tree,
                     std::span<double> forces, std::span<double> perPoint, ThreadPool* pool);

/// One gradient evaluation's buffers, reused from step to step.
struct TsneGradientWorkspace {
  TsneSpaceTree tree;
  std::vector<double> attraction;  ///< rows × components: Σ_j p_ij w_ij (y_i − y_j)
  std::vector<double> repulsion;   ///< rows × components
  std::vector<double> perPointZ;   ///< rows
  std::vector<double> perPointKl;  ///< rows: Σ_j p_ij log(p_ij / w_ij)
  std::vector<double> perPointP;   ///< rows: Σ_j p_ij
  std::vector<double> gradient;    ///< rows × components
};

/// Fills workspace.gradient with ∂KL/∂y at y (P multiplied by exaggeration) and returns Z and,
/// when withKl, the KL divergence of the unexaggerated P (else 0; the gradient is left empty in
/// the returned value).
TsneGradient evaluateTsneGradient(const TsneAffinities& p, std::span<const double> y, int32_t components,
                                  double exaggeration, double theta, bool withKl, ThreadPool* pool,
                                  TsneGradientWorkspace& workspace);

}  // namespace ll
