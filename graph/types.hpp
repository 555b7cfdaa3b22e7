// Node kinds and relation types of the firm-linkage model (docs/CONCEPTS.md §3).
// Both are small closed vocabularies stored as one byte per node or edge; their names are the
// strings users write in CSV files and see in HDF5 dictionaries.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace firmnet {

using NodeId = std::uint32_t;  // dense node index, 0..n-1
using EdgeId = std::uint64_t;  // dense edge index in CSR (source-major) order

enum class NodeKind : std::uint8_t {
  firm,
  university,
  research_institute,
  association,
  service_platform,
  financial,
  government,
  intermediary,
  market,
  other,
};
inline constexpr std::size_t kNodeKindCount = 10;

// Direction follows the flow: supply runs supplier -> customer, finance lender -> firm, etc.
enum class RelationType : std::uint8_t {
  supply,
  subcontract,
  ownership,
  cooperation,
  technology,
  finance,
  service,
  membership,
  labor,
};
inline constexpr std::size_t kRelationTypeCount = 9;

/// Canonical name of a kind, e.g. "research_institute". O(1).
std::string_view node_kind_name(NodeKind kind);
/// Canonical name of a relation type, e.g. "supply". O(1).
std::string_view relation_type_name(RelationType type);

/// Parses a kind name or documented alias (case-insensitive, '-' and ' ' read as '_').
/// Returns nullopt for an unknown word. O(length).
std::optional<NodeKind> parse_node_kind(std::string_view text);
/// Parses a relation type name or documented alias; nullopt when unknown. O(length).
std::optional<RelationType> parse_relation_type(std::string_view text);

/// All kind names in code order (the HDF5 dictionary of /nodes/kind). O(1).
const std::array<std::string_view, kNodeKindCount>& node_kind_names();
/// All relation type names in code order (the HDF5 dictionary of /edges/type). O(1).
const std::array<std::string_view, kRelationTypeCount>& relation_type_names();

}  // namespace firmnet
