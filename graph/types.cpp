#include "graph/types.hpp"

#include <algorithm>
#include <utility>

namespace firmnet {
namespace {

constexpr std::array<std::string_view, kNodeKindCount> kKindNames = {
    "firm",      "university", "research_institute", "association", "service_platform",
    "financial", "government", "intermediary",       "market",      "other"};

constexpr std::array<std::string_view, kRelationTypeCount> kTypeNames = {
    "supply", "subcontract", "ownership", "cooperation", "technology",
    "finance", "service",    "membership", "labor"};

// Aliases accepted on import, documented in docs/FORMAT.md ("Vocabularies").
constexpr std::pair<std::string_view, NodeKind> kKindAliases[] = {
    {"company", NodeKind::firm},
    {"enterprise", NodeKind::firm},
    {"institute", NodeKind::research_institute},
    {"research", NodeKind::research_institute},
    {"chamber", NodeKind::association},
    {"platform", NodeKind::service_platform},
    {"service", NodeKind::service_platform},
    {"bank", NodeKind::financial},
    {"finance", NodeKind::financial},
    {"gov", NodeKind::government},
    {"agency", NodeKind::government},
    {"trader", NodeKind::intermediary},
    {"wholesale_market", NodeKind::market},
};

constexpr std::pair<std::string_view, RelationType> kTypeAliases[] = {
    {"supplies", RelationType::supply},
    {"trade", RelationType::supply},
    {"subcontracting", RelationType::subcontract},
    {"owns", RelationType::ownership},
    {"cooperate", RelationType::cooperation},
    {"cooperative", RelationType::cooperation},
    {"tech", RelationType::technology},
    {"technology_transfer", RelationType::technology},
    {"financial", RelationType::finance},
    {"loan", RelationType::finance},
    {"investment", RelationType::finance},
    {"member", RelationType::membership},
    {"labour", RelationType::labor},
};

std::string normalise(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '-' || c == ' ') c = '_';
    out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  }
  return out;
}

template <typename Enum, std::size_t N, std::size_t A>
std::optional<Enum> parse_with_aliases(std::string_view text,
                                       const std::array<std::string_view, N>& names,
                                       const std::pair<std::string_view, Enum> (&aliases)[A]) {
  for (std::size_t i = 0; i < N; ++i)  // exact canonical names first: the common case, no allocation
    if (names[i] == text) return static_cast<Enum>(i);
  const std::string key = normalise(text);
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == key) return static_cast<Enum>(i);
  for (const auto& [alias, value] : aliases)
    if (alias == key) return value;
  return std::nullopt;
}

}  // namespace

std::string_view node_kind_name(NodeKind kind) { return kKindNames[static_cast<std::size_t>(kind)]; }
std::string_view relation_type_name(RelationType type) {
  return kTypeNames[static_cast<std::size_t>(type)];
}
std::optional<NodeKind> parse_node_kind(std::string_view text) {
  return parse_with_aliases<NodeKind>(text, kKindNames, kKindAliases);
}
std::optional<RelationType> parse_relation_type(std::string_view text) {
  return parse_with_aliases<RelationType>(text, kTypeNames, kTypeAliases);
}
const std::array<std::string_view, kNodeKindCount>& node_kind_names() { return kKindNames; }
const std::array<std::string_view, kRelationTypeCount>& relation_type_names() { return kTypeNames; }

}  // namespace firmnet
