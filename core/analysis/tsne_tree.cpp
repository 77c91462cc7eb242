// The Barnes-Hut tree of t-SNE's repulsion and the repulsion itself (tsne_forces.h).

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

#include "core/analysis/tsne_forces.h"
#include "core/util/thread_pool.h"

namespace ll {

void TsneSpaceTree::build(std::span<const double> y, int32_t rows, int32_t components) {
  if (components < 2 || components > 3 || y.size() != static_cast<size_t>(rows) * static_cast<size_t>(components)) {
    throw std::invalid_argument("TsneSpaceTree::build: y must hold rows × components values, components 2 or 3");
  }
  y_ = y;
  components_ = components;
  nodes_.clear();
  cellCentre_.clear();
  depth_.clear();
  order_.resize(static_cast<size_t>(rows));
  position_.resize(static_cast<size_t>(rows));
  scratch_.resize(static_cast<size_t>(rows));
  for (int32_t i = 0; i < rows; ++i) order_[static_cast<size_t>(i)] = i;
  if (rows == 0) return;
  const auto c = static_cast<size_t>(components);
  double lo[3] = {0.0, 0.0, 0.0}, hi[3] = {0.0, 0.0, 0.0};
  for (size_t d = 0; d < c; ++d) lo[d] = hi[d] = y[d];
  for (size_t i = 1; i < static_cast<size_t>(rows); ++i) {
    for (size_t d = 0; d < c; ++d) {
      lo[d] = std::min(lo[d], y[i * c + d]);
      hi[d] = std::max(hi[d], y[i * c + d]);
    }
  }
  double side = 0.0;
  Node root;
  root.end = rows;
  for (size_t d = 0; d < c; ++d) {
    side = std::max(side, hi[d] - lo[d]);
    cellCentre_.push_back(0.5 * (lo[d] + hi[d]));
  }
  root.side = side;
  nodes_.push_back(root);
  depth_.push_back(0);
  // Breadth first: a node's children are appended after it, so every child has a larger index.
  for (size_t node = 0; node < nodes_.size(); ++node) {
    if (nodes_[node].end - nodes_[node].begin > kTsneLeafPoints && depth_[node] < kTsneTreeDepth) split(node, depth_[node]);
  }
  sortedY_.resize(y.size());
  for (size_t k = 0; k < static_cast<size_t>(rows); ++k) {
    const auto point = static_cast<size_t>(order_[k]);
    position_[point] = static_cast<int32_t>(k);
    for (size_t d = 0; d < c; ++d) sortedY_[k * c + d] = y[point * c + d];
  }
  computeCentresOfMass();
}

void TsneSpaceTree::split(size_t node, int32_t depth) {
  const auto c = static_cast<size_t>(components_);
  const size_t cells = size_t{1} << c;
  const int32_t begin = nodes_[node].begin, end = nodes_[node].end;
  const double* centre = cellCentre_.data() + node * c;
  // Which child a point falls in: bit d set when its coordinate d is at or above the centre.
  const auto childOf = [&](int32_t point) {
    size_t cell = 0;
    for (size_t d = 0; d < c; ++d) cell |= (y_[static_cast<size_t>(point) * c + d] >= centre[d] ? size_t{1} : 0) << d;
    return cell;
  };
  std::array<int32_t, 9> start{};  // counting sort, stable: points keep their order within a child
  for (int32_t k = begin; k < end; ++k) ++start[childOf(order_[static_cast<size_t>(k)]) + 1];
  for (size_t cell = 0; cell < cells; ++cell) start[cell + 1] += start[cell];
  std::array<int32_t, 9> fill = start;
  for (int32_t k = begin; k < end; ++k) {
    const int32_t point = order_[static_cast<size_t>(k)];
    scratch_[static_cast<size_t>(begin + fill[childOf(point)]++)] = point;
  }
  std::copy(scratch_.begin() + begin, scratch_.begin() + end, order_.begin() + begin);
  const double childSide = 0.5 * nodes_[node].side;
  const auto firstChild = static_cast<int32_t>(nodes_.size());
  int32_t children = 0;
  for (size_t cell = 0; cell < cells; ++cell) {
    if (start[cell + 1] == start[cell]) continue;
    Node child;
    child.side = childSide;
    child.begin = begin + start[cell];
    child.end = begin + start[cell + 1];
    for (size_t d = 0; d < c; ++d) {
      const double offset = (cell >> d & 1) != 0 ? 0.5 * childSide : -0.5 * childSide;
      cellCentre_.push_back(cellCentre_[node * c + d] + offset);  // may reallocate: no pointer kept past here
    }
    nodes_.push_back(child);
    depth_.push_back(depth + 1);
    ++children;
  }
  nodes_[node].firstChild = firstChild;
  nodes_[node].children = children;
}

void TsneSpaceTree::computeCentresOfMass() {
  const auto c = static_cast<size_t>(components_);
  for (size_t node = nodes_.size(); node-- > 0;) {
    Node& n = nodes_[node];
    double sum[3] = {0.0, 0.0, 0.0};
    if (n.firstChild < 0) {
      for (int32_t k = n.begin; k < n.end; ++k) {
        const auto point = static_cast<size_t>(order_[static_cast<size_t>(k)]);
        for (size_t d = 0; d < c; ++d) sum[d] += y_[point * c + d];
      }
    } else {
      for (int32_t child = n.firstChild; child < n.firstChild + n.children; ++child) {
        const Node& m = nodes_[static_cast<size_t>(child)];
        for (size_t d = 0; d < c; ++d) sum[d] += m.centreOfMass[d] * (m.end - m.begin);
      }
    }
    for (size_t d = 0; d < c; ++d) n.centreOfMass[d] = sum[d] / (n.end - n.begin);
  }
}

double TsneSpaceTree::repulsion(int32_t point, double theta, double* force) const {
  if (nodes_.empty()) return 0.0;
  return components_ == 2 ? walk<2>(point, theta, force) : walk<3>(point, theta, force);
}

template <size_t c>
double TsneSpaceTree::walk(int32_t point, double theta, double* force) const {
  double yi[c];
  for (size_t d = 0; d < c; ++d) yi[d] = y_[static_cast<size_t>(point) * c + d];
  const int32_t at = position_[static_cast<size_t>(point)];
  const double theta2 = theta * theta;
  // Depth first; each level leaves at most 7 siblings waiting.
  std::array<int32_t, 8 * (kTsneTreeDepth + 1)> stack;
  size_t top = 0;
  stack[top++] = 0;
  // Summed in registers: through `force` every cell would cost a store the compiler cannot drop.
  double z = 0.0, sum[c] = {};
  while (top > 0) {
    const Node& n = nodes_[static_cast<size_t>(stack[--top])];
    double diff[3] = {0.0, 0.0, 0.0}, d2 = 0.0;
    for (size_t d = 0; d < c; ++d) {
      diff[d] = yi[d] - n.centreOfMass[d];
      d2 += diff[d] * diff[d];
    }
    const bool holdsPoint = n.begin <= at && at < n.end;
    if (!holdsPoint && n.side * n.side < theta2 * d2) {
      const double w = 1.0 / (1.0 + d2), mass = static_cast<double>(n.end - n.begin) * w;
      z += mass;
      for (size_t d = 0; d < c; ++d) sum[d] += mass * w * diff[d];
    } else if (n.firstChild < 0) {
      for (int32_t k = n.begin; k < n.end; ++k) {
        if (k == at) continue;
        const double* yj = sortedY_.data() + static_cast<size_t>(k) * c;
        double e[3] = {0.0, 0.0, 0.0}, e2 = 0.0;
        for (size_t d = 0; d < c; ++d) {
          e[d] = yi[d] - yj[d];
          e2 += e[d] * e[d];
        }
        const double w = 1.0 / (1.0 + e2);
        z += w;
        for (size_t d = 0; d < c; ++d) sum[d] += w * w * e[d];
      }
    } else {
      for (int32_t child = n.firstChild + n.children; child-- > n.firstChild;) stack[top++] = child;
    }
  }
  for (size_t d = 0; d < c; ++d) force[d] += sum[d];
  return z;
}

double tsneRepulsion(std::span<const double> y, int32_t rows, int32_t components, double theta, TsneSpaceTree& tree,
                     std::span<double> forces, std::span<double> perPoint, ThreadPool* pool) {
  const auto c = static_cast<size_t>(components);
  std::fill(forces.begin(), forces.end(), 0.0);
  if (theta > 0.0) tree.build(y, rows, components);
  // With a tree, the points go in its order: consecutive walks then visit mostly the same cells.
  const std::span<const int32_t> order = tree.pointsInTreeOrder();
  const auto work = [&](int32_t, size_t begin, size_t end) {
    for (size_t at = begin; at < end; ++at) {
      const size_t i = theta > 0.0 ? static_cast<size_t>(order[at]) : at;
      double* force = forces.data() + i * c;
      if (theta > 0.0) {
        perPoint[i] = tree.repulsion(static_cast<int32_t>(i), theta, force);
        continue;
      }
      double z = 0.0;
      for (size_t j = 0; j < static_cast<size_t>(rows); ++j) {
        if (j == i) continue;
        double e[3] = {0.0, 0.0, 0.0}, e2 = 0.0;
        for (size_t d = 0; d < c; ++d) {
          e[d] = y[i * c + d] - y[j * c + d];
          e2 += e[d] * e[d];
        }
        const double w = 1.0 / (1.0 + e2);
        z += w;
        for (size_t d = 0; d < c; ++d) force[d] += w * w * e[d];
      }
      perPoint[i] = z;
    }
  };
  if (pool) {
    pool->parallelFor(static_cast<size_t>(rows), work);
  } else {
    work(0, 0, static_cast<size_t>(rows));
  }
  double total = 0.0;
  for (size_t i = 0; i < static_cast<size_t>(rows); ++i) total += perPoint[i];
  return total;
}

}  // namespace ll
