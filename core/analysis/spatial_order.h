#pragma once
// An order of the rows of a point cloud in which near points tend to be near in the order too:
// the rows are halved recursively at the median of their projections onto a long axis of their
// part of the cloud (from the row farthest from the part's first row to the row farthest from
// that one), down to parts of a few dozen rows. The exact neighbour search (neighbour_graph.cpp)
// takes its tiles in this order, so a row meets its near neighbours in its first tile.

#include <cstdint>
#include <vector>

#include <Eigen/Core>

namespace ll {

using SpatialRowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// A permutation of 0 … rows − 1: order[i] is the row at position i. Deterministic.
std::vector<int32_t> spatialOrder(const SpatialRowMatrix& points);

}  // namespace ll
