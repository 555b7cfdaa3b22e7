#include "io/xml_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "graph/errors.hpp"
#include "io/csv_reader.hpp"

namespace firmnet {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_name_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || std::isalnum(u) || c == '_' || c == ':' || c == '-' || c == '.';
}

}  // namespace

const std::string* XmlEvent::attribute(std::string_view key) const {
  for (const auto& [k, v] : attributes)
    if (k == key) return &v;
  return nullptr;
}

XmlReader::XmlReader(const std::string& path) : path_(path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(path + ": cannot open: " + std::strerror(errno));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw DataError(path + ": cannot read");
  text_ = std::move(buffer).str();
  skip_bom();
  check_utf8();
}

XmlReader::XmlReader(std::string text, std::string path) : text_(std::move(text)), path_(std::move(path)) {
  skip_bom();
  check_utf8();
}

void XmlReader::check_utf8() const {
  // Line by line: a multi-byte sequence never contains '\n', so this finds the first bad line.
  std::uint64_t line = 1;
  for (std::size_t begin = 0; begin < text_.size(); ++line) {
    const std::size_t end = std::min(text_.find('\n', begin), text_.size());
    if (!is_valid_utf8(std::string_view(text_).substr(begin, end - begin)))
      fail(line, "invalid UTF-8 (firmnet reads XML in UTF-8 only)");
    begin = end + 1;
  }
}

void XmlReader::skip_bom() {
  if (text_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
  // End-of-line handling (XML 1.0, 2.11): CR LF and lone CR read as LF.
  if (text_.find('\r') == std::string::npos) return;
  std::size_t out = 0;
  for (std::size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\r') {
      text_[out++] = '\n';
      if (i + 1 < text_.size() && text_[i + 1] == '\n') ++i;
    } else {
      text_[out++] = text_[i];
    }
  }
  text_.resize(out);
}

void XmlReader::fail(std::uint64_t line, const std::string& reason) const {
  throw DataError(path_ + ":" + std::to_string(line) + ": " + reason);
}

void XmlReader::advance_to(std::size_t end) {
  for (std::size_t i = pos_; i < end; ++i) line_ += text_[i] == '\n';
  pos_ = end;
}

void XmlReader::skip_spaces() {
  std::size_t end = pos_;
  while (end < text_.size() && is_space(text_[end])) ++end;
  advance_to(end);
}

std::string XmlReader::read_name() {
  const std::size_t begin = pos_;
  std::size_t end = pos_;
  while (end < text_.size() && is_name_char(text_[end])) ++end;
  if (end == begin) fail(line_, "expected a name");
  pos_ = end;
  return text_.substr(begin, end - begin);
}

void XmlReader::decode_into(std::string_view raw, std::string& out, std::uint64_t line, bool attribute) const {
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '\n') ++line;
    if (c != '&') {
      if (c == '<') fail(line, "'<' is not allowed here (write &lt;)");
      // Attribute-value normalisation (XML 1.0, 3.3.3): literal white space reads as a space.
      out.push_back(attribute && is_space(c) ? ' ' : c);
      continue;
    }
    const std::size_t semi = raw.find(';', i);
    if (semi == std::string_view::npos || semi - i > 12) fail(line, "unterminated entity reference");
    const std::string_view entity = raw.substr(i + 1, semi - i - 1);
    if (entity == "amp") out.push_back('&');
    else if (entity == "lt") out.push_back('<');
    else if (entity == "gt") out.push_back('>');
    else if (entity == "quot") out.push_back('"');
    else if (entity == "apos") out.push_back('\'');
    else if (entity.size() >= 2 && entity[0] == '#') {
      const bool hex = entity[1] == 'x';
      const std::string_view digits = entity.substr(hex ? 2 : 1);
      std::uint32_t cp = 0;
      bool valid = !digits.empty();
      for (char d : digits) {
        const int value = std::isdigit(static_cast<unsigned char>(d)) ? d - '0'
                          : hex && std::isxdigit(static_cast<unsigned char>(d))
                              ? std::tolower(static_cast<unsigned char>(d)) - 'a' + 10
                              : -1;
        if (value < 0 || cp > 0x10FFFF) {
          valid = false;
          break;
        }
        cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(value);
      }
      if (!valid || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        fail(line, "bad character reference '&" + std::string(entity) + ";'");
      append_utf8(out, cp);
    } else {
      fail(line, "unknown entity '&" + std::string(entity) + ";' (only &amp; &lt; &gt; &quot; &apos; and &#N;)");
    }
    i = semi;
  }
}

const XmlEvent& XmlReader::next() {
  if (pending_end_) {
    pending_end_ = false;
    event_.kind = XmlEvent::Kind::end_element;
    event_.attributes.clear();
    event_.self_closing = false;
    open_.pop_back();
    return event_;
  }
  while (true) {
    if (pos_ >= text_.size()) {
      if (!open_.empty()) fail(line_, "end of file inside <" + open_.back() + ">");
      if (!seen_root_) fail(line_, "no root element");
      event_ = XmlEvent{};
      event_.line = line_;
      return event_;
    }
    if (text_[pos_] == '<') {
      event_.kind = XmlEvent::Kind::end_of_document;  // set by the parse functions when they emit
      parse_markup();
      if (event_.kind != XmlEvent::Kind::end_of_document) return event_;
    } else {
      parse_text();
      if (event_.kind == XmlEvent::Kind::text) return event_;
    }
  }
}

