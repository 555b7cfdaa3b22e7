#include "cli/park_test_options.hpp"

namespace firmnet::cli {

void add_park_test_options(CLI::App* sub, spatial::ParkRequest& request, std::string& null_choice) {
  sub->add_option("--unit", request.unit, "Spatial unit: park, region, or radius (DBSCAN on coordinates)")
      ->check(CLI::IsMember({"park", "region", "radius"}))->capture_default_str();
  sub->add_option("--radius-km", request.radius_km, "Radius for --unit radius (km)")->check(CLI::PositiveNumber)->capture_default_str();
  sub->add_option("--null", null_choice,
                  "Null model: auto (distance when >= --min-located-share of firms have coordinates, else degree), "
                  "degree, distance (keeps each link's length band), region (region pairs) or industry")
      ->check(CLI::IsMember({"auto", "degree", "distance", "region", "industry"}))->capture_default_str();
  sub->add_option("--min-located-share", request.min_located_share,
                  "Share of firms with coordinates from which --null auto picks the distance null")
      ->check(CLI::Range(0.0, 1.0))->capture_default_str();
  sub->add_option("--chains", request.null.chains, "Null-model Markov chains (fixed, so results do not depend on threads)")
      ->check(CLI::PositiveNumber)->capture_default_str();
  sub->add_option("--distance-bands", request.null.distance_bands,
                  "Length bands of the distance null (0: min(10, ceil(log2(located links + 1))))")
      ->check(CLI::NonNegativeNumber)->capture_default_str();
  sub->add_option("--null-models", request.null.replicates, "Null replicates R (p = (r+1)/(R+1))")
      ->check(CLI::PositiveNumber)->capture_default_str();
  sub->add_option("--burn-in", request.null.burn_in_swaps, "Swap attempts per link of the shared burn-in")
      ->check(CLI::NonNegativeNumber)->capture_default_str();
  sub->add_option("--null-spacing", request.null.spacing_swaps,
                  "Swap attempts per link between replicates (0: 1 up to 10M links, then 10M / links, at least 0.25)")
      ->check(CLI::NonNegativeNumber)->capture_default_str();
  sub->add_option("--alpha", request.rules.alpha, "q-value threshold for a linked cluster")->check(CLI::Range(0.0, 1.0))->capture_default_str();
  sub->add_option("--min-firms", request.rules.min_firms, "Fewer firms: too small to tell (also DBSCAN's minimum)")->capture_default_str();
  sub->add_option("--min-links", request.rules.min_links, "Fewer links touching members: too small to tell")->capture_default_str();
  sub->add_option("--min-ratio", request.rules.min_ratio, "Observed/expected internal links needed for a linked cluster")->capture_default_str();
  sub->add_option("--external-share", request.rules.external_share, "Share of links leaving the region for 'externally oriented'")
      ->capture_default_str();
  sub->add_option("--vertical-share", request.rules.vertical_share,
                  "Vertical share of internal links needed for a linked cluster")->check(CLI::Range(0.0, 1.0))->capture_default_str();
  sub->add_option("--concentration", request.rules.concentration,
                  "Share of internal links inside one community needed for a linked cluster")->capture_default_str();
  sub->add_option("--wider-share", request.rules.wider_dominant_share,
                  "Members in one community needed for 'part of a wider cluster'")->capture_default_str();
  sub->add_option("--wider-reach", request.rules.wider_reach_share,
                  "Share of another unit's members that community must hold for 'part of a wider cluster'")
      ->capture_default_str();
  sub->add_option("--wider-chain-share", request.rules.wider_chain_share,
                  "Value-chain share of member links into that community beyond the unit, for 'part of a wider cluster'")
      ->capture_default_str();
}

}  // namespace firmnet::cli
