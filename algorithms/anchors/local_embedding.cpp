#include "algorithms/anchors/local_embedding.hpp"

#include <cmath>
#include <limits>

#include "graph/errors.hpp"

namespace firmnet::anchors {

std::string_view locality_name(Locality locality) {
  switch (locality) {
    case Locality::community: return "community";
    case Locality::park: return "park";
    case Locality::region: return "region";
  }
  return "";
}

namespace {

double share(std::int64_t local, std::int64_t total, std::int64_t own_group) {
  if (own_group < 0 || total == 0) return std::numeric_limits<double>::quiet_NaN();
  return static_cast<double>(local) / static_cast<double>(total);
}

// Counts, per node, the row entries whose group equals the node's own group.
std::vector<std::int64_t> same_group_count(const WeightedCsr& rows, const std::vector<std::int64_t>& group) {
  const auto n = static_cast<std::int64_t>(rows.node_count());
  std::vector<std::int64_t> count(n, 0);
#pragma omp parallel for schedule(dynamic, 4096)
  for (std::int64_t v = 0; v < n; ++v) {
    if (group[v] < 0) continue;
    std::int64_t c = 0;
    for (EdgeId i = rows.offsets[v]; i < rows.offsets[v + 1]; ++i) c += group[rows.targets[i]] == group[v];
    count[v] = c;
  }
  return count;
}

}  // namespace

double LocalEmbedding::supplier_share(Locality locality, NodeId v, std::int64_t own_group) const {
  return share(local_suppliers[static_cast<std::size_t>(locality)][v], suppliers[v], own_group);
}

double LocalEmbedding::customer_share(Locality locality, NodeId v, std::int64_t own_group) const {
  return share(local_customers[static_cast<std::size_t>(locality)][v], customers[v], own_group);
}

std::vector<std::int64_t> group_labels(const StringColumn& column) {
  return {column.codes.begin(), column.codes.end()};
}

LocalEmbedding local_embedding(const Adjacency& flow, const NodeTable& nodes,
                               const std::vector<std::int64_t>& membership) {
  if (!flow.is_directed()) throw UsageError("local embedding needs the directed goods-flow graph");
  const NodeId n = flow.node_count();
  if (nodes.size() != n) throw UsageError("node table and graph differ in size");
  if (!membership.empty() && membership.size() != n) throw UsageError("membership must have one entry per node");
  LocalEmbedding e;
  e.suppliers.resize(n);
  e.customers.resize(n);
  for (NodeId v = 0; v < n; ++v) {
    e.suppliers[v] = static_cast<std::int64_t>(flow.in().degree(v));
    e.customers[v] = static_cast<std::int64_t>(flow.out().degree(v));
  }
  const std::array<std::vector<std::int64_t>, kLocalityCount> groups = {
      membership.empty() ? std::vector<std::int64_t>(n, -1) : membership, group_labels(nodes.park),
      group_labels(nodes.region)};
  for (std::size_t k = 0; k < kLocalityCount; ++k) {
    e.available[k] = k != static_cast<std::size_t>(Locality::community) || !membership.empty();
    e.local_suppliers[k] = same_group_count(flow.in(), groups[k]);
    e.local_customers[k] = same_group_count(flow.out(), groups[k]);
  }
  return e;
}

}  // namespace firmnet::anchors
