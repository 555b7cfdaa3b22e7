// Leiden and Louvain (Traag, Waltman & van Eck, Sci. Rep. 9:5233, 2019), parallel after
// GVE-Leiden (Sahu 2023), made deterministic.
//
// Both objectives are optimised in one form. With node weight w_v and resolution r, the
// quality to maximise is sum_c [e_c - r W_c^2 / 2], where e_c is the internal edge weight
// of community c and W_c the sum of its node weights:
//   modularity: w_v = strength k_v, r = gamma / 2m  (equals m Q up to a constant);
//   CPM:        w_v = node count (1 at level 0), r = gamma  (equals H up to a constant,
//               since n_c (n_c - 1) / 2 = W_c^2 / 2 - n_c / 2 and sum n_c = n).
// Moving v into community B (v removed from its own) then changes the quality by
// k_{v,B} - r w_v W_B, the formula used throughout.
//
// The spatial modularity (Expert et al., PNAS 108:7663, 2011) has a null that does not factorise:
// its quality is sum_c [e_c - (gamma / 2) P(c, c)] (m Q_spa up to a constant), where
// P(X, Y) = sum_{i in X, j in Y} N_i N_j f(d_ij), and the move gain is k_{v,B} - gamma P(v, B).
// Every node carries its importance N as a histogram over the sites of deterrence_function.hpp
// (exact locations, or grid cells), so P(X, Y) is a double sum over two histograms' entries:
// exact on exact sites and, on grid sites, exactly the null the deterrence function was fitted
// for, at every level (an aggregate node's histogram is the sum of its members'). The bin of
// every site pair is tabulated (up to 8192 sites). Levels of more than kNullMatrixNodes nodes
// keep each community's histogram, updated with the moves by the same owners and in the same
// order as the community weights; smaller levels (the coarse ones, where histograms are large
// and every node neighbours most communities) build the dense matrix P(v, u) once, in
// O(entries x sites), and keep P(v, c) for every node and community, updated column by column
// with the moves. Since P >= 0, a candidate's gain is at most k_{v,B}: candidates are tried by
// decreasing k_{v,B}, and the scan stops when k_{v,B} cannot beat the best gain so far (or
// staying), which leaves the choice unchanged and usually evaluates P for staying and one or
// two candidates only. Refinement tracks P(s, c) and P(s, s) of every refined community
// incrementally; P(s, s) becomes the aggregate node's self-null.
//
// Per level: (1) local moving, (2) refinement (Leiden only), (3) aggregation.
// (1) Each pass visits the active vertices in a seeded random order, split into synchronous
//     sub-rounds: all vertices of a sub-round choose their best community in parallel
//     against the state at the start of the sub-round (a per-thread dense array for the
//     neighbour-community weights), each also seeing the choices made before it in its
//     visiting block; then the moves are applied in order, split among the threads by
//     community class (two barriers per sub-round, spin barriers: a passive OpenMP barrier
//     costs a ~50 us wake-up, and a pass has up to 64 sub-rounds). A vertex choosing to move
//     activates its neighbours for the next pass, flagged while its row is still in cache
//     (pruning: untouched vertices are skipped), as GVE-Leiden (Sahu 2023) does, and like GVE
//     it skips the neighbours still to be decided in a later sub-round of this pass: they see
//     the move when they are decided (GVE clears a vertex's flag when it is processed). Each
//     pending vertex's sub-round number makes this rule independent of timing; it cut level-0
//     visits on the 1M-firm scale network from 2.83M to 2.46M. A separate pass flagging only
//     neighbours outside the new community re-read every moved row and looked up each
//     neighbour's community, which cost more than the ~2% more visits it saved. Sequential
//     passes keep the exact rule. After a level's first pass the communities in use are
//     renumbered 0..k-1, so that their weights and accumulator slots stay in cache.
//     Because choices depend only on the sub-round state and on fixed chunks of it, the
//     result does not depend on the thread count or timing. Synchronous choices can make
//     neighbours swap communities forever; once a parallel pass moves nearly as many
//     vertices as the one before, the level finishes sequentially. Passes stop when nothing
//     moves, or (options.pass_stop_fraction, GVE-Leiden's early convergence in a
//     deterministic form: a move count, not a summed gain) after a pass moving fewer than
//     that fraction of the level's vertices. The late passes each move a few vertices; on the
//     1M-firm scale network, 0.05 with one outer iteration gives GVE-Leiden's modularity.
// (2) Refinement runs in parallel over communities, sequentially inside each: a vertex
//     still alone in its refined community and well connected to its community merges
//     greedily into the well-connected refined community of largest non-negative gain
//     (GVE-Leiden's greedy variant of Traag's randomised choice), in visiting order or, as an
//     option, lightest vertex first. Merges follow edges, so refined communities are
//     connected. The well-connectedness test needs each vertex's weight inside its community;
//     local moving computed it when it last decided the vertex, and it is reused unless a
//     neighbour moved since (the vertex is then flagged or marked stale), which skips about
//     70% of the level-0 row reads on the scale networks.
// (3) The aggregate graph is built in parallel over communities with the per-thread
//     arrays, each row written at an upper bound of its size (the summed member degrees)
//     and left uncompacted, so there is no sort, no counting pass and no copy. Level 0 reads
//     the input CSR in place; aggregate levels alternate between two reused row stores. The
//     next level starts from the local-moving partition (Leiden) or from singletons (Louvain).
// Levels stop when local moving leaves every aggregate node alone; then every community is
// one refined community, hence connected, and the quality is read off the last level (its
// nodes carry their members' internal and node weights) in O(k + m_k) instead of O(n + m).
// Outer iterations restart from the result until the quality no longer improves. A later iteration is judged after its node-level local
// moving: if that moving left the quality within the tolerance, the iteration ends there and
// the previous result stands. On the LFR benchmark series this saved 15-20% of the run at a
// modularity cost below 5e-5.
// Complexity per level: O(passes * m) local moving, O(m) refinement and aggregation. The
// spatial null adds O(|h_v| |h_B|) per evaluated community of a visit (histogram sizes), and
// on matrix levels O(E G + K^2) once (E entries, G sites, K nodes) and O(K) per move.
#include "algorithms/community/leiden.hpp"

#include <omp.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>

#include "algorithms/community/modularity.hpp"
#include "graph/random.hpp"
#include "graph/spin_barrier.hpp"
#include "graph/errors.hpp"

