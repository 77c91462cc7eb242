#include "core/analysis/user_affine_form.h"

#include <algorithm>

#include <Eigen/Core>

namespace ll {
namespace {

using RowMatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// offset_i = ŷ(u, i) − e_u · direction_i for a real user u: exact because ŷ is affine in e, and it
// reuses the model's own prediction code instead of re-deriving every constant term.
void offsetsFromPredictions(const Model& model, UserAffineForm& form) {
  const int32_t items = form.items;
  std::vector<float> e(static_cast<size_t>(form.dim));
  model.userEmbedding(0, e);
  form.offset.assign(static_cast<size_t>(items), 0.0f);
  // In chunks: a batch gathers its items' feature rows (1,147 floats each with a genome).
  constexpr int32_t kChunk = 2048;
  std::vector<int32_t> users(kChunk, 0), ids(kChunk);
  for (int32_t begin = 0; begin < items; begin += kChunk) {
    const int32_t n = std::min(kChunk, items - begin);
    for (int32_t k = 0; k < n; ++k) ids[static_cast<size_t>(k)] = begin + k;
    model.predict(std::span(users).first(static_cast<size_t>(n)), std::span(ids).first(static_cast<size_t>(n)),
                  std::span(form.offset).subspan(static_cast<size_t>(begin), static_cast<size_t>(n)));
  }
  for (int32_t i = 0; i < items; ++i) {
    const float* d = form.directionOf(i);
    double dot = 0.0;
    for (int32_t f = 0; f < form.dim; ++f) dot += static_cast<double>(e[static_cast<size_t>(f)]) * d[f];
    form.offset[static_cast<size_t>(i)] = static_cast<float>(form.offset[static_cast<size_t>(i)] - dot);
  }
}

}  // namespace

float UserAffineForm::predict(std::span<const float> e, int32_t item) const {
  const float* d = directionOf(item);
  double y = offset[static_cast<size_t>(item)];
  for (int32_t f = 0; f < dim; ++f) y += static_cast<double>(e[static_cast<size_t>(f)]) * d[f];
  return static_cast<float>(y);
}

void UserAffineForm::predictAll(std::span<const float> e, std::span<float> out) const {
  const Eigen::Map<const RowMatrixF> d(direction.data(), items, dim);
  const Eigen::Map<const Eigen::VectorXf> user(e.data(), dim);
  const Eigen::Map<const Eigen::VectorXf> base(offset.data(), items);
  Eigen::Map<Eigen::VectorXf>(out.data(), items).noalias() = base + d * user;
}

bool isUserAffine(ModelKind kind) {
  switch (kind) {
    case ModelKind::UserBias:
    case ModelKind::Linear:
    case ModelKind::MF:
    case ModelKind::SVDpp:
    case ModelKind::FM:
    case ModelKind::Tensor:
    case ModelKind::AutoRecI:
    case ModelKind::DHA:
    case ModelKind::ASDAE: return true;
    default: return false;
  }
}

std::optional<UserAffineForm> userAffineForm(const Model& model) {
  UserAffineForm form;
  form.items = model.itemCount();
  form.dim = model.userEmbeddingDim();
  const auto items = static_cast<size_t>(form.items);
  const auto dim = static_cast<size_t>(form.dim);
  if (form.items == 0 || model.userCount() == 0) return std::nullopt;
  const Parameters& p = model.parameters();
  switch (model.config().kind) {
    case ModelKind::UserBias:
    case ModelKind::Linear:
      form.direction.assign(items, 1.0f);
      form.biasCoordinate = 0;
      offsetsFromPredictions(model, form);
      return form;
    case ModelKind::MF:
    case ModelKind::SVDpp: {
      // Straight from the blocks: offset = μ + b_i, direction = [q_i; 1].
      const float mu = p[p.find("global_bias")].value[0];
      const ParameterBlock& bi = p[p.find("item_bias")];
      const ParameterBlock& q = p[p.find("item_factors")];
      form.offset.resize(items);
      form.direction.resize(items * dim);
      for (size_t i = 0; i < items; ++i) {
        form.offset[i] = mu + bi.value[i];
        const float* qi = q.row(static_cast<int32_t>(i));
        std::copy(qi, qi + q.cols, form.direction.begin() + static_cast<std::ptrdiff_t>(i * dim));
        form.direction[i * dim + dim - 1] = 1.0f;
      }
      form.biasCoordinate = form.dim - 1;
      return form;
    }
    case ModelKind::FM: {
      const std::vector<float> itemPart = model.itemEmbeddings();  // items × z
      const auto z = static_cast<size_t>(model.itemEmbeddingDim());
      form.direction.resize(items * dim);
      for (size_t i = 0; i < items; ++i) {
        std::copy(itemPart.begin() + static_cast<std::ptrdiff_t>(i * z), itemPart.begin() + static_cast<std::ptrdiff_t>((i + 1) * z),
                  form.direction.begin() + static_cast<std::ptrdiff_t>(i * dim));
        form.direction[i * dim + dim - 1] = 1.0f;
      }
      form.biasCoordinate = form.dim - 1;
      offsetsFromPredictions(model, form);
      return form;
    }
    case ModelKind::Tensor: {
      form.direction = model.itemEmbeddings();  // T x_i (+ the id part)
      const ParameterBlock& a = p[p.find("user_weights")];
      for (size_t i = 0; i < items; ++i) {
        for (size_t f = 0; f < dim; ++f) form.direction[i * dim + f] += a.value[f];
      }
      offsetsFromPredictions(model, form);
      return form;
    }
    case ModelKind::DHA:
    case ModelKind::ASDAE:
      // ŷ = μ + U_u · V_i: direction V_i, offset μ.
      form.direction = model.itemEmbeddings();
      offsetsFromPredictions(model, form);
      return form;
    case ModelKind::AutoRecI: {
      // ŷ = [W_u; b_u] · [h_i; 1]: direction [h_i; 1] (the movie's code), offset 0.
      const std::vector<float> codes = model.itemEmbeddings();  // items × z
      const auto z = static_cast<size_t>(model.itemEmbeddingDim());
      form.offset.assign(items, 0.0f);
      form.direction.resize(items * dim);
      for (size_t i = 0; i < items; ++i) {
        std::copy(codes.begin() + static_cast<std::ptrdiff_t>(i * z), codes.begin() + static_cast<std::ptrdiff_t>((i + 1) * z),
                  form.direction.begin() + static_cast<std::ptrdiff_t>(i * dim));
        form.direction[i * dim + dim - 1] = 1.0f;
      }
      form.biasCoordinate = form.dim - 1;
      return form;
    }
    default:
      return std::nullopt;
  }
}

}  // namespace ll