void XmlReader::parse_text() {
  const std::uint64_t line = line_;
  std::size_t end = text_.find('<', pos_);
  if (end == std::string::npos) end = text_.size();
  const std::string_view raw(text_.data() + pos_, end - pos_);
  const bool blank = raw.find_first_not_of(" \t\r\n") == std::string_view::npos;
  if (open_.empty() && !blank) {
    const std::string_view before = raw.substr(0, raw.find_first_not_of(" \t\r\n"));
    fail(line + static_cast<std::uint64_t>(std::count(before.begin(), before.end(), '\n')), "text outside the root element");
  }
  event_ = XmlEvent{};
  event_.line = line;
  if (!open_.empty()) {
    event_.kind = XmlEvent::Kind::text;
    decode_into(raw, event_.text, line, false);
  } else {
    event_.kind = XmlEvent::Kind::end_of_document;
  }
  advance_to(end);
}

void XmlReader::parse_markup() {
  const std::uint64_t line = line_;
  if (starts_with("<!--")) {
    const std::size_t end = text_.find("-->", pos_ + 4);
    if (end == std::string::npos) fail(line, "unterminated comment");
    advance_to(end + 3);
  } else if (starts_with("<![CDATA[")) {
    if (open_.empty()) fail(line, "CDATA outside the root element");
    const std::size_t end = text_.find("]]>", pos_ + 9);
    if (end == std::string::npos) fail(line, "unterminated CDATA section");
    event_ = XmlEvent{};
    event_.kind = XmlEvent::Kind::text;
    event_.line = line;
    event_.text = text_.substr(pos_ + 9, end - pos_ - 9);
    advance_to(end + 3);
  } else if (starts_with("<?")) {
    const std::size_t end = text_.find("?>", pos_ + 2);
    if (end == std::string::npos) fail(line, "unterminated processing instruction");
    advance_to(end + 2);
  } else if (starts_with("<!DOCTYPE")) {
    const std::size_t end = text_.find('>', pos_);
    if (end == std::string::npos) fail(line, "unterminated DOCTYPE");
    if (text_.find('[', pos_) < end) fail(line, "DOCTYPE internal subsets are not supported");
    advance_to(end + 1);
  } else if (starts_with("</")) {
    parse_end_tag();
  } else {
    parse_start_tag();
  }
}

void XmlReader::parse_start_tag() {
  const std::uint64_t line = line_;
  ++pos_;
  event_ = XmlEvent{};
  event_.kind = XmlEvent::Kind::start_element;
  event_.line = line;
  event_.name = read_name();
  if (open_.empty() && seen_root_) fail(line, "a second root element <" + event_.name + ">");
  seen_keys_.clear();
  while (true) {
    const std::size_t before = pos_;
    skip_spaces();
    if (pos_ >= text_.size()) fail(line, "unterminated tag <" + event_.name + ">");
    if (starts_with("/>")) {
      pos_ += 2;
      event_.self_closing = true;
      pending_end_ = true;
      break;
    }
    if (text_[pos_] == '>') {
      ++pos_;
      break;
    }
    if (pos_ == before) fail(line_, "expected a space before an attribute in <" + event_.name + ">");
    const std::uint64_t attribute_line = line_;
    std::string key = read_name();
    skip_spaces();
    if (pos_ >= text_.size() || text_[pos_] != '=') fail(line_, "attribute '" + key + "' has no value");
    ++pos_;
    skip_spaces();
    if (pos_ >= text_.size() || (text_[pos_] != '"' && text_[pos_] != '\''))
      fail(line_, "the value of attribute '" + key + "' must be quoted");
    const char quote = text_[pos_];
    const std::size_t end = text_.find(quote, pos_ + 1);
    if (end == std::string::npos) fail(attribute_line, "unterminated value of attribute '" + key + "'");
    if (repeated_attribute(key)) fail(attribute_line, "attribute '" + key + "' appears twice");
    std::string value;
    decode_into(std::string_view(text_.data() + pos_ + 1, end - pos_ - 1), value, line_, true);
    advance_to(end + 1);
    event_.attributes.emplace_back(std::move(key), std::move(value));
  }
  open_.push_back(event_.name);
  seen_root_ = true;
}

bool XmlReader::repeated_attribute(const std::string& key) {
  // A scan for the usual handful of attributes; a hash set beyond, so that an element with a
  // million attributes stays linear.
  constexpr std::size_t kScanned = 16;
  if (event_.attributes.size() < kScanned) return event_.attribute(key) != nullptr;
  if (seen_keys_.empty())
    for (const auto& attribute : event_.attributes) seen_keys_.insert(attribute.first);
  return !seen_keys_.insert(key).second;
}

void XmlReader::parse_end_tag() {
  const std::uint64_t line = line_;
  pos_ += 2;
  std::string name = read_name();
  skip_spaces();
  if (pos_ >= text_.size() || text_[pos_] != '>') fail(line_, "expected '>' to close </" + name + ">");
  ++pos_;
  if (open_.empty() || open_.back() != name)
    fail(line, "</" + name + "> does not match " + (open_.empty() ? "any open element" : "<" + open_.back() + ">"));
  open_.pop_back();
  event_ = XmlEvent{};
  event_.kind = XmlEvent::Kind::end_element;
  event_.name = std::move(name);
  event_.line = line;
}

}  // namespace firmnet
