#include "algorithms/risk/shock_cascade.hpp"

#include <algorithm>
#include <bit>
#include <string>

#include "graph/errors.hpp"

namespace firmnet::risk {
namespace {

// Frontier buckets: a change's bucket is read off its double's exponent and top two mantissa
// bits (four buckets per halving; the largest changes, up to 1, in bucket 3 or below); changes
// below 2^-60 share the last bucket.
constexpr std::size_t kBuckets = 61 * 4;

inline std::size_t bucket_of(double change) {
  constexpr std::uint64_t kOne = (std::uint64_t{1023} << 2) + 3;  // 1.0's exponent, then mantissa bits 11
  const std::uint64_t key = std::bit_cast<std::uint64_t>(change) >> 50;  // sign 0: exponent and 2 mantissa bits
  return key >= kOne ? 0 : static_cast<std::size_t>(std::min<std::uint64_t>(kOne - key, kBuckets - 1));
}

constexpr NodeId kNoFirm = static_cast<NodeId>(-1);

// Links (or touched firms) ahead of the one being applied whose firm records are prefetched: a
// link visit is a cache miss on a random firm, and the enqueue branch between visits keeps the
// processor from overlapping them on its own.
constexpr EdgeId kPrefetchAhead = 4;

}  // namespace

Channels parse_channels(std::string_view text) {
  for (const Channels channels : {Channels::both, Channels::coupled, Channels::downstream, Channels::upstream})
    if (text == channels_name(channels)) return channels;
  throw UsageError("risk: channels must be both, coupled, downstream or upstream, not '" + std::string(text) + "'");
}

std::string_view channels_name(Channels channels) {
  switch (channels) {
    case Channels::coupled: return "coupled";
    case Channels::downstream: return "downstream";
    case Channels::upstream: return "upstream";
    default: return "both";
  }
}

void check_cascade_inputs(const CascadeInputs& inputs, std::string_view command) {
  if (!(inputs.cascade.tolerance > 0 && inputs.cascade.tolerance < 1))
    throw UsageError(std::string(command) + ": --tolerance must lie in (0, 1)");
}

ProductionNetwork primary_network(const GraphView& view, const CascadeInputs& inputs) {
  return build_production_network(view, inputs.has_table() ? Essentiality::table : Essentiality::all, inputs.table,
                                  inputs.use_revenue);
}

ProductionNetwork linear_network(const GraphView& view, const CascadeInputs& inputs) {
  return build_production_network(view, Essentiality::none, {}, inputs.use_revenue);
}

CascadeWorkspace::CascadeWorkspace(const ProductionNetwork& network)
    : firm_(network.firms),
      lost_group_(network.group_volume.size(), 0.0),
      buckets_(kBuckets),
      bucket_head_(kBuckets, 0),
      first_bucket_(kBuckets) {}

inline void CascadeWorkspace::enqueue(NodeId i, double change) {
  FirmState& firm = firm_[i];
  const auto bucket = static_cast<std::uint8_t>(bucket_of(change));
  if (firm.queued && bucket >= firm.bucket) return;  // already waiting in this or a larger-change bucket
  firm.queued = 1;
  firm.bucket = bucket;
  buckets_[bucket].push_back(i);
  first_bucket_ = std::min<std::size_t>(first_bucket_, bucket);
}

void CascadeWorkspace::clear_frontier() {
  for (std::size_t b = first_bucket_; b < kBuckets; ++b) {
    for (const NodeId i : buckets_[b]) firm_[i].queued = 0;
    buckets_[b].clear();
    bucket_head_[b] = 0;
  }
  first_bucket_ = kBuckets;
}

void CascadeWorkspace::reset() {
  clear_frontier();
  for (const NodeId i : touched_) firm_[i] = FirmState{};
  for (const std::uint32_t g : touched_groups_) lost_group_[g] = 0.0;
  for (const std::int32_t k : touched_markets_) {
    market_available_[k] = -1.0;  // not yet touched: read as the market's whole output
    market_first_[k] = kNoFirm;
  }
  touched_.clear();
  touched_groups_.clear();
  touched_markets_.clear();
  changed_markets_.clear();
  pops_ = 0;
}

inline void CascadeWorkspace::touch(NodeId i) {
  if (!firm_[i].touched) {
    firm_[i].touched = 1;
    touched_.push_back(i);
  }
}

inline double CascadeWorkspace::effective_loss(const ProductionNetwork& network, NodeId i) const {
  const double loss = 1.0 - firm_[i].level;
  if (!replaceable_ || network.market[i] < 0) return loss;
  const double available = market_available_[network.market[i]];
  const double output = network.out_strength[i];
  return available > output ? loss * output / available : loss;
}

inline double CascadeWorkspace::pending(const ProductionNetwork& network, NodeId i) const {
  const FirmState& firm = firm_[i];
  double change = 0;
  if (upstream_) change = firm.told - firm.*upstream_level_;
  if (downstream_) change = std::max(change, effective_loss(network, i) - firm.told_loss);
  return change;
}

inline void CascadeWorkspace::set_level(const ProductionNetwork& network, NodeId i, double level) {
  FirmState& firm = firm_[i];
  if (replaceable_ && network.market[i] >= 0 && level < firm.level) {
    const std::int32_t k = network.market[i];
    if (market_available_[k] < 0) {
      market_available_[k] = network.market_output[k];
      touched_markets_.push_back(k);
    }
    if (firm.level == 1.0) {  // its first drop: it joins the market's touched firms
      next_in_market_[i] = market_first_[k];
      market_first_[k] = i;
    }
    market_available_[k] -= network.out_strength[i] * (firm.level - level);
    if (!market_changed_[k]) {
      market_changed_[k] = 1;
      changed_markets_.push_back(k);
    }
  }
  firm.level = level;
}

void CascadeWorkspace::recheck_markets(const ProductionNetwork& network) {
  // A market's remaining output fell: every touched firm of it now weighs more for its
  // customers (sigma rose).
  for (const std::int32_t k : changed_markets_) {
    market_changed_[k] = 0;
    for (NodeId i = market_first_[k]; i != kNoFirm; i = next_in_market_[i]) {
      const double change = effective_loss(network, i) - firm_[i].told_loss;
      if (change > tolerance_) enqueue(i, pending(network, i));
    }
  }
  changed_markets_.clear();
}

bool CascadeWorkspace::run(const ProductionNetwork& network, const std::vector<InitialShock>& shocks,
                           const CascadeSettings& settings, std::uint64_t max_pops) {
  for (const InitialShock& shock : shocks) {
    if (shock.firm >= network.firms) throw UsageError("risk: shocked firm " + std::to_string(shock.firm) + " out of range");
    if (!(shock.fraction >= 0 && shock.fraction <= 1)) throw UsageError("risk: shock fraction must lie in [0, 1]");
  }
  if (settings.replaceable && market_available_.size() != network.market_output.size()) {
    market_available_.assign(network.market_output.size(), -1.0);
    market_first_.assign(network.market_output.size(), kNoFirm);
    market_changed_.assign(network.market_output.size(), 0);
    next_in_market_.assign(network.firms, kNoFirm);
  }
  reset();
  tolerance_ = settings.tolerance;
  replaceable_ = settings.replaceable;
  if (settings.channels != Channels::both) return track(network, shocks, settings.channels, max_pops);
  // Two tracks, as the authors' implementations run them: the downstream cascade, then the
  // upstream one on its own levels; each firm ends at the lower of its two levels.
  return track(network, shocks, Channels::downstream, max_pops) &&
         track(network, shocks, Channels::upstream, max_pops);
}

bool CascadeWorkspace::track(const ProductionNetwork& network, const std::vector<InitialShock>& shocks,
                             Channels channels, std::uint64_t max_pops) {
  downstream_ = channels != Channels::upstream;
  upstream_ = channels != Channels::downstream;
  // The upstream channel has a level of its own only when it runs alone; coupled, it shares
  // the downstream one.
  upstream_level_ = downstream_ ? &FirmState::level : &FirmState::upstream_level;
  const bool replaceable = replaceable_ && downstream_;  // sigma acts on the downstream channel only
  replaceable_ = replaceable;
  clear_frontier();
  // Levels only fall (each term of the production function only grows), so a shocked firm's
  // cap is its starting level and stays a bound as the running minimum moves.
  for (const InitialShock& shock : shocks) {
    const NodeId i = shock.firm;
    touch(i);
    const double cap = 1.0 - shock.fraction;
    if (downstream_) set_level(network, i, std::min(firm_[i].level, cap));
    else firm_[i].upstream_level = std::min(firm_[i].upstream_level, cap);
  }
  for (const InitialShock& shock : shocks)
    if (pending(network, shock.firm) > 0) enqueue(shock.firm, pending(network, shock.firm));
  const double tolerance = tolerance_;
  auto changed = [&](NodeId c) {
    touch(c);
    FirmState& firm = firm_[c];
    // The production function from the running terms (a channel without links adds nothing).
    if (downstream_) {
      double level = std::min(firm.ceiling, 1.0 - firm.lost_linear);
      if (upstream_) level = std::min(level, 1.0 - firm.lost_demand);
      level = std::max(level, 0.0);
      if (level < firm.level) set_level(network, c, level);
    } else {
      firm.upstream_level = std::min(firm.upstream_level, std::max(1.0 - firm.lost_demand, 0.0));
    }
    const double change = pending(network, c);
    if (change > tolerance) enqueue(c, change);
  };
  if (replaceable) recheck_markets(network);
  while (first_bucket_ < kBuckets) {
    std::vector<NodeId>& bucket = buckets_[first_bucket_];
    std::size_t& head = bucket_head_[first_bucket_];
    if (head == bucket.size()) {
      bucket.clear();
      head = 0;
      ++first_bucket_;
      continue;
    }
    const NodeId j = bucket[head++];
    if (head + 1 < bucket.size()) {  // the next pops' rows: their offsets two ahead, the row one ahead
      __builtin_prefetch(&network.customer_offsets[bucket[head + 1]]);
      __builtin_prefetch(&network.supplier_offsets[bucket[head + 1]]);
      const NodeId next = bucket[head];
      __builtin_prefetch(&firm_[next]);
      if (downstream_) __builtin_prefetch(&network.customer_links[network.customer_offsets[next]]);
      if (upstream_) __builtin_prefetch(&network.suppliers[network.supplier_offsets[next]]);
    }
    FirmState& popped = firm_[j];
    if (!popped.queued || popped.bucket != first_bucket_) continue;  // stale: popped or moved up since
    if (pops_ >= max_pops) {
      clear_frontier();
      return false;
    }
    popped.queued = 0;
    ++pops_;
    if (downstream_) {
      const double loss = effective_loss(network, j);
      const double added = loss - popped.told_loss;
      popped.told_loss = loss;
      if (added > 0)
        for (EdgeId e = network.customer_offsets[j], end = network.customer_offsets[j + 1]; e < end; ++e) {
          if (e + kPrefetchAhead < end) {
            const CustomerLink& ahead = network.customer_links[e + kPrefetchAhead];
            __builtin_prefetch(&firm_[ahead.customer]);
            if (ahead.essential) __builtin_prefetch(&lost_group_[ahead.group]);
          }
          const CustomerLink& link = network.customer_links[e];
          FirmState& customer = firm_[link.customer];
          if (link.essential) {
            double& group_lost = lost_group_[link.group];
            if (group_lost == 0.0) touched_groups_.push_back(link.group);
            group_lost += link.share * added;
            customer.ceiling = std::min(customer.ceiling, 1.0 - group_lost);
            if (link.fractional)
              customer.lost_linear += link.share * network.linear_per_essential(link.group, link.customer) * added;
          } else {
            customer.lost_linear += link.share * added;
          }
          changed(link.customer);
        }
    }
    if (upstream_) {
      const double level = popped.*upstream_level_;
      const double drop = popped.told - level;
      popped.told = level;
      if (drop > 0)
        for (EdgeId e = network.supplier_offsets[j], end = network.supplier_offsets[j + 1]; e < end; ++e) {
          if (e + kPrefetchAhead < end) __builtin_prefetch(&firm_[network.suppliers[e + kPrefetchAhead]]);
          const NodeId supplier = network.suppliers[e];
          firm_[supplier].lost_demand += network.sales_shares[e] * drop;
          changed(supplier);
        }
    }
    if (replaceable) recheck_markets(network);
  }
  return true;
}

double CascadeWorkspace::output_lost(const ProductionNetwork& network) const {
  if (network.total_output <= 0) return 0.0;
  double lost = 0;
  for (std::size_t a = 0; a < touched_.size(); ++a) {
    if (a + kPrefetchAhead < touched_.size()) __builtin_prefetch(&network.out_strength[touched_[a + kPrefetchAhead]]);
    lost += network.out_strength[touched_[a]] * (1.0 - level(touched_[a]));
  }
  return lost / network.total_output;
}

}  // namespace firmnet::risk
