#include "algorithms/spatial/linkage_null_verifier.hpp"

#include <map>
#include <string>
#include <tuple>

namespace firmnet::spatial {

namespace {

/// (relation type, source side, target side): the sides are region or industry codes, or 0
/// for the degree null. A node's degree is counted per stratum and direction.
using Stratum = std::tuple<int, std::int64_t, std::int64_t>;
using DegreeKey = std::tuple<Stratum, NodeId, bool>;  // (stratum, node, true = out-end)

Stratum stratum_of(const Graph& g, NullKind kind, RelationType type, NodeId source, NodeId target) {
  const StringColumn* side = kind == NullKind::region ? &g.nodes.region
                             : kind == NullKind::industry ? &g.nodes.industry
                                                          : nullptr;
  if (!side) return {static_cast<int>(type), 0, 0};
  return {static_cast<int>(type), side->codes[source], side->codes[target]};
}

std::string stratum_text(const Stratum& s, NullKind kind) {
  std::string text(relation_type_name(static_cast<RelationType>(std::get<0>(s))));
  if (kind != NullKind::degree)
    text += " " + std::to_string(std::get<1>(s)) + "->" + std::to_string(std::get<2>(s)) + " (" +
            std::string(null_kind_name(kind)) + " codes)";
  return text;
}

}  // namespace

Verification verify_null_replicate(const GraphView& view, const std::vector<std::int64_t>& unit_of,
                                   const NullOptions& options, const NullDistribution& null, int replicate,
                                   const std::vector<RewiredEdge>& rewired) {
  Verification out;
  const Graph& g = view.graph();
  const std::size_t units = null.observed.size();
  if (replicate < 0 || static_cast<std::size_t>(replicate) >= null.samples.size()) {
    out.fail("replicate " + std::to_string(replicate) + " is not among the " + std::to_string(null.samples.size()) +
             " stored");
    return out;
  }

  // Observed edges: +1 per end, internal counts per unit.
  std::map<DegreeKey, std::int64_t> balance;
  std::vector<std::uint64_t> observed_internal(units, 0);
  std::size_t observed_edges = 0;
  for (NodeId u = 0; u < g.node_count(); ++u) {
    for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e) {
      const NodeId v = g.out_target[e];
      if (!view.accepts(e) || !view.contains(u) || !view.contains(v)) continue;
      ++observed_edges;
      const Stratum s = stratum_of(g, options.kind, g.edges.type[e], u, v);
      ++balance[{s, u, true}];
      ++balance[{s, v, false}];
      if (unit_of[u] >= 0 && unit_of[u] == unit_of[v]) ++observed_internal[static_cast<std::size_t>(unit_of[u])];
    }
  }
  for (std::size_t c = 0; c < units; ++c)
    if (observed_internal[c] != null.observed[c])
      out.fail("unit " + std::to_string(c) + ": observed internal count " + std::to_string(null.observed[c]) +
               ", recounted " + std::to_string(observed_internal[c]));

  // Rewired edges: -1 per end, internal counts per unit.
  if (rewired.size() != observed_edges)
    out.fail("replicate has " + std::to_string(rewired.size()) + " edges, the view " + std::to_string(observed_edges));
  std::vector<std::uint64_t> rewired_internal(units, 0);
  for (std::size_t i = 0; i < rewired.size(); ++i) {
    const RewiredEdge& edge = rewired[i];
    if (edge.source >= g.node_count() || edge.target >= g.node_count() || !view.contains(edge.source) ||
        !view.contains(edge.target)) {
      out.fail("rewired edge " + std::to_string(i) + " has an endpoint outside the view");
      continue;
    }
    if (edge.source == edge.target) out.fail("rewired edge " + std::to_string(i) + " is a self-loop at node " +
                                             std::to_string(edge.source));
    const Stratum s = stratum_of(g, options.kind, edge.type, edge.source, edge.target);
    --balance[{s, edge.source, true}];
    --balance[{s, edge.target, false}];
    const std::int64_t unit = unit_of[edge.source];
    if (unit >= 0 && unit == unit_of[edge.target]) ++rewired_internal[static_cast<std::size_t>(unit)];
  }
  for (const auto& [key, difference] : balance)
    if (difference != 0) {
      const auto& [stratum, node, out_end] = key;
      out.fail("node " + std::to_string(node) + " " + (out_end ? "out" : "in") + "-degree in stratum " +
               stratum_text(stratum, options.kind) + " changed by " + std::to_string(-difference));
    }
  const std::vector<std::uint32_t>& sample = null.samples[static_cast<std::size_t>(replicate)];
  for (std::size_t c = 0; c < units; ++c)
    if (c >= sample.size() || rewired_internal[c] != sample[c])
      out.fail("unit " + std::to_string(c) + ": stored sample " +
               (c < sample.size() ? std::to_string(sample[c]) : std::string("missing")) +
               ", recounted from the rewired edges " + std::to_string(rewired_internal[c]));
  return out;
}

}  // namespace firmnet::spatial