namespace firmnet::community {

std::string_view objective_name(Objective objective) {
  switch (objective) {
    case Objective::cpm:
      return "cpm";
    case Objective::spatial_modularity:
      return "spatial";
    case Objective::modularity:
      break;
  }
  return "modularity";
}

std::optional<Objective> parse_objective(std::string_view text) {
  if (text == "modularity") return Objective::modularity;
  if (text == "cpm" || text == "CPM") return Objective::cpm;
  if (text == "spatial" || text == "spatial-modularity") return Objective::spatial_modularity;
  return std::nullopt;
}

std::int64_t canonical_relabel(Membership& membership) {
  std::int64_t top = -1;
  for (std::int64_t c : membership) top = std::max(top, c);
  const std::size_t k = static_cast<std::size_t>(top + 1);
  std::vector<std::int64_t> size(k, 0), first(k, std::numeric_limits<std::int64_t>::max());
  for (std::size_t i = 0; i < membership.size(); ++i) {
    const std::int64_t c = membership[i];
    if (c < 0) continue;
    ++size[c];
    first[c] = std::min<std::int64_t>(first[c], static_cast<std::int64_t>(i));
  }
  std::vector<std::int64_t> labels;
  for (std::size_t c = 0; c < k; ++c)
    if (size[c] > 0) labels.push_back(static_cast<std::int64_t>(c));
  std::sort(labels.begin(), labels.end(), [&](std::int64_t a, std::int64_t b) {
    return size[a] != size[b] ? size[a] > size[b] : first[a] < first[b];
  });
  std::vector<std::int64_t> relabel(k, -1);
  for (std::size_t i = 0; i < labels.size(); ++i) relabel[labels[i]] = static_cast<std::int64_t>(i);
  for (std::int64_t& c : membership) c = c < 0 ? -1 : relabel[c];
  return static_cast<std::int64_t>(labels.size());
}

namespace {

constexpr NodeId kStay = std::numeric_limits<NodeId>::max();
constexpr NodeId kNewCommunity = kStay - 1;
constexpr int kMaxLevels = 64;
constexpr std::size_t kParallelThreshold = 2048;  // smaller loops run on one thread
// Relative margin a gain must exceed to count as better (guards against rounding cycles).
constexpr double kGainTolerance = 1e-12;
constexpr NodeId kOrderBlock = 64;
constexpr int kMaxSubRounds = 255;  // sub-round numbers are stored in a byte per vertex
constexpr std::size_t kChunk = 256;  // vertices of a sub-round decided by one thread at a time
// Community ids fall into kClasses classes that threads update in parallel; 16 consecutive
// ids share a class, so that no cache line of the community arrays is written by two threads;
// fixed, so that results do not depend on the thread count.
constexpr NodeId kClasses = 64;
constexpr NodeId class_of(NodeId community) { return community / 16 % kClasses; }
// Spatial null: levels of at most this many nodes keep the null between every node and every
// community in a dense matrix (2 x 2048^2 doubles at most), built once per level in
// O(entries x sites) by SpatialNull::pairwise; larger levels sum histograms per visit.
constexpr NodeId kNullMatrixNodes = 2048;
// Levels of at least this many nodes renumber their communities after the first pass
// (compact_communities); on smaller ones the O(n) step gains and costs nothing measurable.
constexpr NodeId kCompactFrom = 1024;

/// Visiting order: consecutive blocks of kOrderBlock vertices, the blocks shuffled by
/// Fisher-Yates from a splitmix64 stream (portable, unlike std::shuffle). Blocks keep the
/// CSR rows read in a pass close in memory; the shuffle makes the order depend on the seed.
void random_order(NodeId n, std::uint64_t seed, std::vector<NodeId>& order) {
  const NodeId blocks = (n + kOrderBlock - 1) / kOrderBlock;
  std::vector<NodeId> block(blocks);
  std::iota(block.begin(), block.end(), NodeId{0});
  std::uint64_t state = seed;
  for (NodeId i = blocks; i > 1; --i) {
    const NodeId j = static_cast<NodeId>(splitmix64(state) % i);
    std::swap(block[i - 1], block[j]);
  }
  order.clear();
  for (NodeId b : block)
    for (NodeId v = b * kOrderBlock; v < std::min<NodeId>(n, (b + 1) * kOrderBlock); ++v) order.push_back(v);
}

/// std::vector storage whose growth leaves new elements uninitialised: the aggregation writes
/// every slot it later reads, and first touch inside its parallel loop spreads the page
/// faults over the threads instead of zero-filling hundreds of MB on one.
template <class T>
struct UninitialisedAllocator : std::allocator<T> {
  template <class U>
  struct rebind {
    using other = UninitialisedAllocator<U>;
  };
  UninitialisedAllocator() = default;
  template <class U>
  UninitialisedAllocator(const UninitialisedAllocator<U>&) noexcept {}
  template <class U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};
template <class T>
using ScratchVector = std::vector<T, UninitialisedAllocator<T>>;

/// Row storage of an aggregate level, reused across levels and iterations.
struct EdgeStore {
  ScratchVector<EdgeId> row_begin, row_end;
  ScratchVector<NodeId> targets;
  ScratchVector<double> weights;

  /// Room for `rows` rows and `entries` entries; contents are not kept. O(1) amortised, plus
  /// the allocation when growing.
  void make_room(std::size_t rows, EdgeId entries) {
    if (row_begin.size() < rows) {
      row_begin.resize(rows);
      row_end.resize(rows);
    }
    if (targets.size() < entries) {
      targets = ScratchVector<NodeId>();  // release before growing: no copy of old rows
      weights = ScratchVector<double>();
      targets.resize(entries);
      weights.resize(entries);
    }
  }
};

/// One level's graph, symmetric without self-loops: row v is [row_begin[v], row_end[v]) of
/// targets and weights. Level 0 points into the input CSR (no copy); aggregate levels point
/// into an EdgeStore whose rows keep the slack of their upper bound (GVE-Leiden's "holey"
/// CSR), which saves compacting them. loop[v] is the weight inside an aggregate node (each
/// original pair once), node_weight[v] as in the header comment.
struct LevelGraph {
  NodeId n = 0;
  const EdgeId* row_begin = nullptr;
  const EdgeId* row_end = nullptr;
  const NodeId* targets = nullptr;
  const double* weights = nullptr;
  std::vector<double> loop;
  std::vector<double> node_weight;
  // Spatial null only: node v's importance by site is hist[hist_begin[v], hist_begin[v + 1]),
  // and self_null[v] = P(v, v).
  std::vector<std::size_t> hist_begin;
  std::vector<SiteMass> hist;
  std::vector<double> self_null;
  NodeId size() const { return n; }
  std::span<const SiteMass> histogram(NodeId v) const {
    return {hist.data() + hist_begin[v], hist.data() + hist_begin[v + 1]};
  }
  EdgeId degree(NodeId v) const { return row_end[v] - row_begin[v]; }
  /// Starts loading the beginning of v's row, for a visit a few vertices later: rows visited
  /// community by community lie at scattered addresses. O(1).
  void prefetch_row(NodeId v) const {
    __builtin_prefetch(targets + row_begin[v]);
    __builtin_prefetch(weights + row_begin[v]);
  }
};

/// Per-thread accumulator of weights by key (a community or aggregate node id): a dense
/// array over all keys, zero between uses, and the keys touched in first-touch order. One
/// random access into the array per edge beat per-thread hash tables (GVE-Leiden's choice)
/// in our measurements: local moving and aggregation 10-25% faster at 100k nodes, no slower
/// at 1M. Aligned to a cache line so that threads never share one.
struct alignas(64) KeyWeights {
  std::vector<double> weight;
  std::vector<NodeId> keys;
  // size_t, not NodeId: stores into keys[] cannot alias it, so it stays in a register.
  std::size_t count = 0;
  std::vector<std::pair<double, NodeId>> ranked;  // spatial null: candidates by decreasing weight

  /// Makes room for keys < key_count, at most max_keys of them before clear().
  void prepare(std::size_t key_count, std::size_t max_keys) {
    if (weight.size() < key_count) weight.resize(key_count, 0.0);
    if (keys.size() <= max_keys) keys.resize(max_keys + 1);
  }
  /// Adds w >= 0 to key (a key whose weights are all 0 is not listed). Branch-free: whether
  /// a neighbour's community was seen before is unpredictable.
  void add(NodeId key, double w) {
    double& slot = weight[key];
    keys[count] = key;
    count += static_cast<std::size_t>((slot == 0) & (w > 0));
    slot += w;
  }
  std::size_t size() const { return count; }
  /// The k-th key touched since the last clear, and its summed weight.
  NodeId key(std::size_t k) const { return keys[k]; }
  double value(std::size_t k) const { return weight[keys[k]]; }
  void clear() {
    for (std::size_t k = 0; k < count; ++k) weight[keys[k]] = 0;
    count = 0;
  }
  /// Calls visit(key, weight) for every key touched, clearing as it goes (one pass, not two).
  template <class Visit>
  void drain(Visit&& visit) {
    for (std::size_t k = 0; k < count; ++k) {
      double& slot = weight[keys[k]];
      visit(keys[k], slot);
      slot = 0;
    }
    count = 0;
  }
};

/// The choices already made in the current visiting block by the thread deciding it. A block's
/// vertices are consecutive ids, so often neighbours (on LFR graphs 2-3 of a vertex's ~20);
/// deciding them all against the sub-round's start state took ~20% more vertex visits per
/// level than deciding each after the block-mates before it. A thread decides fixed chunks of
/// a sub-round and starts every chunk with an empty view, so the choices do not depend on
/// which thread takes which chunk.
struct BlockView {
  static constexpr NodeId kNone = std::numeric_limits<NodeId>::max();
  NodeId block = kNone;
  NodeId moved = 0;                        // block-mates recorded so far
  std::array<NodeId, kOrderBlock> chosen;  // per vertex of the block: its new community or kNone

