// Small text helpers shared by the importers (CSV, GraphML, edge lists): trimming, header
// normalisation, strict number parsing and quoting values in error messages.
#pragma once
#include <algorithm>
#include <charconv>
#include <string>
#include <string_view>
#include <vector>

namespace firmnet::text {

/// s without leading and trailing spaces, tabs, CR and LF. O(length).
inline std::string_view trim(std::string_view s) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

/// A column or key name for matching: trimmed, ASCII lower case, ' ' and '-' read as '_'.
/// O(length).
inline std::string normalise_name(std::string_view s) {
  std::string out;
  for (char c : trim(s)) {
    if (c == ' ' || c == '-') c = '_';
    out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  }
  return out;
}

/// Optimal string alignment distance (Levenshtein with adjacent transpositions, each edit
/// costing 1) between two byte strings: "prak" and "park" are 1 apart. O(|a| |b|).
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

/// The whole (trimmed) text as a double, with an optional leading '+'. No partial matches.
/// O(length).
inline bool parse_double(std::string_view s, double& out) {
  s = trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return !s.empty() && ec == std::errc{} && ptr == s.data() + s.size();
}

/// The whole (trimmed) text as an integer. No partial matches. O(length).
inline bool parse_int(std::string_view s, long long& out) {
  s = trim(s);
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return !s.empty() && ec == std::errc{} && ptr == s.data() + s.size();
}

/// 'value' for an error message, cut at 60 bytes. O(1).
inline std::string quoted(std::string_view s) {
  constexpr std::size_t kMax = 60;
  if (s.size() > kMax) return "'" + std::string(s.substr(0, kMax)) + "...'";
  return "'" + std::string(s) + "'";
}

}  // namespace firmnet::text
