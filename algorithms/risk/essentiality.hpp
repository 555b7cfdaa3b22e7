// Essentiality of inputs by (supplier industry, customer industry), for the generalized
// Leontief production function of Diem, Borsos, Reisch, Kertész & Thurner, "Quantifying
// firm-level economic systemic risk from nation-wide supply networks", Sci. Rep. 12:7719
// (2022). The paper rates, per pair of industries, whether an input is essential (production
// stops without it) or not (production falls linearly with it); docs/risk.md.
//
// A table row is (supplier industry code, customer industry code, value), value 0 (not
// essential), 1 (essential) or a share in between (see production_network.hpp for how a
// share enters the production function). A pair of firm industries takes the rule whose two
// codes are prefixes of the firms' codes (after dropping '.', ' ' and '-') with the most
// detailed match: the largest total prefix length, then the longer supplier prefix. An empty
// code in the table matches every industry. A pair no rule matches is not essential.
// Complexity: parsing O(text); matching O(rules) per distinct pair of industries.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace firmnet::risk {

struct EssentialityRule {
  std::string supplier_industry;  // normalised code prefix ("" = any)
  std::string customer_industry;
  double essential = 0;  // in [0, 1]
};

struct EssentialityTable {
  std::vector<EssentialityRule> rules;
};

/// One row as a rule, or nullopt for a header row (first row whose value is not a number).
/// Throws DataError prefixed with `where` for a value that is not a number in [0, 1]. O(length).
std::optional<EssentialityRule> essentiality_rule(std::string_view supplier, std::string_view customer,
                                                  std::string_view value, bool first_row, const std::string& where);

/// Parses CSV text (unquoted fields; io/essentiality_table.hpp reads files): supplier industry, customer industry, essential (0/1 or a share in
/// [0, 1]); an optional header line (its third field not a number) is skipped, as are blank
/// lines. Throws DataError naming the line for a row without three fields or a value outside
/// [0, 1]. O(length).
EssentialityTable parse_essentiality_csv(std::string_view text);


/// The essential share of inputs from `supplier` industry to `customer` industry (codes as
/// stored; normalised here), or -1 when no rule matches. O(rules).
double match_essentiality(const EssentialityTable& table, std::string_view supplier, std::string_view customer);

}  // namespace firmnet::risk
