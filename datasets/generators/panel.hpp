// `panel`: a region over the years first..last (at least 12) with planted cluster trajectories
// (docs/evolution.md, docs/generators.md). Links are dated: a relation between two firms
// appears once per year in which both are alive, so each year is one snapshot of the panel.
//
// Planted parks (F = first year, L = last):
//   - growing: opens in F+2; F+2..F+4 embryonic (6 firms of one stage enter per year, only
//     background links); F+5..F+8 growth (4 firms of the chain's stages enter per year, 20 then
//     12 new supply relations per year among the park's firms; a university links to five of
//     them from F+6); F+9..L maturity (nothing new).
//   - declining: an anchor and 24 suppliers (12 upstream supply midstream firms, each midstream
//     firm supplies the anchor) stable over F..F+5 (maturity); the anchor closes after F+5, and
//     from F+7 on a fifth of the remaining suppliers (rounded up) close every year (decline).
//   - never-linked: 16 firms of one stage with only background links (embryonic every year).
//   - merging-a, merging-b: two stable chain clusters of 16 firms (5 upstream each supplying
//     three of 5 midstream, which supply three of 6 downstream firms each, and a ring of
//     cooperation among the downstream firms; maturity every year) whose firms start 40 supply
//     relations across the two parks in F+7: a planted merge of their communities.
// Background: every alive firm of the region (150 town firms outside any park and the park
// firms) draws, each year with probability background_rate, one supply link to a uniformly
// chosen other alive firm. Firms present from the start were founded in 1990..F-1.
// Cost: O((n + relations) (L - F)) time and memory.
#pragma once
#include <cstdint>

#include "datasets/generators/generated.hpp"

namespace firmnet::generators {

struct PanelParameters {
  int first_year = 2010, last_year = 2023;
  int town_firms = 150;
  double background_rate = 0.5;
  std::uint64_t seed = 1;
};

/// Throws UsageError for fewer than 12 years, years outside 1800-2100, town_firms < 10 or
/// background_rate outside [0, 1]. O(1).
void validate(const PanelParameters& parameters);

/// Generates the panel. Truth tables:
///   truth_park_years: park, year, planted_stage (embryonic, growth, maturity, decline), one row
///                     per park and year in which the park has firms
///   truth_events:     year, event ("merge"), parks (the merging parks, comma-separated)
/// O((n + relations) (L - F)).
GeneratedNetwork generate_panel(const PanelParameters& parameters);

}  // namespace firmnet::generators