  void reset() { block = kNone; }
  void enter(NodeId v) {
    if (v / kOrderBlock == block) return;
    block = v / kOrderBlock;
    moved = 0;
    chosen.fill(kNone);
  }
  void record(NodeId v, NodeId community) {
    chosen[v % kOrderBlock] = community;
    ++moved;
  }
  /// u's community as this thread sees it: comm_u, or u's choice if u is an earlier
  /// block-mate that chose an existing community. Branch-free.
  NodeId community_of(NodeId u, NodeId comm_u) const {
    const NodeId mine = chosen[u % kOrderBlock];
    return (u / kOrderBlock == block) & (mine != kNone) ? mine : comm_u;
  }
};

/// Candidates (weight, community) by decreasing weight, ties by community id.
bool by_decreasing_weight(const std::pair<double, NodeId>& x, const std::pair<double, NodeId>& y) {
  return x.first != y.first ? x.first > y.first : x.second < y.second;
}

/// Sum of the histograms of the given nodes: entries gathered, stably sorted by site and
/// combined, so masses are added in a fixed order. O(e log e) for e entries.
SiteHistogram merged_histogram(const LevelGraph& g, std::span<const NodeId> nodes) {
  SiteHistogram h;
  for (NodeId v : nodes) {
    const std::span<const SiteMass> entries = g.histogram(v);
    h.insert(h.end(), entries.begin(), entries.end());
  }
  std::stable_sort(h.begin(), h.end(), [](const SiteMass& x, const SiteMass& y) { return x.site < y.site; });
  std::size_t write = 0;
  for (std::size_t i = 0; i < h.size(); ++i) {
    if (write > 0 && h[write - 1].site == h[i].site) {
      h[write - 1].count += h[i].count;
      h[write - 1].mass += h[i].mass;
    } else {
      h[write++] = h[i];
    }
  }
  h.resize(write);
  return h;
}

/// Nodes grouped by label (labels < k): members of label c are members[start[c], start[c + 1]),
/// in `order`. O(n + k).
void group_members(std::span<const NodeId> order, const std::vector<NodeId>& label, NodeId k,
                   std::vector<NodeId>& start, std::vector<NodeId>& members, std::vector<NodeId>& fill) {
  start.assign(static_cast<std::size_t>(k) + 1, 0);
  for (NodeId v : order) ++start[label[v] + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  members.resize(order.size());
  fill.assign(start.begin(), start.end() - 1);
  for (NodeId v : order) members[fill[label[v]]++] = v;
}

/// Community weights and sizes during local moving. Empty community ids wait in one stack
/// per class, smallest on top; a stack may also hold ids filled again
/// since, which are dropped when popped.
struct MoveState {
  std::vector<double> comm_weight;
  std::vector<NodeId> comm_size;
  std::array<std::vector<NodeId>, kClasses> free_ids;
  // Spatial null, one of: per community its histogram; or (levels of at most
  // kNullMatrixNodes nodes) pair_null[v n + u] = P(v, u) and comm_null[v n + c] = P(v, c).
  std::vector<SiteHistogram> comm_hist;
  std::vector<double> pair_null, comm_null;

  /// Every community empty, for a level of n nodes; capacities are kept. O(n).
  void reset(NodeId n) {
    comm_weight.assign(n, 0.0);
    comm_size.assign(n, 0);
    for (std::vector<NodeId>& stack : free_ids) stack.clear();
    comm_hist.clear();
    pair_null.clear();
    comm_null.clear();
  }

  /// P(v, c) from the matrix or the histograms.
  double null_with(const SpatialNull& null, const LevelGraph& g, NodeId v, NodeId c) const {
    return comm_null.empty() ? null.between(g.histogram(v), comm_hist[c])
                             : comm_null[static_cast<std::size_t>(v) * g.size() + c];
  }
  /// Moves v's null out of community c (sign -1, after comm_size[c] was decremented) or
  /// into it (sign +1). An emptied community's column is reset to exact zeros, as counts
  /// empty a histogram, so that no rounding residue outlives its members.
  void shift_null(const LevelGraph& g, NodeId v, NodeId c, double sign) {
    if (!comm_hist.empty()) {
      if (sign < 0)
        subtract_histogram(comm_hist[c], g.histogram(v));
      else
        add_histogram(comm_hist[c], g.histogram(v));
    }
    if (comm_null.empty()) return;
    const std::size_t n = g.size();
    const bool emptied = sign < 0 && comm_size[c] == 0;
    for (std::size_t w = 0; w < n; ++w)
      comm_null[w * n + c] = emptied ? 0.0 : comm_null[w * n + c] + sign * pair_null[w * n + v];
  }
};

/// Sorts nodes by increasing node weight, ties kept in their order. O(s log s) for s nodes.
void sort_lightest_first(const LevelGraph& g, std::span<NodeId> nodes) {
  std::stable_sort(nodes.begin(), nodes.end(),
                   [&](NodeId a, NodeId b) { return g.node_weight[a] < g.node_weight[b]; });
}

}  // namespace

/// What leiden() keeps between calls: the per-thread accumulators, the aggregate row stores
/// and the inside weights from local moving. Every call writes what it reads.
struct LeidenWorkspace::Buffers {
  std::vector<KeyWeights> maps;  // one per thread
  EdgeStore stores[2];
  // From the last local moving (modularity and CPM): per vertex its weight to its community,
  // and whether that value is still exact, which lets refinement skip reading its row.
  std::vector<double> inside;
  std::vector<std::uint8_t> inside_known;
  // Every array of a level's size, kept so that a run on a reserved workspace touches no
  // fresh memory: on a virtual machine where a first touch costs ~7 us, the 25k pages that a
  // 1M-node run otherwise touches cost 0.2-0.4 s.
  // Local moving (Engine::move_nodes).
  MoveState move_state;
  std::vector<std::uint8_t> active, stale, round_of;
  std::vector<NodeId> choice, previous, pending, new_id;
  // Refinement (Engine::refine) and aggregation (Engine::aggregate): members by community.
  std::vector<NodeId> group_start, group_members, group_fill, refined_size;
  std::vector<double> comm_total, refined_weight, external;
  // The multilevel loop (multilevel()): visiting order, partitions, node map, relabelling.
  std::vector<NodeId> order, comm, local, grouping, next, node_of, relabel;
  LevelGraph base;
  LevelGraph levels[2];  // aggregate levels, alternating as the row stores do

  /// One accumulator per thread of the coming parallel regions, each empty (a call that
  /// threw may have left keys behind). O(threads + keys left).
  void ready_maps() {
    maps.resize(std::max<std::size_t>(maps.size(), static_cast<std::size_t>(std::max(1, omp_get_max_threads()))));
    for (KeyWeights& map : maps) map.clear();
  }
};

LeidenWorkspace::LeidenWorkspace() : buffers_(std::make_unique<Buffers>()) {}
LeidenWorkspace::~LeidenWorkspace() = default;
LeidenWorkspace::LeidenWorkspace(LeidenWorkspace&&) noexcept = default;
LeidenWorkspace& LeidenWorkspace::operator=(LeidenWorkspace&&) noexcept = default;

void LeidenWorkspace::reserve(const WeightedCsr& graph) {
  const NodeId n = graph.node_count();
  const EdgeId entries = graph.entry_count();
  Buffers& work = *buffers_;
  work.ready_maps();
  // The level-0 aggregate's rows are written at the summed member degrees: all entries. The
  // level-1 aggregate's go to the other store at the summed degrees of level 1, which
  // aggregation only shrinks, so all entries bound both (GVE-Leiden sizes its two holey CSRs
  // the same way). Untouched, the second store cost 42k page faults inside the first run on
  // the 1M-firm scale network, 0.3 s of 1.7 s on a virtual machine.
  for (EdgeStore& store : work.stores) store.make_room(n, entries);
  // Every level-sized array at level 0's size, the largest it gets. Emptied community ids
  // spread evenly over the classes' stacks.
  work.move_state.reset(n);
  for (std::vector<NodeId>& stack : work.move_state.free_ids) stack.reserve(n / kClasses + kOrderBlock);
  for (std::vector<std::uint8_t>* flags : {&work.active, &work.stale, &work.round_of, &work.inside_known})
    flags->assign(n, 0);
  for (std::vector<NodeId>* ids : {&work.choice, &work.previous, &work.pending, &work.new_id, &work.group_start,
                                   &work.group_members, &work.group_fill, &work.refined_size, &work.order,
                                   &work.comm, &work.local, &work.grouping, &work.next, &work.node_of, &work.relabel})
    ids->assign(static_cast<std::size_t>(n) + 1, 0);
  for (std::vector<double>* sums : {&work.inside, &work.comm_total, &work.refined_weight, &work.external,
                                    &work.base.loop, &work.base.node_weight, &work.levels[0].loop,
                                    &work.levels[0].node_weight, &work.levels[1].loop, &work.levels[1].node_weight})
    sums->assign(n, 0.0);
  // First touch, one write per page, by the threads that later write most of it.
  constexpr std::size_t kPage = 4096;
#pragma omp parallel
  {
    work.maps[static_cast<std::size_t>(omp_get_thread_num())].prepare(n, 0);
    for (EdgeStore& store : work.stores) {
#pragma omp for schedule(static)
      for (EdgeId e = 0; e < entries; e += kPage / sizeof(NodeId)) store.targets[e] = 0;
#pragma omp for schedule(static)
      for (EdgeId e = 0; e < entries; e += kPage / sizeof(double)) store.weights[e] = 0;
#pragma omp for schedule(static)
      for (NodeId v = 0; v < n; v += kPage / sizeof(EdgeId)) store.row_begin[v] = store.row_end[v] = 0;
    }
  }
}

namespace {

class Engine {
 public:
  Engine(const LeidenOptions& options, const SpatialNull* null, LeidenWorkspace::Buffers& work)
      : options_(options), null_(null), work_(work) {
    work_.ready_maps();
  }

