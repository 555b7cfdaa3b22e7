#include "graph/graph.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <numeric>
#include <tuple>

namespace firmnet {

NodeId Graph::edge_source(EdgeId e) const {
  auto it = std::upper_bound(out_offsets.begin(), out_offsets.end(), e);
  return static_cast<NodeId>(it - out_offsets.begin() - 1);
}

void Graph::build_in_adjacency() {
  const NodeId n = node_count();
  const EdgeId m = edge_count();
  in_offsets.assign(std::size_t{n} + 1, 0);
  for (EdgeId e = 0; e < m; ++e) ++in_offsets[out_target[e] + 1];
  std::partial_sum(in_offsets.begin(), in_offsets.end(), in_offsets.begin());
  in_source.resize(m);
  in_edge.resize(m);
  std::vector<EdgeId> next(in_offsets.begin(), in_offsets.end() - 1);
  for (NodeId u = 0; u < n; ++u) {
    for (EdgeId e = out_offsets[u]; e < out_offsets[u + 1]; ++e) {
      const EdgeId slot = next[out_target[e]]++;
      in_source[slot] = u;
      in_edge[slot] = e;
    }
  }
}

namespace {

struct Hasher {
  std::uint64_t h = 0x9e3779b97f4a7c15ULL;
  void word(std::uint64_t w) {
    h ^= w + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
  }
  template <typename T>
  void array(const std::vector<T>& v) {
    word(v.size());
    for (const T& x : v) {
      std::uint64_t w = 0;
      std::memcpy(&w, &x, sizeof(T));
      word(w);
    }
  }
};

}  // namespace

std::uint64_t Graph::fingerprint() const {
  Hasher hash;
  hash.array(out_offsets);
  hash.array(out_target);
  hash.array(edges.type);
  hash.array(edges.weight);
  hash.array(edges.year);
  return hash.h;
}

std::int64_t Graph::find_node(std::string_view id) const {
  if (id_index_.size() != nodes.size()) {
    id_index_.clear();
    id_index_.reserve(nodes.size());
    for (std::size_t i = 0; i < nodes.id.size(); ++i)
      id_index_.emplace(std::string(nodes.id[i]), static_cast<NodeId>(i));
  }
  auto it = id_index_.find(id);
  return it == id_index_.end() ? -1 : static_cast<std::int64_t>(it->second);
}

GraphBuilder::GraphBuilder(NodeTable nodes) : nodes_(std::move(nodes)) {}

void GraphBuilder::set_extra_edge_columns(std::vector<std::string> names) {
  extra_names_ = std::move(names);
  extra_.assign(extra_names_.size(), StringColumnBuilder{});
}

void GraphBuilder::reserve(std::size_t edges) {
  source_.reserve(edges);
  target_.reserve(edges);
  type_.reserve(edges);
  weight_.reserve(edges);
  year_.reserve(edges);
}

void GraphBuilder::add_edge(NodeId source, NodeId target, RelationType type, double weight,
                            std::int16_t year) {
  source_.push_back(source);
  target_.push_back(target);
  type_.push_back(type);
  weight_.push_back(weight);
  year_.push_back(year);
}

void GraphBuilder::add_edge_extras(std::span<const std::string_view> values) {
  for (std::size_t c = 0; c < extra_.size(); ++c)
    extra_[c].push_back(c < values.size() ? values[c] : std::string_view{});
}

Graph GraphBuilder::finish(BuildStats* stats) && {
  const std::size_t n = nodes_.size();
  const std::size_t m_in = source_.size();
  BuildStats local;

  // Counting sort by source (stable), leaving self-loops out.
  std::vector<EdgeId> offsets(n + 1, 0);
  for (std::size_t i = 0; i < m_in; ++i) {
    if (source_[i] == target_[i])
      ++local.self_loops_dropped;
    else
      ++offsets[source_[i] + 1];
  }
  std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
  std::vector<std::uint64_t> order(offsets[n]);
  {
    std::vector<EdgeId> next(offsets.begin(), offsets.end() - 1);
    for (std::size_t i = 0; i < m_in; ++i)
      if (source_[i] != target_[i]) order[next[source_[i]]++] = i;
  }
  // Each array is released as soon as it is no longer read, so that the peak stays near the
  // final graph's size rather than the sum of the input and output arrays.
  std::vector<NodeId>().swap(source_);

  // Within each source: sort by (target, type, year, input position) and count distinct keys.
  auto key = [&](std::uint64_t i) { return std::make_tuple(target_[i], type_[i], year_[i]); };
  std::vector<EdgeId> distinct(n + 1, 0);
#pragma omp parallel for schedule(dynamic, 1024)
  for (std::int64_t u = 0; u < static_cast<std::int64_t>(n); ++u) {
    auto first = order.begin() + offsets[u], last = order.begin() + offsets[u + 1];
    std::sort(first, last, [&](std::uint64_t a, std::uint64_t b) {
      return std::tie(target_[a], type_[a], year_[a], a) < std::tie(target_[b], type_[b], year_[b], b);
    });
    EdgeId count = 0;
    for (auto it = first; it != last; ++it)
      if (it == first || key(*it) != key(*(it - 1))) ++count;
    distinct[u + 1] = count;
  }
  std::partial_sum(distinct.begin(), distinct.end(), distinct.begin());
  const EdgeId m = distinct[n];
  local.duplicates_merged = offsets[n] - m;

  Graph g;
  g.out_offsets = distinct;
  g.out_target.resize(m);
  g.edges.type.resize(m);
  g.edges.weight.resize(m);
  g.edges.year.resize(m);
  std::vector<std::uint64_t> first_occurrence(extra_.empty() ? 0 : m);  // only extras need it
#pragma omp parallel for schedule(dynamic, 1024)
  for (std::int64_t u = 0; u < static_cast<std::int64_t>(n); ++u) {
    EdgeId out = distinct[u];
    for (EdgeId s = offsets[u]; s < offsets[u + 1]; ++s) {
      const std::uint64_t i = order[s];
      if (s == offsets[u] || key(i) != key(order[s - 1])) {
        g.out_target[out] = target_[i];
        g.edges.type[out] = type_[i];
        g.edges.weight[out] = weight_[i];
        g.edges.year[out] = year_[i];
        if (!first_occurrence.empty()) first_occurrence[out] = i;
        ++out;
      } else {
        g.edges.weight[out - 1] += weight_[i];
      }
    }
  }
  std::vector<NodeId>().swap(target_);
  std::vector<RelationType>().swap(type_);
  std::vector<double>().swap(weight_);
  std::vector<std::int16_t>().swap(year_);
  std::vector<std::uint64_t>().swap(order);
  for (std::size_t c = 0; c < extra_.size(); ++c) {
    ExtraColumn text{extra_names_[c], std::move(extra_[c]).finish()};
    g.edges.extra.push_back(permute_column(text, first_occurrence));
  }
  std::vector<std::uint64_t>().swap(first_occurrence);
  g.nodes = std::move(nodes_);
  g.build_in_adjacency();
  if (stats) *stats = local;
  return g;
}

double located_firm_share(const NodeTable& nodes) {
  std::size_t firms = 0, located = 0;
  for (NodeId u = 0; u < nodes.size(); ++u)
    if (nodes.kind[u] == NodeKind::firm) {
      ++firms;
      located += nodes.located(u);
    }
  return firms == 0 ? 0.0 : static_cast<double>(located) / static_cast<double>(firms);
}

}  // namespace firmnet
