#include "report/text_table.hpp"

#include <cmath>
#include <cstdio>

namespace firmnet::report {

namespace {

// Display width of UTF-8 text: East Asian wide and fullwidth characters take two columns.
std::size_t display_width(std::string_view s) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::uint32_t cp = c;
    int len = 1;
    if (c >= 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else if (c >= 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xC0) {
      len = 2;
      cp = c & 0x1F;
    }
    for (int k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    width += wide ? 2 : 1;
  }
  return width;
}

bool looks_numeric(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || c == '.' || c == ',' || c == '-' || c == '+' || c == 'e' || c == '%'))
      return false;
  return true;
}

}  // namespace

void TextTable::print(std::ostream& out, std::string_view indent) const {
  std::vector<std::size_t> widths(header_.size(), 0);
  for (std::size_t c = 0; c < header_.size(); ++c) widths[c] = display_width(header_[c]);
  for (const auto& row : rows_)
    for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c)
      widths[c] = std::max(widths[c], display_width(row[c]));
  auto print_row = [&](const std::vector<std::string>& row, bool is_header) {
    out << indent;
    for (std::size_t c = 0; c < widths.size(); ++c) {
      const std::string cell = c < row.size() ? row[c] : "";
      const std::size_t pad = widths[c] - display_width(cell);
      const bool right = !is_header && looks_numeric(cell);
      if (right) out << std::string(pad, ' ') << cell;
      else out << cell << (c + 1 < widths.size() ? std::string(pad, ' ') : "");
      if (c + 1 < widths.size()) out << "  ";
    }
    out << '\n';
  };
  print_row(header_, true);
  std::size_t total = 0;
  for (std::size_t w : widths) total += w;
  out << indent << std::string(total + 2 * (widths.empty() ? 0 : widths.size() - 1), '-') << '\n';
  for (const auto& row : rows_) print_row(row, false);
}

std::string format_number(double v, int digits) {
  if (!std::isfinite(v)) return "-";
  if (v == std::round(v) && std::fabs(v) < 1e15) return format_count(static_cast<std::uint64_t>(std::fabs(v))).insert(0, v < 0 ? "-" : "");
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", digits, v);
  return buf;
}

std::string format_count(std::uint64_t v) {
  std::string digits = std::to_string(v);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace firmnet::report