  /// Local moving; comm holds labels < g.size(). Returns the number of moves.
  std::uint64_t move_nodes(const LevelGraph& g, double r, const std::vector<NodeId>& order,
                           std::vector<NodeId>& comm) {
    const NodeId n = g.size();
    MoveState& state = work_.move_state;
    state.reset(n);
    for (NodeId v = 0; v < n; ++v) {
      state.comm_weight[comm[v]] += g.node_weight[v];
      ++state.comm_size[comm[v]];
    }
    for (NodeId c = n; c-- > 0;)
      if (state.comm_size[c] == 0) state.free_ids[class_of(c)].push_back(c);
    if (null_ && n <= kNullMatrixNodes) {
      state.pair_null = null_->pairwise(g.hist_begin, g.hist);
      state.comm_null.assign(static_cast<std::size_t>(n) * n, 0.0);
#pragma omp parallel for schedule(static) if (n >= 256)
      for (NodeId v = 0; v < n; ++v)
        for (NodeId u = 0; u < n; ++u)
          state.comm_null[std::size_t{v} * n + comm[u]] += state.pair_null[std::size_t{v} * n + u];
    } else if (null_) {
      std::vector<NodeId> all(n), start, members, fill;
      std::iota(all.begin(), all.end(), NodeId{0});
      group_members(all, comm, n, start, members, fill);
      state.comm_hist.assign(n, {});
#pragma omp parallel for schedule(dynamic, 64) if (n >= kParallelThreshold)
      for (NodeId c = 0; c < n; ++c)
        if (start[c + 1] > start[c])
          state.comm_hist[c] =
              merged_histogram(g, std::span<const NodeId>(members).subspan(start[c], start[c + 1] - start[c]));
    }
    std::vector<std::uint8_t>& active = work_.active;
    active.assign(n, 1);
    // work_.inside[v] is v's weight to its community as of v's last decision; it stays exact until
    // a neighbour moves. Parallel passes flag such a neighbour's vertex active; a sequential
    // move does not flag the neighbours in the community it joins, so it marks them stale.
    work_.inside.resize(n);
    std::vector<std::uint8_t>& stale = work_.stale;
    stale.assign(n, 0);
    // Parallel passes: the sub-round (1-based) in which each pending vertex is decided, 0 for
    // the others. A move in sub-round R flags only neighbours decided in sub-round R or
    // earlier (or not at all) in this pass: later ones see the move when they are decided.
    std::vector<std::uint8_t>& round_of = work_.round_of;
    round_of.assign(n, 0);
    // Parallel passes: per position of the pending list, the choice made there and the
    // community the vertex left, so that applying a sub-round reads them in order and never
    // reads comm, which it writes.
    std::vector<NodeId>&choice = work_.choice, &previous = work_.previous;
    std::array<std::uint8_t, kMaxSubRounds> chose_new;  // per sub-round: a vertex chose a new community
    std::vector<NodeId>& pending = work_.pending;
    std::uint64_t total_moves = 0;
    // Synchronous sub-rounds can make neighbours swap communities back and forth, pass after
    // pass. Once a parallel pass moves nearly as many vertices as the one before, the rest of
    // the level runs sequentially, where every move strictly improves the quality.
    bool parallel_allowed = true;
    std::uint64_t last_parallel_moves = std::numeric_limits<std::uint64_t>::max();

    for (int pass = 0; pass < options_.max_passes; ++pass) {
      // Flags are cleared here, so a vertex activated during the pass waits for the next one,
      // whatever the interleaving of threads.
      pending.clear();
      for (NodeId v : order)
        if (active[v]) {
          pending.push_back(v);
          active[v] = 0;
        }
      if (pending.empty()) break;
      std::uint64_t moves = 0;
      const bool parallel = parallel_allowed && pending.size() >= std::max<std::size_t>(options_.sequential_below, 2);
      if (!parallel) {
        // Sequential: exact moves, each a strict improvement.
        KeyWeights& map = work_.maps[0];
        for (NodeId v : pending) {
          const NodeId to = decide(g, r, v, comm, state, map, nullptr);
          stale[v] = 0;
          if (to == kStay) continue;
          apply_move(g, v, to, comm, state);
          ++moves;
          for (EdgeId e = g.row_begin[v]; e < g.row_end[v]; ++e) {
            const NodeId u = g.targets[e];
            if (comm[u] != comm[v])
              active[u] = 1;
            else
              stale[u] = 1;
          }
        }
      } else {
        const std::size_t count = pending.size();
        const std::size_t min_round = std::max<std::size_t>(options_.sequential_below / 2, 1);
        const std::size_t rounds =
            std::clamp<std::size_t>(count / min_round, 1, std::clamp(options_.sub_rounds, 1, kMaxSubRounds));
        choice.resize(count);
        previous.resize(count);
        chose_new.fill(0);
        std::optional<SpinBarrier> barrier;  // sized to the team inside the region
#pragma omp parallel
        {
          KeyWeights& map = work_.maps[omp_get_thread_num()];
          BlockView view;
#pragma omp single nowait
          barrier.emplace(omp_get_num_threads());
#pragma omp for schedule(static)
          for (std::size_t round = 0; round < rounds; ++round)
            for (std::size_t i = count * round / rounds; i < count * (round + 1) / rounds; ++i)
              round_of[pending[i]] = static_cast<std::uint8_t>(round + 1);
          for (std::size_t round = 0; round < rounds; ++round) {
            const std::size_t begin = count * round / rounds, end = count * (round + 1) / rounds;
            const std::size_t chunks = (end - begin + kChunk - 1) / kChunk;
            const std::uint8_t this_round = static_cast<std::uint8_t>(round + 1);
#pragma omp for schedule(dynamic, 1) nowait
            for (std::size_t chunk = 0; chunk < chunks; ++chunk) {
              view.reset();
              for (std::size_t i = begin + chunk * kChunk; i < std::min(end, begin + (chunk + 1) * kChunk); ++i) {
                const NodeId v = pending[i];
                view.enter(v);
                const NodeId to = decide(g, r, v, comm, state, map, &view);
                choice[i] = to;
                previous[i] = comm[v];
                if (to == kStay) continue;
                if (to != kNewCommunity)
                  view.record(v, to);
                else
                  std::atomic_ref<std::uint8_t>(chose_new[round]).store(1, std::memory_order_relaxed);
                for (EdgeId e = g.row_begin[v]; e < g.row_end[v]; ++e) {
                  const NodeId u = g.targets[e];
                  if (round_of[u] <= this_round)
                    std::atomic_ref<std::uint8_t>(active[u]).store(1, std::memory_order_relaxed);
                }
              }
            }
            barrier->arrive_and_wait();
            apply_round(g, pending.data() + begin, end - begin, choice.data() + begin, previous.data() + begin,
                        chose_new[round] != 0, *barrier, comm, state, moves);
          }
#pragma omp for schedule(static) nowait  // the region's end is the barrier
          for (std::size_t i = 0; i < count; ++i) round_of[pending[i]] = 0;
        }
      }
      total_moves += moves;
      if (moves == 0 || static_cast<double>(moves) < options_.pass_stop_fraction * n) break;
      if (parallel) {
        if (moves * 20 > last_parallel_moves * 19) parallel_allowed = false;
        last_parallel_moves = moves;
      }
      if (pass == 0 && !null_ && n >= kCompactFrom) compact_communities(comm, state, work_.new_id);
    }
    // Every vertex was decided in the first pass (all start active); a parallel pass that
    // follows a sequential one leaves its stale marks, which only costs a recomputation.
    // Only refine() reads the result (not Louvain, not the spatial refinement).
    if (options_.refine && !null_) {
      work_.inside_known.resize(n);
      const bool decided = options_.max_passes > 0;
#pragma omp parallel for schedule(static) if (n >= kParallelThreshold)
      for (NodeId v = 0; v < n; ++v) work_.inside_known[v] = decided & !active[v] & !stale[v];
    }
    return total_moves;
  }

