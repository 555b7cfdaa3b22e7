// The cascade options `firmnet risk` and `firmnet shock` share (docs/risk.md): the
// essentiality table, the goods layers and years, the shock channels, the base of lost demand,
// the fixed-point tolerance and the replaceability of lost suppliers.
#pragma once
#include <CLI/CLI.hpp>
#include <string>

#include "algorithms/risk/shock_cascade.hpp"
#include "cli/essentiality_table.hpp"
#include "graph/views.hpp"

namespace firmnet::cli {

struct CascadeArgs {
  std::string essential, layers = "supply", years, channels = "both", sales = "revenue";
  double tolerance = 1e-6;
  bool replaceable = false;

  /// The links the cascade runs on. Throws UsageError for unknown layers or years. O(1).
  EdgeFilter filter() const { return EdgeFilter::parse(layers, years); }
};

/// Adds --essential, --layers, --years, --channels, --sales, --tolerance and --replaceable. O(1).
void add_cascade_options(CLI::App* sub, CascadeArgs& args);

/// Fills the fields a risk or a shock request shares from the options (reading the table).
/// Throws DataError for a bad table, UsageError for unknown channels. O(table size).
template <typename Request>
void apply_cascade_options(const CascadeArgs& args, Request& request) {
  if (!args.essential.empty()) {
    request.table = read_essentiality_table(args.essential);
    request.essentiality_source = args.essential;
  }
  request.cascade.channels = risk::parse_channels(args.channels);
  request.cascade.tolerance = args.tolerance;
  request.cascade.replaceable = args.replaceable;
  request.use_revenue = args.sales == "revenue";
}

}  // namespace firmnet::cli
