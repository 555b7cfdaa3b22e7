#include "graph/adjacency.hpp"

namespace firmnet {

Adjacency Adjacency::directed(const GraphView& view) {
  Adjacency a;
  a.directed_ = true;
  a.out_ = std::make_shared<const WeightedCsr>(directed_csr(view));
  a.in_ = std::make_shared<const WeightedCsr>(reverse_csr(view));
  return a;
}

Adjacency Adjacency::undirected(const GraphView& view) {
  Adjacency a;
  a.directed_ = false;
  a.out_ = std::make_shared<const WeightedCsr>(undirected_projection(view));
  a.in_ = a.out_;
  return a;
}

Adjacency Adjacency::of(const GraphView& view, bool directed) {
  return directed ? Adjacency::directed(view) : Adjacency::undirected(view);
}

Adjacency Adjacency::from_csr(WeightedCsr out, bool directed) {
  Adjacency a;
  a.directed_ = directed;
  a.out_ = std::make_shared<const WeightedCsr>(std::move(out));
  a.in_ = directed ? std::make_shared<const WeightedCsr>(transpose(*a.out_)) : a.out_;
  return a;
}

WeightedCsr transpose(const WeightedCsr& csr) {
  const NodeId n = csr.node_count();
  WeightedCsr t;
  t.offsets.assign(std::size_t{n} + 1, 0);
  for (NodeId v : csr.targets) ++t.offsets[v + 1];
  for (NodeId v = 0; v < n; ++v) t.offsets[v + 1] += t.offsets[v];
  t.targets.resize(csr.targets.size());
  t.weights.resize(csr.weights.size());
  std::vector<EdgeId> cursor(t.offsets.begin(), t.offsets.end() - 1);
  // Sources are visited in increasing order, so each transposed row comes out sorted.
  for (NodeId u = 0; u < n; ++u) {
    for (EdgeId i = csr.offsets[u]; i < csr.offsets[u + 1]; ++i) {
      const EdgeId slot = cursor[csr.targets[i]]++;
      t.targets[slot] = u;
      t.weights[slot] = csr.weights[i];
    }
  }
  return t;
}

}  // namespace firmnet