  /// Refinement of comm (labels 0..k-1): refined receives the refined labels (node ids of
  /// the representative) within comm.
  void refine(const LevelGraph& g, double r, const std::vector<NodeId>& order, const std::vector<NodeId>& comm,
              NodeId k, std::vector<NodeId>& refined) {
    const NodeId n = g.size();
    // Members of each community in visiting order, or lightest first.
    std::vector<NodeId>&start = work_.group_start, &members = work_.group_members;
    group_members(order, comm, k, start, members, work_.group_fill);
    std::vector<double>& comm_weight = work_.comm_total;
    comm_weight.assign(k, 0.0);
    for (NodeId v = 0; v < n; ++v) comm_weight[comm[v]] += g.node_weight[v];

    // Every slot of a member is written before it is read.
    refined.resize(n);
    std::vector<double>&refined_weight = work_.refined_weight, &external = work_.external;
    std::vector<NodeId>& refined_size = work_.refined_size;
    refined_weight.resize(n);
    external.resize(n);
    refined_size.resize(n);
    // Community sizes are heavy-tailed: hand them out one at a time.
#pragma omp parallel for schedule(dynamic, 1) if (n >= kParallelThreshold)
    for (NodeId c = 0; c < k; ++c) {
      KeyWeights& map = work_.maps[omp_get_thread_num()];
      const double total = comm_weight[c];
      if (options_.refine_lightest_first)
        sort_lightest_first(g, std::span<NodeId>(members.data() + start[c], start[c + 1] - start[c]));
      for (NodeId i = start[c]; i < start[c + 1]; ++i) {
        const NodeId v = members[i];
        if (i + 8 < start[c + 1]) {
          const NodeId ahead = members[i + 8];
          __builtin_prefetch(&refined[ahead], 1);
          __builtin_prefetch(&refined_size[ahead], 1);
          __builtin_prefetch(&refined_weight[ahead], 1);
          __builtin_prefetch(&external[ahead], 1);
          __builtin_prefetch(&g.node_weight[ahead]);
          __builtin_prefetch(&work_.inside_known[ahead]);
          __builtin_prefetch(&work_.inside[ahead]);
          __builtin_prefetch(&g.row_begin[ahead]);
        }
        if (i + 2 < start[c + 1]) g.prefetch_row(members[i + 2]);
        refined[v] = v;
        refined_size[v] = 1;
        refined_weight[v] = g.node_weight[v];
        if (work_.inside_known[v]) {
          // Summed in row order by local moving, as below: the same value, bit for bit.
          external[v] = work_.inside[v];
          continue;
        }
        double inside = 0;
        for (EdgeId e = g.row_begin[v]; e < g.row_end[v]; ++e)
          if (comm[g.targets[e]] == c) inside += g.weights[e];
        external[v] = inside;
      }
      for (NodeId i = start[c]; i < start[c + 1]; ++i) {
        const NodeId v = members[i];
        if (i + 2 < start[c + 1]) g.prefetch_row(members[i + 2]);
        if (refined[v] != v || refined_size[v] != 1) continue;
        const double wv = g.node_weight[v];
        if (external[v] < r * wv * (total - wv)) continue;  // v not well connected to c
        map.prepare(n, g.degree(v));
        for (EdgeId e = g.row_begin[v]; e < g.row_end[v]; ++e) {
          const NodeId u = g.targets[e];
          if (comm[u] == c && g.weights[e] > 0) map.add(refined[u], g.weights[e]);
        }
        NodeId best = kStay;
        double best_gain = -1.0, best_weight = 0.0;
        for (std::size_t k = 0; k < map.size(); ++k) {
          const NodeId s = map.key(k);
          const double weight = map.value(k);
          const double ws = refined_weight[s];
          if (external[s] < r * ws * (total - ws)) continue;  // s not well connected to c
          const double gain = weight - r * wv * ws;
          if (gain >= 0 && gain > best_gain) {
            best = s;
            best_gain = gain;
            best_weight = weight;
          }
        }
        if (best != kStay) {
          refined_weight[best] += wv;
          external[best] += external[v] - 2 * best_weight;
          ++refined_size[best];
          refined_size[v] = 0;
          refined[v] = best;
        }
        map.clear();
      }
    }
  }

  /// Refinement for the spatial null, as refine() with P in place of r w_v W: v is well
  /// connected to c when k_{v,c-v} >= r P(v, c - v), and the gain of joining refined s is
  /// k_{v,s} - r P(v, s). P(s, c) and P(s, s) of every refined community are kept
  /// incrementally; self_null[rep] receives P(s, s) of the refined community represented by
  /// rep. Cost per community c: O(|c| sites(c)) for P(v, c), plus P(v, s) for the candidates
  /// that could still win.
  std::vector<NodeId> refine_spatial(const LevelGraph& g, double r, const std::vector<NodeId>& order,
                                     const std::vector<NodeId>& comm, NodeId k, std::vector<double>& self_null) {
    const NodeId n = g.size();
    std::vector<NodeId> start, members, fill;
    group_members(order, comm, k, start, members, fill);
    std::vector<NodeId> refined(n), refined_size(n);
    std::vector<double> external(n), null_comm(n);
    std::vector<SiteHistogram> refined_hist(n);
    self_null.assign(n, 0.0);
#pragma omp parallel for schedule(dynamic, 1) if (n >= kParallelThreshold)
    for (NodeId c = 0; c < k; ++c) {
      KeyWeights& map = work_.maps[omp_get_thread_num()];
      const std::span<NodeId> inside(members.data() + start[c], start[c + 1] - start[c]);
      if (options_.refine_lightest_first) sort_lightest_first(g, inside);
      const SiteHistogram whole = merged_histogram(g, inside);
      for (NodeId v : inside) {
        refined[v] = v;
        refined_size[v] = 1;
        const std::span<const SiteMass> hv = g.histogram(v);
        refined_hist[v].assign(hv.begin(), hv.end());
        null_comm[v] = null_->between(hv, whole);
        self_null[v] = g.self_null[v];
        double weight = 0;
        for (EdgeId e = g.row_begin[v]; e < g.row_end[v]; ++e)
          if (comm[g.targets[e]] == c) weight += g.weights[e];
        external[v] = weight;
      }
      auto well_connected = [&](NodeId s) { return external[s] >= r * (null_comm[s] - self_null[s]); };
      for (NodeId v : inside) {
        if (refined[v] != v || refined_size[v] != 1 || !well_connected(v)) continue;
        map.prepare(n, g.degree(v));
        for (EdgeId e = g.row_begin[v]; e < g.row_end[v]; ++e) {
          const NodeId u = g.targets[e];
          if (comm[u] == c && g.weights[e] > 0) map.add(refined[u], g.weights[e]);
        }
        map.ranked.clear();
        map.drain([&](NodeId s, double weight) { map.ranked.emplace_back(weight, s); });
        std::sort(map.ranked.begin(), map.ranked.end(), by_decreasing_weight);
        const std::span<const SiteMass> hv = g.histogram(v);
        NodeId best = kStay;
        double best_gain = -1.0, best_weight = 0.0, best_null = 0.0;
        for (const auto& [weight, s] : map.ranked) {
          if (weight <= best_gain) break;  // P >= 0: no later candidate gains more
          if (!well_connected(s)) continue;
          const double null = null_->between(hv, refined_hist[s]);
          const double gain = weight - r * null;
          if (gain >= 0 && gain > best_gain) {
            best = s;
            best_gain = gain;
            best_weight = weight;
            best_null = null;
          }
        }
        if (best != kStay) {
          external[best] += external[v] - 2 * best_weight;
          null_comm[best] += null_comm[v];
          self_null[best] += self_null[v] + 2 * best_null;
          add_histogram(refined_hist[best], refined_hist[v]);
          SiteHistogram().swap(refined_hist[v]);
          ++refined_size[best];
          refined_size[v] = 0;
          refined[v] = best;
        }
      }
    }
    return refined;
  }

