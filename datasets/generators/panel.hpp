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
//   - estate-1, estate-2, estate-3: 12 firms each (6 materials, 6 components, founded 2000);
//     from F, 6 same-stage supply relations inside (materials i to i + 1 and components i to
//     i + 1, i < 3) and, per firm, 2 supply relations to and 2 from uniformly drawn town firms;
//     from their establishment years F+4, F+6, F+8, effect_links supply relations more among
//     them (materials i supplies components i + k, k < effect_links / 6 rounded up): the
//     planted before/after effect, effect_links internal links a year, all vertical.
//   - estate-4, estate-5: the same, never established (comparison parks).
// Establishment years (node column park_established): growing F+2 (no year before it in the
// panel), declining 1995 and merging-a, merging-b 2000 (before the panel), estate-1..3 as above;
// never-linked and estate-4, estate-5 have none.
// Background: every alive firm of the region (150 town firms outside any park and the park
// firms) draws, each year with probability background_rate, one supply link to a uniformly
// chosen other alive firm (the estates' firms draw theirs from a stream of their own, so the
// other parks' links do not depend on them). Firms present from the start were founded in 1990..F-1.
// Cost: O((n + relations) (L - F)) time and memory.
#pragma once
#include <cstdint>

#include "datasets/generators/generated.hpp"

namespace firmnet::generators {

struct PanelParameters {
  int first_year = 2010, last_year = 2023;
  int town_firms = 150;
  double background_rate = 0.5;
  int effect_links = 12;  // internal links an estate gains at its establishment
  std::uint64_t seed = 1;
};

/// Throws UsageError for fewer than 12 years, years outside 1800-2100, town_firms < 10,
/// background_rate outside [0, 1] or effect_links outside 0-36. O(1).
void validate(const PanelParameters& parameters);

/// Generates the panel. Truth tables:
///   truth_park_years: park, year, planted_stage (embryonic, growth, maturity, decline), one row
///                     per park and year in which the park has firms
///   truth_events:     year, event ("merge"), parks (the merging parks, comma-separated)
///   truth_establishment: park, established, planted_effect (internal links gained at
///                     establishment), one row per estate established within the panel
/// O((n + relations) (L - F)).
GeneratedNetwork generate_panel(const PanelParameters& parameters);

}  // namespace firmnet::generators
