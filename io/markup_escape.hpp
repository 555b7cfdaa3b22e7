// Escaping text for XML and HTML (the GraphML and GEXF exports, the HTML report): one entity
// set serves both, since HTML5 knows every XML predefined entity.
#pragma once
#include <string>
#include <string_view>

namespace firmnet {

/// Appends text escaped for XML or HTML content and attribute values: & < > " ' as entities,
/// tab and line ends as character references (so they survive attribute normalisation), other
/// control characters (not representable in XML 1.0) as U+FFFD. O(length).
void append_xml_escaped(std::string& out, std::string_view text);

}  // namespace firmnet