  /// Aggregate graph of partition part (labels 0..k-1) into out (not g), its rows written
  /// into store (which must not hold g's rows). O(m), parallel over communities.
  void aggregate(const LevelGraph& g, const std::vector<NodeId>& part, NodeId k, EdgeStore& store,
                 LevelGraph& out) {
    const NodeId n = g.size();
    std::vector<NodeId>&member_start = work_.group_start, &members = work_.group_members;
    member_start.assign(static_cast<std::size_t>(k) + 1, 0);
    for (NodeId v = 0; v < n; ++v) ++member_start[part[v] + 1];
    std::partial_sum(member_start.begin(), member_start.end(), member_start.begin());
    members.resize(n);
    {
      std::vector<NodeId>& fill = work_.group_fill;
      fill.assign(member_start.begin(), member_start.end() - 1);
      for (NodeId v = 0; v < n; ++v) members[fill[part[v]]++] = v;
    }
    // Row c starts at the summed degrees of the communities before it: an upper bound of
    // each aggregate row, so rows are written in parallel without a counting pass.
    store.make_room(k, 0);
#pragma omp parallel for schedule(static) if (k >= kParallelThreshold)
    for (NodeId c = 0; c < k; ++c) {
      EdgeId sum = 0;
      for (NodeId i = member_start[c]; i < member_start[c + 1]; ++i) sum += g.degree(members[i]);
      store.row_end[c] = sum;
    }
    EdgeId total = 0;
    for (NodeId c = 0; c < k; ++c) {
      store.row_begin[c] = total;
      total += store.row_end[c];
    }
    store.make_room(k, total);
    out.n = k;
    out.hist_begin.clear();  // a spatial run's histograms are added by aggregate_histograms
    out.hist.clear();
    out.self_null.clear();
    out.loop.assign(k, 0.0);
    out.node_weight.assign(k, 0.0);
#pragma omp parallel for schedule(dynamic, 64) if (k >= kParallelThreshold)
    for (NodeId c = 0; c < k; ++c) {
      KeyWeights& map = work_.maps[omp_get_thread_num()];
      map.prepare(k, std::min<EdgeId>(store.row_end[c], k));
      double loop = 0, weight = 0;
      for (NodeId i = member_start[c]; i < member_start[c + 1]; ++i) {
        const NodeId v = members[i];
        if (i + 2 < member_start[c + 1]) {
          const NodeId ahead = members[i + 2];
          __builtin_prefetch(&g.loop[ahead]);
          __builtin_prefetch(&g.node_weight[ahead]);
          g.prefetch_row(ahead);
        }
        loop += g.loop[v];
        weight += g.node_weight[v];
        for (EdgeId e = g.row_begin[v]; e < g.row_end[v]; ++e) map.add(part[g.targets[e]], g.weights[e]);
      }
      const double inside_twice = map.weight[c];  // pairs inside c, each seen from both ends
      EdgeId at = store.row_begin[c];
      for (std::size_t i = 0; i < map.size(); ++i) {
        if (map.key(i) == c) continue;
        store.targets[at] = map.key(i);
        store.weights[at] = map.value(i);
        ++at;
      }
      store.row_end[c] = at;
      map.clear();
      out.loop[c] = loop + inside_twice / 2;
      out.node_weight[c] = weight;
    }
    out.row_begin = store.row_begin.data();
    out.row_end = store.row_end.data();
    out.targets = store.targets.data();
    out.weights = store.weights.data();
  }

  /// Spatial null: the histograms of the aggregate nodes of part (labels 0..k-1) as the sums of
  /// their members', and their self-nulls: given per label (from refinement), or computed as
  /// P(c, c), O(sites(c)^2). O(n + entries log entries) otherwise, parallel over labels.
  void aggregate_histograms(const LevelGraph& g, const std::vector<NodeId>& part, NodeId k,
                            const std::vector<double>* self_null, LevelGraph& out) const {
    std::vector<NodeId> all(g.size()), start, members, fill;
    std::iota(all.begin(), all.end(), NodeId{0});
    group_members(all, part, k, start, members, fill);
    std::vector<SiteHistogram> merged(k);
    out.self_null.assign(k, 0.0);
#pragma omp parallel for schedule(dynamic, 16) if (k >= kParallelThreshold)
    for (NodeId c = 0; c < k; ++c) {
      merged[c] = merged_histogram(g, std::span<const NodeId>(members).subspan(start[c], start[c + 1] - start[c]));
      out.self_null[c] = self_null ? (*self_null)[c] : null_->between(merged[c], merged[c]);
    }
    out.hist_begin.assign(static_cast<std::size_t>(k) + 1, 0);
    for (NodeId c = 0; c < k; ++c) out.hist_begin[c + 1] = out.hist_begin[c] + merged[c].size();
    out.hist.resize(out.hist_begin[k]);
    for (NodeId c = 0; c < k; ++c) std::copy(merged[c].begin(), merged[c].end(), out.hist.begin() + out.hist_begin[c]);
  }

  /// Row storage for the aggregate of level `level` (alternating, so never the one read).
  EdgeStore& store_for(int level) { return work_.stores[level % 2]; }
  /// The workspace's arrays (the multilevel loop keeps its own there too).
  LeidenWorkspace::Buffers& buffers() { return work_; }

 private:

  /// Renumbers the communities in use to 0..k-1 in order of their old ids, and frees k..n-1.
  /// After a level's first pass most ids are unused (level 0 starts from singletons) and those
  /// in use are spread over all n: every community weight read, and every slot of the
  /// per-thread accumulators, is then likely a cache line of its own. Renumbered, they lie in
  /// the first k entries, which stay in cache (on the 1M-firm scale network k is 309k of 1M
  /// ids on level 0 and 46k of 286k on level 1); 1M runs took 6% less time. Choices do not
  /// depend on ids (candidates are compared in the order a row meets them, the per-class
  /// updates keep every sum's order), so the partition is the same, except that a free id
  /// now starts from a weight of exactly 0 where an emptied community may have left a
  /// rounding residue. Not for the spatial null, whose per-community state is larger. O(n).
  static void compact_communities(std::vector<NodeId>& comm, MoveState& state, std::vector<NodeId>& new_id) {
    const NodeId n = static_cast<NodeId>(comm.size());
    new_id.resize(n);
    NodeId k = 0;
    for (NodeId c = 0; c < n; ++c) {
      new_id[c] = k;
      if (state.comm_size[c] > 0) {  // new_id[c] <= c: moving down in place is safe
        state.comm_weight[k] = state.comm_weight[c];
        state.comm_size[k] = state.comm_size[c];
        ++k;
      }
    }
    std::fill(state.comm_weight.begin() + k, state.comm_weight.end(), 0.0);
    std::fill(state.comm_size.begin() + k, state.comm_size.end(), NodeId{0});
    for (auto& stack : state.free_ids) stack.clear();
    for (NodeId c = n; c-- > k;) state.free_ids[class_of(c)].push_back(c);
#pragma omp parallel for schedule(static) if (n >= kParallelThreshold)
    for (NodeId v = 0; v < n; ++v) comm[v] = new_id[comm[v]];
  }

  /// v's best move (best_move); for modularity and CPM also sets work_.inside[v] to v's weight to
  /// the community it ends the decision in, as seen by the decision.
  NodeId decide(const LevelGraph& g, double r, NodeId v, const std::vector<NodeId>& comm, const MoveState& state,
                KeyWeights& map, const BlockView* view) {
    return null_ ? best_move_spatial(g, r, v, comm, state, map, view)
                 : best_move(g, r, v, comm, state, map, view, work_.inside[v]);
  }

  /// best_move for the spatial null: the gain of B is k_{v,B} - r P(v, B), of staying
  /// k_{v,own} - r (P(v, own) - P(v, v)). Candidates by decreasing k_{v,B} (ties: smaller id);
  /// the scan stops once k_{v,B} is no larger than the best gain so far or than staying plus
  /// the margin, since P >= 0. The same choice as scanning all, among equal gains the first
  /// in that order.
  NodeId best_move_spatial(const LevelGraph& g, double r, NodeId v, const std::vector<NodeId>& comm,
                           const MoveState& state, KeyWeights& map, const BlockView* view) const {
    const NodeId own = comm[v];
    map.prepare(g.size(), g.degree(v));
    for (EdgeId e = g.row_begin[v]; e < g.row_end[v]; ++e) {
      const NodeId u = g.targets[e];
      map.add(view && view->moved > 0 ? view->community_of(u, comm[u]) : comm[u], g.weights[e]);
    }
    // Alone, v gains nothing by staying (no self-loops, no null with itself).
    const double stay = state.comm_size[own] == 1
                            ? 0.0
                            : map.weight[own] - r * (state.null_with(*null_, g, v, own) - g.self_null[v]);
    map.ranked.clear();
    map.drain([&](NodeId c, double weight) {
      if (c != own) map.ranked.emplace_back(weight, c);
    });
    std::sort(map.ranked.begin(), map.ranked.end(), by_decreasing_weight);
    const double threshold = stay + kGainTolerance * std::abs(stay);
    NodeId top = kStay;
    double top_gain = -std::numeric_limits<double>::infinity();
    for (const auto& [weight, c] : map.ranked) {
      if (weight <= std::max(top_gain, threshold)) break;
      const double gain = weight - r * state.null_with(*null_, g, v, c);
      if (gain > top_gain) {
        top = c;
        top_gain = gain;
      }
    }
    const bool better = top_gain > threshold;
    if ((better ? top_gain : stay) < 0 && state.comm_size[own] > 1) return kNewCommunity;
    return better ? top : kStay;
  }

