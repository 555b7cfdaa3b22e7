#include "algorithms/clusters/cluster_indicators.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "algorithms/anchors/supply_dependency.hpp"
#include "algorithms/anchors/supply_flow.hpp"
#include "algorithms/spatial/park_verdicts.hpp"
#include "graph/adjacency.hpp"

namespace firmnet::clusters {
namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

double ratio(double part, double whole) { return whole > 0 ? part / whole : kNan; }

double median(std::vector<double> values) {
  if (values.empty()) return kNan;
  std::sort(values.begin(), values.end());
  const std::size_t h = values.size() / 2;
  return values.size() % 2 ? values[h] : (values[h - 1] + values[h]) / 2;
}

std::int32_t known_stage(const NodeTable& t, NodeId v) {
  return t.kind[v] == NodeKind::firm && !t.stage.missing(v) ? t.stage.codes[v] : -1;
}

}  // namespace

bool is_public_anchor(const NodeTable& nodes, NodeId v) {
  const NodeKind kind = nodes.kind[v];
  if (kind == NodeKind::university || kind == NodeKind::research_institute || kind == NodeKind::government) return true;
  if (nodes.ownership.missing(v)) return false;
  const std::string_view ownership = nodes.ownership.value(v);
  return ownership == "state" || ownership == "public";
}

