#include "core/analysis/inner_product_index.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <unordered_set>

#include "core/analysis/hnsw_graph.h"
#include "core/io/binary_stream.h"
#include "core/io/versioned_file.h"

namespace ll {
namespace {

constexpr std::string_view kSearchIndexMagic = "LLMIPSIX";
constexpr uint32_t kSearchIndexVersion = 1;

// Best first, ties by lower item: the order every ranked list of the program uses.
bool scoredBefore(const ScoredItem& a, const ScoredItem& b) { return a.score != b.score ? a.score > b.score : a.item < b.item; }

bool isExcludedFilm(std::span<const uint8_t> excluded, int32_t item) {
  return !excluded.empty() && excluded[static_cast<size_t>(item)] != 0;
}

}  // namespace

InnerProductIndex::~InnerProductIndex() = default;
InnerProductIndex::InnerProductIndex(InnerProductIndex&&) noexcept = default;
InnerProductIndex& InnerProductIndex::operator=(InnerProductIndex&&) noexcept = default;

InnerProductIndex::InnerProductIndex(const UserAffineForm& form, std::span<const int32_t> items, const HnswParams& params)
    : params_(params), form_(form), items_(items.begin(), items.end()) {
  if (params.links < 2 || params.efConstruction < 1 || params.efSearch < 1) {
    throw std::invalid_argument("HNSW parameters: links ≥ 2, efConstruction ≥ 1 and efSearch ≥ 1");
  }
  std::unordered_set<int32_t> seen;
  for (int32_t item : items_) {
    if (item < 0 || item >= form.items || !seen.insert(item).second) {
      throw std::invalid_argument("InnerProductIndex: item " + std::to_string(item) + " outside the form or listed twice");
    }
  }
  lift();
  const size_t width = static_cast<size_t>(form_.dim) + 2;
  graph_ = std::make_unique<HnswGraph>(static_cast<int32_t>(width), HnswGraphParams{.capacity = items_.size(),
                                                                                  .links = params.links,
                                                                                  .efConstruction = params.efConstruction,
                                                                                  .seed = params.seed});
  for (size_t label = 0; label < items_.size(); ++label) graph_->add(lifted_.data() + label * width, label);
}

bool InnerProductIndex::builtFrom(const UserAffineForm& form, std::span<const int32_t> items, const HnswParams& params) const {
  return params.links == params_.links && params.efConstruction == params_.efConstruction && params.seed == params_.seed &&
         form.items == form_.items && form.dim == form_.dim && form.offset == form_.offset && form.direction == form_.direction &&
         std::equal(items.begin(), items.end(), items_.begin(), items_.end());
}

void InnerProductIndex::setEfSearch(int32_t ef) {
  if (ef < 1) throw std::invalid_argument("efSearch must be at least 1");
  params_.efSearch = ef;
}

void InnerProductIndex::lift() {
  const size_t width = static_cast<size_t>(form_.dim) + 2;
  lifted_.assign(items_.size() * width, 0.0f);
  double largest = 0.0;
  std::vector<double> squares(items_.size());
  for (size_t label = 0; label < items_.size(); ++label) {
    const int32_t item = items_[label];
    float* x = lifted_.data() + label * width;
    std::copy_n(form_.directionOf(item), form_.dim, x);
    x[form_.dim] = form_.offset[static_cast<size_t>(item)];
    double square = 0.0;
    for (int32_t f = 0; f <= form_.dim; ++f) square += static_cast<double>(x[f]) * x[f];
    squares[label] = square;
    largest = std::max(largest, square);
  }
  for (size_t label = 0; label < items_.size(); ++label) {
    lifted_[label * width + width - 1] = static_cast<float>(std::sqrt(std::max(0.0, largest - squares[label])));
  }
}

std::vector<ScoredItem> InnerProductIndex::search(std::span<const float> e, int32_t k, std::span<const uint8_t> excluded) const {
  if (e.size() != static_cast<size_t>(form_.dim)) throw std::invalid_argument("InnerProductIndex::search: vector of another dimension");
  if (k <= 0 || items_.empty()) return {};
  // The graph cannot skip films, so it is asked for as many more as the caller excludes.
  size_t skipped = 0;
  if (!excluded.empty()) {
    for (int32_t item : items_) skipped += excluded[static_cast<size_t>(item)] != 0 ? 1 : 0;
  }
  const size_t wanted = std::min(items_.size(), static_cast<size_t>(k) + skipped);
  std::vector<float> query(static_cast<size_t>(form_.dim) + 2, 0.0f);
  std::copy(e.begin(), e.end(), query.begin());
  query[static_cast<size_t>(form_.dim)] = 1.0f;
  // hnswlib keeps ef in the graph: a search is not to be run beside another on one index.
  graph_->setEf(std::max(static_cast<size_t>(params_.efSearch), wanted));
  const auto found = graph_->search(query.data(), wanted);
  std::vector<ScoredItem> out;
  out.reserve(found.size());
  for (const auto& [distance, label] : found) {
    const int32_t item = items_[label];
    if (!isExcludedFilm(excluded, item)) out.push_back({item, form_.predict(e, item)});
  }
  std::sort(out.begin(), out.end(), scoredBefore);
  if (out.size() > static_cast<size_t>(k)) out.resize(static_cast<size_t>(k));
  return out;
}

std::string InnerProductIndex::toBytes() const {
  BinaryWriter writer;
  writer.put(params_.links);
  writer.put(params_.efConstruction);
  writer.put(params_.efSearch);
  writer.put(params_.seed);
  writer.put(form_.items);
  writer.put(form_.dim);
  writer.put(form_.biasCoordinate);
  writer.putVector(form_.offset);
  writer.putVector(form_.direction);
  writer.putVector(items_);
  writer.putString(graph_->toBytes());
  return sealVersioned(kSearchIndexMagic, kSearchIndexVersion, writer.bytes());
}

InnerProductIndex InnerProductIndex::fromBytes(std::string_view bytes) {
  BinaryReader reader(openVersioned(bytes, kSearchIndexMagic, kSearchIndexVersion));
  InnerProductIndex index;
  std::string graph;
  try {
    index.params_.links = reader.get<int32_t>();
    index.params_.efConstruction = reader.get<int32_t>();
    index.params_.efSearch = reader.get<int32_t>();
    index.params_.seed = reader.get<uint64_t>();
    index.form_.items = reader.get<int32_t>();
    index.form_.dim = reader.get<int32_t>();
    index.form_.biasCoordinate = reader.get<int32_t>();
    index.form_.offset = reader.getVector<float>();
    index.form_.direction = reader.getVector<float>();
    index.items_ = reader.getVector<int32_t>();
    graph = reader.getString();
  } catch (const TruncatedData&) {
    throw DamagedFile("the search index is damaged (it ends early)");
  }
  const auto items = static_cast<size_t>(std::max(0, index.form_.items));
  if (index.form_.dim < 0 || index.form_.offset.size() != items ||
      index.form_.direction.size() != items * static_cast<size_t>(index.form_.dim)) {
    throw DamagedFile("the search index is damaged (its sizes disagree)");
  }
  for (int32_t item : index.items_) {
    if (item < 0 || static_cast<size_t>(item) >= items) throw DamagedFile("the search index is damaged (a film outside it)");
  }
  index.lift();
  index.graph_ = HnswGraph::fromBytes(index.form_.dim + 2, graph);
  if (index.graph_->size() != index.items_.size()) {
    throw DamagedFile("the search index is damaged (the graph holds another number of films)");
  }
  return index;
}

std::vector<ScoredItem> exactTopItems(const UserAffineForm& form, std::span<const int32_t> items, std::span<const float> e,
                                      int32_t k, std::span<const uint8_t> excluded) {
  if (k <= 0) return {};
  std::vector<float> all(static_cast<size_t>(form.items));
  form.predictAll(e, all);
  std::vector<ScoredItem> scored;
  scored.reserve(items.size());
  for (int32_t item : items) {
    if (!isExcludedFilm(excluded, item)) scored.push_back({item, all[static_cast<size_t>(item)]});
  }
  const size_t keep = std::min(scored.size(), static_cast<size_t>(k));
  std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(keep), scored.end(), scoredBefore);
  scored.resize(keep);
  return scored;
}

double recallAt(std::span<const ScoredItem> approximate, std::span<const ScoredItem> exact) {
  if (exact.empty()) return 1.0;
  std::unordered_set<int32_t> truth;
  for (const ScoredItem& s : exact) truth.insert(s.item);
  size_t hits = 0;
  for (const ScoredItem& s : approximate) hits += truth.count(s.item);
  return static_cast<double>(hits) / static_cast<double>(exact.size());
}

}  // namespace ll