  /// Best community for v against the current state: kStay, kNewCommunity or a label.
  /// Ties keep the current community: a move needs a gain larger than staying by a relative
  /// margin. Among other communities the largest gain wins (the first listed on ties); one
  /// comparison with staying after the scan keeps the scan's dependency chain short.
  /// With a view, neighbours decided earlier in v's block count in their chosen community.
  /// inside receives v's weight to the community of the choice (0 for a new community).
  static NodeId best_move(const LevelGraph& g, double r, NodeId v, const std::vector<NodeId>& comm,
                          const MoveState& state, KeyWeights& map, const BlockView* view, double& inside) {
    const NodeId own = comm[v];
    const double wv = g.node_weight[v], scale = r * wv;
    map.prepare(g.size(), g.degree(v));
    // The community weights read after the scan are prefetched during it, so their cache
    // misses overlap those of the scan instead of following them.
    if (view && view->moved > 0) {
      for (EdgeId e = g.row_begin[v]; e < g.row_end[v]; ++e) {
        const NodeId u = g.targets[e];
        const NodeId c = view->community_of(u, comm[u]);
        __builtin_prefetch(state.comm_weight.data() + c);
        map.add(c, g.weights[e]);
      }
    } else {
      for (EdgeId e = g.row_begin[v]; e < g.row_end[v]; ++e) {
        const NodeId c = comm[g.targets[e]];
        __builtin_prefetch(state.comm_weight.data() + c);
        map.add(c, g.weights[e]);
      }
    }
    const double own_weight = map.weight[own];
    const double stay = own_weight - scale * (state.comm_weight[own] - wv);
    NodeId top = kStay;
    double top_gain = -std::numeric_limits<double>::infinity(), top_weight = 0;
    map.drain([&](NodeId c, double weight) {
      double gain = weight - scale * state.comm_weight[c];
      if (c == own) gain = -std::numeric_limits<double>::infinity();
      if (gain > top_gain) {
        top = c;
        top_gain = gain;
        top_weight = weight;
      }
    });
    const bool better = top_gain > stay + kGainTolerance * std::abs(stay);
    // An empty community gains 0: leave when every option, staying included, is negative.
    if ((better ? top_gain : stay) < 0 && state.comm_size[own] > 1) {
      inside = 0;
      return kNewCommunity;
    }
    inside = better ? top_weight : own_weight;
    return better ? top : kStay;
  }

  static void apply_move(const LevelGraph& g, NodeId v, NodeId to, std::vector<NodeId>& comm, MoveState& state) {
    const NodeId from = comm[v];
    if (to == kNewCommunity) to = take_empty_id(state, v);
    state.comm_weight[from] -= g.node_weight[v];
    state.comm_weight[to] += g.node_weight[v];
    if (--state.comm_size[from] == 0) state.free_ids[class_of(from)].push_back(from);
    ++state.comm_size[to];
    state.shift_null(g, v, from, -1.0);
    state.shift_null(g, v, to, 1.0);
    comm[v] = to;
  }

  /// An empty community id for v, searched from v's class on. One exists: v leaves a
  /// community it shares, so fewer than n communities are in use.
  static NodeId take_empty_id(MoveState& state, NodeId v) {
    for (NodeId k = 0;; ++k) {
      std::vector<NodeId>& stack = state.free_ids[(class_of(v) + k) % kClasses];
      while (!stack.empty()) {
        const NodeId id = stack.back();
        stack.pop_back();
        if (state.comm_size[id] == 0) return id;
      }
    }
  }

  /// Applies the choices of one sub-round (vertices[i] chose choice[i], leaving previous[i])
  /// inside a parallel region, after the barrier that ends its decisions (all threads call
  /// it). The community updates are split by class among the threads, each class updated in
  /// the sub-round's order, so every sum is formed in the same order as by one thread; the
  /// thread owning the target's class also writes comm. Moves to a new community follow, in
  /// order, on one thread (any_new: some vertex chose one, known alike to every thread). Adds
  /// the number of moves to `moves` (shared). A sub-round thus takes two barriers (this one
  /// and the caller's), three with new communities: a level-0 pass has up to 64 sub-rounds,
  /// so they are spin barriers (graph/spin_barrier.hpp). O(count) per thread.
  static void apply_round(const LevelGraph& g, const NodeId* vertices, std::size_t count, const NodeId* choice,
                          const NodeId* previous, bool any_new, SpinBarrier& barrier, std::vector<NodeId>& comm,
                          MoveState& state, std::uint64_t& moves) {
    const NodeId thread = static_cast<NodeId>(omp_get_thread_num()), threads = static_cast<NodeId>(omp_get_num_threads());
    std::uint64_t moved = 0;  // counted by the thread that owns the target's class
    for (std::size_t i = 0; i < count; ++i) {
      const NodeId to = choice[i];
      if (to == kStay || to == kNewCommunity) continue;
      const NodeId v = vertices[i], from = previous[i];
      if (class_of(from) % threads == thread) {
        state.comm_weight[from] -= g.node_weight[v];
        if (--state.comm_size[from] == 0) state.free_ids[class_of(from)].push_back(from);
        state.shift_null(g, v, from, -1.0);
      }
      if (class_of(to) % threads == thread) {
        state.comm_weight[to] += g.node_weight[v];
        ++state.comm_size[to];
        state.shift_null(g, v, to, 1.0);
        comm[v] = to;
        ++moved;
      }
    }
    std::atomic_ref<std::uint64_t>(moves).fetch_add(moved, std::memory_order_relaxed);
    barrier.arrive_and_wait();
    if (!any_new) return;
#pragma omp single
    for (std::size_t i = 0; i < count; ++i)
      if (choice[i] == kNewCommunity) {
        apply_move(g, vertices[i], kNewCommunity, comm, state);
        ++moves;
      }
  }

