#include "core/analysis/hnsw_graph.h"

#include <hnswlib/hnswlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "core/io/temporary_name.h"

namespace ll {
namespace {

// hnswlib saves to and loads from a path only: its bytes pass through a file of this process's own.
class HnswScratchFile {
 public:
  HnswScratchFile() : path_(std::filesystem::temp_directory_path() / ("latentlens-hnsw-" + uniqueTemporaryTag())) {}
  ~HnswScratchFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  HnswScratchFile(const HnswScratchFile&) = delete;
  HnswScratchFile& operator=(const HnswScratchFile&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string read() const {
    std::ifstream in(path_, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) throw std::runtime_error("cannot read the temporary file " + path_.string());
    return bytes;
  }
  void write(std::string_view bytes) const {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) throw std::runtime_error("cannot write the temporary file " + path_.string());
  }

 private:
  std::filesystem::path path_;
};

}  // namespace

struct HnswGraph::Impl {
  explicit Impl(int32_t dimension) : space(static_cast<size_t>(dimension)) {}
  hnswlib::L2Space space;
  std::unique_ptr<hnswlib::HierarchicalNSW<float>> hnsw;
};

HnswGraph::HnswGraph(int32_t dimension, const HnswGraphParams& params) : impl_(std::make_unique<Impl>(dimension)) {
  impl_->hnsw = std::make_unique<hnswlib::HierarchicalNSW<float>>(&impl_->space, std::max<size_t>(params.capacity, 1),
                                                                  static_cast<size_t>(params.links),
                                                                  static_cast<size_t>(params.efConstruction), static_cast<size_t>(params.seed));
}

HnswGraph::~HnswGraph() = default;

void HnswGraph::add(const float* point, size_t label) { impl_->hnsw->addPoint(point, label); }

void HnswGraph::setEf(size_t ef) { impl_->hnsw->setEf(ef); }

std::vector<std::pair<float, size_t>> HnswGraph::search(const float* query, size_t k) const {
  auto found = impl_->hnsw->searchKnn(query, k);
  std::vector<std::pair<float, size_t>> nearest(found.size());
  // The queue pops the farthest first.
  for (size_t at = nearest.size(); !found.empty(); found.pop()) nearest[--at] = {found.top().first, static_cast<size_t>(found.top().second)};
  return nearest;
}

size_t HnswGraph::size() const { return impl_->hnsw->cur_element_count; }

std::string HnswGraph::toBytes() const {
  HnswScratchFile scratch;
  impl_->hnsw->saveIndex(scratch.path().string());
  return scratch.read();
}

std::unique_ptr<HnswGraph> HnswGraph::fromBytes(int32_t dimension, std::string_view bytes) {
  std::unique_ptr<HnswGraph> graph(new HnswGraph());
  graph->impl_ = std::make_unique<Impl>(dimension);
  HnswScratchFile scratch;
  scratch.write(bytes);
  graph->impl_->hnsw = std::make_unique<hnswlib::HierarchicalNSW<float>>(&graph->impl_->space, scratch.path().string());
  return graph;
}

}  // namespace ll
