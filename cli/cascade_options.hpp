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

/// Fills what the risk, shock and exposure requests share from the options (reading the
/// table). Throws DataError for a bad table, UsageError for unknown channels. O(table size).
void apply_cascade_options(const CascadeArgs& args, risk::CascadeInputs& inputs);

}  // namespace firmnet::cli