  const LeidenOptions& options_;
  const SpatialNull* null_;       // the spatial null, or nullptr for modularity and CPM
  LeidenWorkspace::Buffers& work_;
};

/// Relabels part to 0..k-1 in order of first appearance by node (relabel: scratch); returns k.
NodeId compact_labels(std::vector<NodeId>& part, std::vector<NodeId>& relabel) {
  relabel.assign(part.size(), kStay);
  NodeId k = 0;
  for (NodeId& c : part) {
    if (relabel[c] == kStay) relabel[c] = k++;
    c = relabel[c];
  }
  return k;
}

/// Level 0: a view of the input rows, with the node weights of the objective, and for the
/// spatial null each node's strength at its site.
void base_level(const WeightedCsr& graph, Objective objective, const SpatialNull* null, LevelGraph& g) {
  g.n = graph.node_count();
  g.row_begin = graph.offsets.data();
  g.row_end = graph.offsets.data() + 1;
  g.targets = graph.targets.data();
  g.weights = graph.weights.data();
  g.loop.assign(g.n, 0.0);
  g.node_weight.assign(g.n, 1.0);
  if (objective != Objective::cpm) {
#pragma omp parallel for schedule(static) if (g.n >= kParallelThreshold)
    for (NodeId v = 0; v < g.n; ++v) {
      double strength = 0;
      for (EdgeId e = g.row_begin[v]; e < g.row_end[v]; ++e) strength += g.weights[e];
      g.node_weight[v] = strength;
    }
  }
  g.hist_begin.clear();
  g.hist.clear();
  g.self_null.clear();
  if (null) {
    g.hist_begin.assign(static_cast<std::size_t>(g.n) + 1, 0);
    g.self_null.assign(g.n, 0.0);
    for (NodeId v = 0; v < g.n; ++v) {
      const double strength = g.node_weight[v];
      g.hist_begin[v + 1] = g.hist_begin[v];
      if (strength <= 0) continue;  // a node without links has no weight in the null
      const std::uint32_t site = null->site_of(v);
      g.hist.push_back({site, 1, strength});
      ++g.hist_begin[v + 1];
      g.self_null[v] = strength * strength * null->kernel(site, site);
    }
  }
}

double quality_of(const WeightedCsr& graph, const Membership& membership, const LeidenOptions& options,
                  const SpatialNull* null) {
  switch (options.objective) {
    case Objective::cpm:
      return cpm_quality(graph, membership, options.resolution);
    case Objective::spatial_modularity:
      return spatial_modularity(graph, membership, *null, options.resolution);
    case Objective::modularity:
      break;
  }
  return modularity(graph, membership, options.resolution);
}

/// Modularity or CPM quality of partition comm (labels < g.size()) of a level, from the level
/// alone: its aggregate nodes carry the internal weight (loop) and node weight of their
/// members, so the quality of the induced node partition needs O(k + m_k), not O(n + m).
/// two_m: the input's total weight. Sums run serially in node order (thread-independent).
double level_quality(const LevelGraph& g, const std::vector<NodeId>& comm, Objective objective, double resolution,
                     double two_m) {
  const NodeId k = g.size();
  std::vector<double> weight(k, 0.0);
  double inside_twice = 0;
  for (NodeId v = 0; v < k; ++v) {
    weight[comm[v]] += g.node_weight[v];
    double same = 2 * g.loop[v];
    for (EdgeId e = g.row_begin[v]; e < g.row_end[v]; ++e)
      if (comm[g.targets[e]] == comm[v]) same += g.weights[e];
    inside_twice += same;
  }
  double squares = 0;
  if (objective == Objective::cpm) {
    for (double w : weight) squares += w * (w - 1) / 2;  // node counts: n_c (n_c - 1) / 2
    return inside_twice / 2 - resolution * squares;
  }
  if (two_m <= 0) return 0.0;
  for (double w : weight) squares += w * w;
  return inside_twice / two_m - resolution * squares / (two_m * two_m);
}

struct MultilevelRun {
  std::vector<NodeId> labels;  // per node; empty when the run was abandoned
  int levels = 0;
  double quality = 0;  // modularity or CPM of labels (not computed for the spatial null)
};

/// One multilevel run from the start partition, level 0 being a copy of base (base_level of
/// graph). With abandon_at_most set, the run stops after local moving on the node level (and
/// returns no labels) when that moving left the quality at or below it; the caller then keeps
/// its previous result.
MultilevelRun multilevel(const WeightedCsr& graph, const LevelGraph& base, const LeidenOptions& options, double r,
                         double two_m, const std::vector<NodeId>& start, std::uint64_t seed, Engine& engine,
                         const SpatialNull* null, std::optional<double> abandon_at_most) {
  const NodeId n = graph.node_count();
  LeidenWorkspace::Buffers& work = engine.buffers();
  const LevelGraph* level = &base;
  std::vector<NodeId>& comm = work.comm;
  comm.assign(start.begin(), start.end());
  std::vector<NodeId>& node_of = work.node_of;  // original node -> node of the current level
  node_of.resize(n);
  std::iota(node_of.begin(), node_of.end(), NodeId{0});
  std::vector<NodeId>&order = work.order, &local = work.local, &grouping = work.grouping, &next = work.next;
  MultilevelRun run;
  for (; run.levels < kMaxLevels; ++run.levels) {
    random_order(level->size(), seed + 0x51ED27ull * (run.levels + 1), order);
    const std::uint64_t moves = engine.move_nodes(*level, r, order, comm);
    if (run.levels == 0 && abandon_at_most &&
        (moves == 0 || quality_of(graph, Membership(comm.begin(), comm.end()), options, null) <= *abandon_at_most))
      return {};
    local.assign(comm.begin(), comm.end());
    const NodeId community_count = compact_labels(local, work.relabel);
    if (community_count == level->size()) break;
    std::vector<double> refined_self_null;  // spatial refinement: P(s, s) by representative
    if (!options.refine)
      grouping.assign(local.begin(), local.end());
    else if (null)
      grouping = engine.refine_spatial(*level, r, order, local, community_count, refined_self_null);
    else
      engine.refine(*level, r, order, local, community_count, grouping);
    const std::vector<NodeId> representative = null && options.refine ? grouping : std::vector<NodeId>();
    const NodeId k = compact_labels(grouping, work.relabel);
    next.resize(k);
    if (options.refine) {
      for (NodeId v = 0; v < level->size(); ++v) next[grouping[v]] = local[v];
    } else {
      std::iota(next.begin(), next.end(), NodeId{0});
    }
#pragma omp parallel for schedule(static) if (n >= kParallelThreshold)
    for (NodeId u = 0; u < n; ++u) node_of[u] = grouping[node_of[u]];
    LevelGraph& coarse = work.levels[run.levels % 2];  // never *level: that is base or the other
    engine.aggregate(*level, grouping, k, engine.store_for(run.levels), coarse);
    if (null) {
      std::vector<double> self_null;
      if (options.refine) {
        self_null.resize(k);
        for (NodeId v = 0; v < level->size(); ++v)
          if (representative[v] == v) self_null[grouping[v]] = refined_self_null[v];
      }
      engine.aggregate_histograms(*level, grouping, k, options.refine ? &self_null : nullptr, coarse);
    }
    level = &coarse;
    comm.swap(next);
  }
  run.labels.resize(n);
  for (NodeId u = 0; u < n; ++u) run.labels[u] = comm[node_of[u]];
  if (!null) run.quality = level_quality(*level, comm, options.objective, options.resolution, two_m);
  return run;
}

}  // namespace

LeidenResult leiden(const WeightedCsr& graph, const LeidenOptions& options, const Progress& progress) {
  LeidenWorkspace workspace;
  return leiden(graph, options, progress, workspace);
}

LeidenResult leiden(const WeightedCsr& graph, const LeidenOptions& options, const Progress& progress,
                    LeidenWorkspace& workspace) {
  const NodeId n = graph.node_count();
  if (!(options.resolution >= 0) || !std::isfinite(options.resolution))
    throw UsageError("resolution must be a finite number >= 0");
  if (!(options.pass_stop_fraction >= 0 && options.pass_stop_fraction <= 1))
    throw UsageError("pass_stop_fraction must lie in [0, 1]");
  LeidenResult result;
  std::vector<NodeId> start(n);
  if (options.initial) {
    if (options.initial->size() != n) throw UsageError("initial membership size differs from node count");
    std::vector<std::int64_t> labels(*options.initial);
    std::sort(labels.begin(), labels.end());
    labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
    if (!labels.empty() && labels.front() < 0) throw UsageError("initial membership holds a negative label");
    for (NodeId v = 0; v < n; ++v)
      start[v] = static_cast<NodeId>(std::lower_bound(labels.begin(), labels.end(), (*options.initial)[v]) - labels.begin());
  } else {
    std::iota(start.begin(), start.end(), NodeId{0});
  }
  std::optional<SpatialNull> spatial;
  if (options.objective == Objective::spatial_modularity) {
    if (!options.deterrence) throw UsageError("the spatial modularity needs a deterrence function");
    if (options.coordinates.lat.size() != n || options.coordinates.lon.size() != n)
      throw UsageError("coordinates differ in size from the graph");
    spatial.emplace(options.coordinates, *options.deterrence);
    spatial->tabulate();
  }
  const SpatialNull* null = spatial ? &*spatial : nullptr;
  const LevelGraph& base = workspace.buffers().base;
  base_level(graph, options.objective, null, workspace.buffers().base);
  // 2m as the sum of the strengths just computed in parallel (in node order: thread-independent),
  // rather than a serial pass over all m entries.
  const double two_m = options.objective == Objective::cpm
                           ? 0.0
                           : std::accumulate(base.node_weight.begin(), base.node_weight.end(), 0.0);
  const double r = options.objective != Objective::modularity ? options.resolution
                   : two_m > 0                                ? options.resolution / two_m
                                                              : 0.0;
  Engine engine(options, null, workspace.buffers());
  // The first iteration's result is always taken, so the start partition's quality is never
  // needed.
  const int cap = options.max_iterations > 0 ? options.max_iterations : std::numeric_limits<int>::max();
  for (int iteration = 0; iteration < cap; ++iteration) {
    progress.report(options.refine ? "leiden" : "louvain", 0.0);
    std::optional<double> abandon_at_most;
    if (iteration > 0) abandon_at_most = result.quality + options.tolerance * std::abs(result.quality);
    MultilevelRun run =
        multilevel(graph, base, options, r, two_m, start, options.seed * 0x2545F4914F6CDD1Dull + iteration, engine, null,
                   abandon_at_most);
    result.iterations = iteration + 1;
    if (run.labels.empty()) break;
    Membership candidate(run.labels.begin(), run.labels.end());
    const double quality = n == 0 ? 0.0 : null ? quality_of(graph, candidate, options, null) : run.quality;
    const double gain = quality - result.quality;
    if (iteration == 0 || gain > 0) {
      result.membership = std::move(candidate);
      result.quality = quality;
      result.levels = run.levels;
      start = std::move(run.labels);
    }
    if (iteration > 0 && gain <= options.tolerance * std::abs(result.quality)) break;
  }
  result.community_count = canonical_relabel(result.membership);
  progress.report(options.refine ? "leiden" : "louvain", 1.0);
  return result;
}

LeidenResult louvain(const WeightedCsr& graph, LeidenOptions options, const Progress& progress) {
  options.refine = false;
  return leiden(graph, options, progress);
}

}  // namespace firmnet::community
