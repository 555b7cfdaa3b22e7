// Verifier of the park-test null model (linkage_null.hpp), written apart from the swap chain:
// it takes one replicate's rewired edge list (rewired_edges) and checks, against the observed
// graph, by plain per-edge counting in ordered maps, that
//   - the replicate has as many edges as the view, every endpoint inside the view, no self-loop;
//   - every node keeps its out- and in-degree within every stratum: relation type (degree
//     null), type x (source region, target region) (region null) or type x (source industry,
//     target industry) (industry null), the stratum of a rewired edge read from its endpoints;
//   - distance null: the number of links per (relation type, length band), the link-length
//     histogram at band resolution, and every node's out-links per (type, band) are unchanged,
//     each rewired link's band recomputed from its endpoints' coordinates;
//   - the internal edge count of every unit recounted from the rewired list equals the stored
//     sample, and the observed count recounted from the view equals NullDistribution::observed.
// Complexity: O(m log m) per replicate (plus the replay, O(swaps), in rewired_edges).
#pragma once
#include <cstdint>
#include <vector>

#include "algorithms/spatial/linkage_null.hpp"
#include "graph/verification.hpp"
#include "graph/views.hpp"

namespace firmnet::spatial {

/// Checks replicate `replicate` of `null` (sample_null(view, unit_of, unit_count, options))
/// given its edge list `rewired` (rewired_edges(view, options, replicate)).
/// O(m log m).
Verification verify_null_replicate(const GraphView& view, const std::vector<std::int64_t>& unit_of,
                                   const NullOptions& options, const NullDistribution& null, int replicate,
                                   const std::vector<RewiredEdge>& rewired);

}  // namespace firmnet::spatial
