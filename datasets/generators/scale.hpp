// `scale`: national-scale synthetic production networks for benchmarks (docs/CONCEPTS.md
// §7: 10^6 firms, 10^7 links), generated directly in CSR order.
//
// Model: firms are laid out region by region and, inside a region, community by community
// (equal-sized communities of about community_size firms). Out-degrees follow the LFR degree
// law (discrete power law, exponent tau, mean links / firms, at most max_degree) and are then
// adjusted by +-1 on pseudo-random firms so that they sum to exactly `links`. Each link of a
// firm stays in its community with probability 1 - mu, goes elsewhere in its region with
// probability mu / 2, and anywhere with probability mu / 2. Inside the chosen block the target
// is drawn at index floor(size * U^popularity), so low-index firms of each block are popular
// and in-degrees are heavy-tailed too (tail exponent about 1 + popularity / (popularity - 1)).
// A firm whose draws keep hitting targets it already has (a hub larger than its community)
// draws from the whole network instead, so the realised within-community share is a little
// below 1 - mu (0.76 for the defaults).
// A community shares a dominant industry; a share of each region's firms sits in its parks.
// Every firm's row and links come from its own RNG stream derive_seed(seed, firm), so the
// output is identical for any thread count. Repeated targets of a firm are redrawn.
// Cost: O(n + m log d_max) time, parallel over firms (OpenMP); memory is the Graph itself.
#pragma once
#include <cstdint>

#include "datasets/generators/generated.hpp"
#include "graph/progress.hpp"

namespace firmnet::generators {

struct ScaleParameters {
  std::uint64_t firms = 1'000'000;
  std::uint64_t links = 10'000'000;
  std::uint64_t regions = 0;          // 0: one region per 20,000 firms (at least 1)
  std::uint32_t community_size = 400;
  std::uint32_t max_degree = 2000;    // capped at firms / 4
  double tau = 2.3;                   // out-degree exponent
  double popularity = 2.0;            // > 1; larger = more concentrated in-degrees
  double mu = 0.2;                    // share of links leaving the community
  double park_share = 0.3;            // share of firms located in a park
  std::uint32_t parks_per_region = 4;
  std::uint64_t seed = 1;
};

/// Throws UsageError for firms < 100, links < firms, links > firms * max_degree / 2,
/// community_size < 10, popularity <= 1, tau <= 1, mu or park_share outside [0, 1]. O(1).
void validate(const ScaleParameters& parameters);

/// Generates the network. Node ids "S0000001".. (kind firm, all attributes filled).
/// truth_nodes: community (1-based, global), region. O(n + m log d_max), parallel.
GeneratedNetwork generate_scale(const ScaleParameters& parameters, const Progress& progress = {});

}  // namespace firmnet::generators
