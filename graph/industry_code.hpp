// Industry codes as tables match them: "C13.1", "C 131" and "C13-1" are the same code. Tables
// keyed by industry (cluster categories, input essentiality) match a firm's code by prefix, so
// a row may name a section, a division or a class.
#pragma once
#include <string>
#include <string_view>

namespace firmnet {

/// code without '.', ' ' and '-'. O(length).
inline std::string normalised_industry(std::string_view code) {
  std::string out;
  out.reserve(code.size());
  for (const char c : code)
    if (c != '.' && c != ' ' && c != '-') out += c;
  return out;
}

}  // namespace firmnet