ClusterProfile profile_cluster(const GraphView& view, const std::vector<NodeId>& members,
                               const std::vector<std::uint8_t>& inside,
                               const std::vector<std::uint64_t>& area_industry_firms, std::uint64_t area_firms,
                               const TypologyRules& rules, int top_anchors) {
  const Graph& g = view.graph();
  const NodeTable& t = g.nodes;
  ClusterProfile profile;
  ClusterIndicators& ind = profile.indicators;
  ClusterSignature& sig = profile.signature;
  const std::size_t k = members.size();
  auto index_of = [&](NodeId v) -> std::int64_t {
    const auto it = std::lower_bound(members.begin(), members.end(), v);
    return it != members.end() && *it == v ? it - members.begin() : -1;
  };
  std::vector<std::uint64_t> ends(k, 0);
  std::vector<std::uint8_t> reaches_institution(k, 0);
  std::uint64_t vertical = 0, horizontal = 0, link_ends = 0, external_ends = 0, public_ends = 0;
  std::vector<double> employees;
  std::map<std::int32_t, std::uint64_t> industry_counts;
  ind.members = k;
  for (std::size_t i = 0; i < k; ++i) {
    const NodeId v = members[i];
    if (t.kind[v] == NodeKind::firm) {
      ++ind.firms;
      if (std::isfinite(t.employees[v])) {
        employees.push_back(t.employees[v]);
        ind.employment += t.employees[v];
      }
      if (!t.industry.missing(v)) ++industry_counts[t.industry.codes[v]];
    } else if (spatial::is_support_institution(t.kind[v])) {
      ++ind.institutions;
    }
    view.for_out_edges(v, [&](NodeId w, EdgeId, double) {
      ++link_ends;
      external_ends += !inside[w];
      const std::int64_t j = index_of(w);
      if (j < 0) return;
      ++ind.internal_links;
      ++ends[i];
      ++ends[j];
      public_ends += is_public_anchor(t, v) + is_public_anchor(t, w);
      const std::int32_t sv = known_stage(t, v), sw = known_stage(t, w);
      if (sv >= 0 && sw >= 0) (sv == sw ? horizontal : vertical) += 1;
      if (t.kind[v] == NodeKind::firm && spatial::is_support_institution(t.kind[w])) reaches_institution[i] = 1;
      if (t.kind[w] == NodeKind::firm && spatial::is_support_institution(t.kind[v])) reaches_institution[j] = 1;
    });
    view.for_in_edges(v, [&](NodeId w, EdgeId, double) {
      ++link_ends;
      external_ends += !inside[w];
    });
  }
  const double internal_ends = 2.0 * static_cast<double>(ind.internal_links);

  // Anchors: members by internal link ends, then node id.
  std::vector<std::size_t> order(k);
  for (std::size_t i = 0; i < k; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return ends[a] > ends[b]; });
  for (std::size_t r = 0; r < order.size() && static_cast<int>(r) < top_anchors; ++r)
    ind.anchors.push_back({members[order[r]], ends[order[r]], ratio(static_cast<double>(ends[order[r]]), internal_ends)});
  std::vector<NodeId> hub_anchors;
  double hub_ends = 0, largest_anchor = 0;
  for (const std::size_t i : order) {
    if (t.kind[members[i]] != NodeKind::firm) continue;
    if (static_cast<int>(hub_anchors.size()) == rules.hub_anchors) break;
    hub_anchors.push_back(members[i]);
    hub_ends += static_cast<double>(ends[i]);
    if (std::isfinite(t.employees[members[i]])) largest_anchor = std::max(largest_anchor, t.employees[members[i]]);
  }
  std::sort(hub_anchors.begin(), hub_anchors.end());

  // Goods flow: supply as stored, subcontract reversed; the view's years, whatever its layers.
  EdgeFilter goods = view.filter();
  goods.type_mask = anchors::supply_layers().type_mask;
  double anchor_inputs = 0, local_inputs = 0;
  for (const ClusterAnchor& anchor : ind.anchors) {
    const NodeId a = anchor.node;
    if (t.kind[a] != NodeKind::firm) continue;
    for (EdgeId s = g.in_begin(a); s < g.in_end(a); ++s) {
      const EdgeId e = g.in_edge[s];
      if (g.edges.type[e] != RelationType::supply || !goods.accepts(g.edges.type[e], g.edges.year[e])) continue;
      anchor_inputs += g.edges.weight[e];
      if (index_of(g.in_source[s]) >= 0) local_inputs += g.edges.weight[e];
    }
    for (EdgeId e = g.out_begin(a); e < g.out_end(a); ++e) {
      if (g.edges.type[e] != RelationType::subcontract || !goods.accepts(g.edges.type[e], g.edges.year[e])) continue;
      anchor_inputs += g.edges.weight[e];
      if (index_of(g.out_target[e]) >= 0) local_inputs += g.edges.weight[e];
    }
  }
  ind.local_supply_ratio = ratio(local_inputs, anchor_inputs);

  // Dependent suppliers: in the reversed internal goods flow with the hub anchors merged into
  // one node, the firms that node dominates (every path to a final customer of the cluster
  // passes through an anchor; the anchors' own sales are left out, so they are final customers).
  // Compact ids: the other members 0..k-1 in order, the anchors k.
  const auto merged = static_cast<NodeId>(k - hub_anchors.size());
  std::vector<NodeId> compact(k);
  for (std::size_t i = 0, next = 0; i < k; ++i)
    compact[i] = std::binary_search(hub_anchors.begin(), hub_anchors.end(), members[i]) ? merged : static_cast<NodeId>(next++);
  std::vector<std::vector<NodeId>> customers_of(merged + 1);  // reversed: a customer's row lists its suppliers
  auto goods_link = [&](std::size_t supplier, std::size_t customer) {
    // The anchors are the final customers: their own sales are left out.
    if (compact[supplier] != merged && compact[supplier] != compact[customer]) customers_of[compact[customer]].push_back(compact[supplier]);
  };
  for (std::size_t i = 0; i < k; ++i)
    for (EdgeId e = g.out_begin(members[i]); e < g.out_end(members[i]); ++e) {
      const RelationType type = g.edges.type[e];
      const std::int64_t j = index_of(g.out_target[e]);
      if (j < 0 || !goods.accepts(type, g.edges.year[e])) continue;
      // Supply runs supplier -> customer; subcontract runs principal -> subcontractor, the goods back.
      if (type == RelationType::supply) goods_link(i, static_cast<std::size_t>(j));
      else goods_link(static_cast<std::size_t>(j), i);
    }
  WeightedCsr reversed;
  for (auto& row : customers_of) {
    std::sort(row.begin(), row.end());
    row.erase(std::unique(row.begin(), row.end()), row.end());
    for (const NodeId v : row) {
      reversed.targets.push_back(v);
      reversed.weights.push_back(1);
    }
    reversed.offsets.push_back(reversed.targets.size());
  }
  const anchors::SupplyDependency dependency = anchors::supply_dependency(Adjacency::from_csr(std::move(reversed), true));
  std::uint64_t dependent = 0, candidates = 0;
  for (std::size_t i = 0; i < k; ++i) {
    if (t.kind[members[i]] != NodeKind::firm || compact[i] == merged) continue;
    ++candidates;
    for (std::int64_t x = dependency.immediate_dominator[compact[i]]; x != anchors::kVirtualRoot; x = dependency.immediate_dominator[static_cast<std::size_t>(x)])
      if (x == merged) {
        ++dependent;
        break;
      }
  }

  std::uint64_t owned_outside = 0, reached = 0;
  for (std::size_t i = 0; i < k; ++i) {
    const NodeId v = members[i];
    if (t.kind[v] != NodeKind::firm) continue;
    reached += reaches_institution[i];
    for (EdgeId s = g.in_begin(v); s < g.in_end(v); ++s)
      if (g.edges.type[g.in_edge[s]] == RelationType::ownership && !inside[g.in_source[s]]) {
        ++owned_outside;
        break;
      }
  }

  std::vector<std::pair<std::int32_t, std::uint64_t>> industries(industry_counts.begin(), industry_counts.end());
  std::stable_sort(industries.begin(), industries.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  for (std::size_t r = 0; r < industries.size() && r < 3; ++r) {
    const auto [code, count] = industries[r];
    const double share = ratio(static_cast<double>(count), static_cast<double>(ind.firms));
    const double area_share = ratio(static_cast<double>(area_industry_firms[static_cast<std::size_t>(code)]), static_cast<double>(area_firms));
    ind.industries.push_back({std::string(t.industry.dictionary[static_cast<std::size_t>(code)]), count, share, ratio(share, area_share)});
  }
  const double staged = static_cast<double>(vertical + horizontal);
  ind.vertical_share = ratio(static_cast<double>(vertical), staged);
  ind.institution_density = ratio(static_cast<double>(ind.institutions), static_cast<double>(ind.firms));
  ind.external_orientation = ratio(static_cast<double>(external_ends), static_cast<double>(link_ends));

  const double firms = static_cast<double>(ind.firms);
  sig.top_firm_share = kNan;
  for (const std::size_t i : order)
    if (t.kind[members[i]] == NodeKind::firm) {
      sig.top_firm_share = ratio(static_cast<double>(ends[i]), internal_ends);
      break;
    }
  sig.hub_share = ratio(hub_ends, internal_ends);
  sig.median_employees = median(employees);
  sig.anchor_size_ratio = ratio(largest_anchor, sig.median_employees);
  sig.dependent_share = ratio(static_cast<double>(dependent), static_cast<double>(candidates));
  sig.vertical_share = ind.vertical_share;
  sig.horizontal_share = ratio(static_cast<double>(horizontal), staged);
  sig.institution_reach = ratio(static_cast<double>(reached), firms);
  sig.outside_owned_share = ratio(static_cast<double>(owned_outside), firms);
  sig.external_orientation = ind.external_orientation;
  sig.public_share = ratio(static_cast<double>(public_ends), internal_ends);
  return profile;
}

}  // namespace firmnet::clusters
