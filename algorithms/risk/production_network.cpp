#include "algorithms/risk/production_network.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "graph/errors.hpp"

namespace firmnet::risk {

ProductionNetwork build_production_network(const GraphView& view, Essentiality essentiality,
                                           const EssentialityTable& table, bool use_revenue) {
  const Graph& graph = view.graph();
  WeightedCsr out = directed_csr(view);
  const NodeId n = out.node_count();
  for (const double w : out.weights)
    if (!(std::isfinite(w) && w >= 0)) throw DataError("risk: supply volumes must be finite and non-negative");

  // The CSRs' offsets move into the network; rows become link records built in place (no
  // copies beyond the one row type at a time: peak memory stays near the final arrays).
  ProductionNetwork net;
  net.firms = n;
  net.out_strength.assign(n, 0.0);
  net.in_strength.assign(n, 0.0);
  for (NodeId j = 0; j < n; ++j)
    for (EdgeId e = out.offsets[j]; e < out.offsets[j + 1]; ++e) {
      net.out_strength[j] += out.weights[e];
      net.in_strength[out.targets[e]] += out.weights[e];
    }
  for (NodeId j = 0; j < n; ++j) net.total_output += net.out_strength[j];
  net.sales = net.out_strength;
  if (use_revenue)
    for (NodeId j = 0; j < n; ++j) {
      const double revenue = graph.nodes.revenue[j];
      if (std::isfinite(revenue) && revenue > net.sales[j]) net.sales[j] = revenue;
    }
  {
    WeightedCsr in = transpose(out);
    net.supplier_offsets = std::move(in.offsets);
    net.suppliers = std::move(in.targets);
    net.sales_shares = std::move(in.weights);
    for (std::size_t s = 0; s < net.suppliers.size(); ++s) {
      const double sales = net.sales[net.suppliers[s]];
      net.sales_shares[s] = sales > 0 ? net.sales_shares[s] / sales : 0.0;
    }
  }
  net.customer_offsets = std::move(out.offsets);
  net.customer_links.resize(out.targets.size());
  for (std::size_t e = 0; e < out.targets.size(); ++e) net.customer_links[e] = {out.targets[e], 0, 0, 0, 0.0};
  std::vector<double> customer_volume = std::move(out.weights);
  out.targets = {};
  const std::vector<EdgeId>& out_offsets = net.customer_offsets;
  const std::vector<EdgeId>& in_offsets = net.supplier_offsets;

  const std::vector<std::int32_t>& industry = graph.nodes.industry.codes;
  const std::vector<std::string>& dictionary = graph.nodes.industry.dictionary;
  std::map<std::pair<std::int32_t, std::int32_t>, double> share_of_pair;
  auto essential_share = [&](std::int32_t supplier_code, std::int32_t customer_code) {
    if (essentiality == Essentiality::all) return 1.0;
    if (essentiality == Essentiality::none) return 0.0;
    const auto key = std::make_pair(supplier_code, customer_code);
    const auto found = share_of_pair.find(key);
    if (found != share_of_pair.end()) return found->second;
    const auto code_text = [&](std::int32_t code) {
      return code < 0 ? std::string_view{} : std::string_view{dictionary[code]};
    };
    double share = match_essentiality(table, code_text(supplier_code), code_text(customer_code));
    if (share < 0) {
      ++net.unmatched_pairs;
      share = 0;
    }
    share_of_pair.emplace(key, share);
    return share;
  };

  // Customers are visited in increasing order, so each supplier's next customer-side slot is
  // the one of this link (its row is sorted by customer).
  std::vector<EdgeId> next_slot(out_offsets.begin(), out_offsets.end() - 1);
  std::vector<std::pair<std::int32_t, EdgeId>> by_industry;  // (supplier industry, supplier slot)
  std::vector<std::uint32_t> group_of_slot;
  for (NodeId i = 0; i < n; ++i) {
    by_industry.clear();
    for (EdgeId s = in_offsets[i]; s < in_offsets[i + 1]; ++s) by_industry.emplace_back(industry[net.suppliers[s]], s);
    std::sort(by_industry.begin(), by_industry.end());
    group_of_slot.assign(by_industry.size(), 0);
    for (std::size_t a = 0; a < by_industry.size(); ++a) {
      if (a == 0 || by_industry[a].first != by_industry[a - 1].first) {
        if (net.group_essential.size() == kMaxInputGroups)
          throw DataError("risk: more than 2^30 input groups (firm, supplier industry)");
        net.group_essential.push_back(essential_share(by_industry[a].first, industry[i]));
      }
      group_of_slot[by_industry[a].second - in_offsets[i]] = static_cast<std::uint32_t>(net.group_essential.size() - 1);
    }
    for (EdgeId s = in_offsets[i]; s < in_offsets[i + 1]; ++s)
      net.customer_links[next_slot[net.suppliers[s]]++].group = group_of_slot[s - in_offsets[i]];
  }
  net.group_volume.assign(net.group_essential.size(), 0.0);
  for (std::size_t e = 0; e < customer_volume.size(); ++e)
    net.group_volume[net.customer_links[e].group] += customer_volume[e];
  for (std::size_t e = 0; e < customer_volume.size(); ++e) {
    CustomerLink& link = net.customer_links[e];
    const double essential = net.group_essential[link.group];
    const double group_volume = net.group_volume[link.group];
    const double in_strength = net.in_strength[link.customer];
    // A zero-volume link adds nothing: it is kept linear (share 0) so that no empty essential
    // group is ever touched.
    link.essential = essential > 0 && customer_volume[e] > 0;
    link.fractional = link.essential && essential < 1;
    if (link.essential) link.share = essential * customer_volume[e] / group_volume;
    else link.share = in_strength > 0 ? customer_volume[e] / in_strength : 0.0;
  }

  net.market.assign(n, -1);
  net.market_output.assign(dictionary.size(), 0.0);
  for (NodeId j = 0; j < n; ++j)
    if (industry[j] >= 0) {
      net.market[j] = industry[j];
      net.market_output[static_cast<std::size_t>(industry[j])] += net.out_strength[j];
    }
  return net;
}

}  // namespace firmnet::risk
