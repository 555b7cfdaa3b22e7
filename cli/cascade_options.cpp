#include "cli/cascade_options.hpp"

namespace firmnet::cli {

void add_cascade_options(CLI::App* sub, CascadeArgs& args) {
  sub->add_option("--essential", args.essential, "CSV of supplier industry, customer industry, essential (0/1 or a share)");
  sub->add_option("--layers", args.layers, "Relation types that carry goods")->capture_default_str();
  sub->add_option("--years", args.years, "Years to include: 2019, 2015-2020, 2018- or -2020 (default: all)");
  sub->add_option("--channels", args.channels, "Shock channels")
      ->check(CLI::IsMember({"both", "coupled", "downstream", "upstream"}))
      ->capture_default_str();
  sub->add_option("--sales", args.sales, "Base of a supplier's lost demand: its revenue where known (and larger), or network sales")
      ->check(CLI::IsMember({"revenue", "network"}))
      ->capture_default_str();
  sub->add_option("--tolerance", args.tolerance, "Largest level drop a firm may hold back (fixed-point tolerance)")
      ->capture_default_str();
  sub->add_flag("--replaceable", args.replaceable,
                "Customers replace a lost supplier from the other firms of its industry, in proportion to their remaining output");
}

void apply_cascade_options(const CascadeArgs& args, risk::CascadeInputs& inputs) {
  if (!args.essential.empty()) {
    inputs.table = read_essentiality_table(args.essential);
    inputs.essentiality_source = args.essential;
  }
  inputs.cascade.channels = risk::parse_channels(args.channels);
  inputs.cascade.tolerance = args.tolerance;
  inputs.cascade.replaceable = args.replaceable;
  inputs.use_revenue = args.sales == "revenue";
}

}  // namespace firmnet::cli
