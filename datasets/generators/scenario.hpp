// `scenario`: a synthetic region of industrial parks and towns in which each park carries a
// planted verdict from the vocabulary of docs/CONCEPTS.md §6.
//
// Planted structure (docs/CONCEPTS.md §2, §3 and §6; built by ParkWorld, park_world.hpp):
//   - linked cluster: one park per cluster; firms of one value chain spread over its ordered
//     stages; most supply links run from one stage to the next, many small suppliers feed one
//     to three anchor firms at the chain's anchor stage, anchors subcontract to the stage
//     before; a few same-stage cooperation links; a university or research institute
//     (technology links), an industry association (membership links), a service platform
//     (service links) and a bank (finance links) serve the cluster.
//   - part of a wider cluster: the same construction, with the firms spread over two or three
//     parks in different towns, so that each park holds only a slice of one cluster.
//   - co-location only: firms of one industry and stage, or of unrelated industries, that have
//     only background links (the 扎堆 case).
//   - externally oriented: export firms that draw Poisson(1.5 x link_density) links, 90% of
//     them to buyers outside the region (nodes with region "outside").
//   - too small to tell: a park of a handful of firms.
//   - critical suppliers (--critical-suppliers, default none): mid-size town firms, each of
//     its own input industry (C26, C27, ...: no value chain's), the only supplier of that
//     input to critical_customers cluster firms (anchors first) with small deliveries: a small
//     share of output, yet essential to many, so systemically risky (algorithms/risk/esri.hpp).
//   - background regional trade: every firm in the region, including town firms outside any
//     park, draws Poisson(link_density * mixing / (1 - mixing)) supply links to uniformly
//     chosen firms of the region, so roughly a share `mixing` of a cluster firm's links is
//     background.
// Every firm has coordinates (park firms within a few hundred metres of the park centre),
// industry (GB/T 4754 division), stage, log-normal employees and revenue, ownership and a
// founding year.
// Cost: O(n + m log m) time and memory for n nodes and m links.
#pragma once
#include <cstdint>

#include "datasets/generators/generated.hpp"
#include "datasets/generators/park_world.hpp"

namespace firmnet::generators {

struct ScenarioParameters : ParkLayout {
  double mixing = 0.15;        // share of a cluster firm's links that are background trade
  int critical_suppliers = 0;  // planted systemically risky mid-size suppliers
  int critical_customers = 40; // cluster firms each of them is the only supplier of an input to
  std::uint64_t seed = 1;
};

/// Throws UsageError for out-of-range parameters (validate_layout, mixing outside [0, 0.9],
/// critical_suppliers outside 0..20 or critical_customers < 1). O(1).
void validate(const ScenarioParameters& parameters);

/// Generates the region. Truth tables:
///   truth_nodes: park, planted_cluster (e.g. "cluster-1", empty = none), role (anchor, member,
///                institution, colocated, export, small_park, town, outside_buyer,
///                critical_supplier),
///                is_anchor (0/1), planted_verdict (verdict of the node's park, empty outside parks),
///                stage_order (1-based position of the firm's stage in its value chain)
///   truth_parks: park, verdict, town, planted_cluster, firms, composition
/// O(n + m log m).
GeneratedNetwork generate_scenario(const ScenarioParameters& parameters);

}  // namespace firmnet::generators
