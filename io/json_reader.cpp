// Recursive-descent JSON parser (RFC 8259 grammar) with line tracking for messages.
// O(length); recursion depth bounded by kMaxDepth.
#include "io/json_reader.hpp"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>

#include "graph/errors.hpp"
#include "io/csv_reader.hpp"

namespace firmnet {

namespace {

constexpr int kMaxDepth = 512;

class Parser {
 public:
  Parser(std::string_view text, const std::string& source) : text_(text), source_(source) {}

  JsonValue document() {
    skip_space();
    JsonValue root = value(0);
    skip_space();
    if (pos_ < text_.size()) fail("unexpected text after the JSON value");
    return root;
  }

 private:
  [[noreturn]] void fail(const std::string& reason) const {
    throw DataError(source_ + ":" + std::to_string(line_) + ": " + reason);
  }

  void skip_space() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '\n') ++line_;
      else if (c != ' ' && c != '\t' && c != '\r') return;
      ++pos_;
    }
  }

  void expect_literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) fail("invalid literal (expected '" + std::string(word) + "')");
    pos_ += word.size();
  }

  JsonValue value(int depth) {
    if (depth > kMaxDepth) fail("nesting deeper than " + std::to_string(kMaxDepth) + " levels");
    if (pos_ >= text_.size()) fail("unexpected end of file");
    JsonValue v;
    v.line = line_;
    const char c = text_[pos_];
    if (c == '{') {
      v.kind = JsonValue::Kind::object;
      ++pos_;
      skip_space();
      if (consume('}')) return v;
      for (;;) {
        skip_space();
        if (pos_ >= text_.size() || text_[pos_] != '"') fail("expected a member name in quotes");
        std::string key = string_literal();
        skip_space();
        if (!consume(':')) fail("expected ':' after member name \"" + key + "\"");
        skip_space();
        v.member_names.push_back(std::move(key));
        v.member_values.push_back(value(depth + 1));
        skip_space();
        if (consume('}')) return v;
        if (!consume(',')) fail("expected ',' or '}' in an object");
      }
    }
    if (c == '[') {
      v.kind = JsonValue::Kind::array;
      ++pos_;
      skip_space();
      if (consume(']')) return v;
      for (;;) {
        skip_space();
        v.items.push_back(value(depth + 1));
        skip_space();
        if (consume(']')) return v;
        if (!consume(',')) fail("expected ',' or ']' in an array");
      }
    }
    if (c == '"') {
      v.kind = JsonValue::Kind::string;
      v.text = string_literal();
      return v;
    }
    if (c == 't' || c == 'f') {
      v.kind = JsonValue::Kind::boolean;
      v.boolean = c == 't';
      expect_literal(v.boolean ? "true" : "false");
      return v;
    }
    if (c == 'n') {
      expect_literal("null");
      return v;
    }
    v.kind = JsonValue::Kind::number;
    v.number = number_literal();
    return v;
  }

  bool consume(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  double number_literal() {
    // RFC 8259: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
    const std::size_t begin = pos_;
    auto digits = [&] {
      const std::size_t from = pos_;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
      return pos_ - from;
    };
    consume('-');
    const std::size_t int_start = pos_;
    const std::size_t int_digits = digits();
    if (int_digits == 0) fail("unexpected character '" + std::string(1, text_[begin]) + "'");
    if (int_digits > 1 && text_[int_start] == '0') fail("a number must not start with 0");
    if (consume('.') && digits() == 0) fail("digits expected after '.'");
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      if (!consume('+')) consume('-');
      if (digits() == 0) fail("digits expected in the exponent");
    }
    double number = 0;
    const auto [end, error] = std::from_chars(text_.data() + begin, text_.data() + pos_, number);
    if (error != std::errc() || end != text_.data() + pos_)
      fail("number out of range: " + std::string(text_.substr(begin, pos_ - begin)));
    return number;
  }

  unsigned hex4() {
    if (pos_ + 4 > text_.size()) fail("incomplete \\u escape");
    unsigned code = 0;
    for (int i = 0; i < 4; ++i) {
      const char h = text_[pos_++];
      code <<= 4;
      if (h >= '0' && h <= '9') code |= static_cast<unsigned>(h - '0');
      else if (h >= 'a' && h <= 'f') code |= static_cast<unsigned>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') code |= static_cast<unsigned>(h - 'A' + 10);
      else fail("invalid \\u escape");
    }
    return code;
  }

  std::string string_literal() {
    ++pos_;  // opening quote
    std::string out;
    for (;;) {
      if (pos_ >= text_.size()) fail("unterminated string");
      const char c = text_[pos_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) fail("control character in a string (escape it)");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size()) fail("unterminated string");
      switch (text_[pos_++]) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned code = hex4();
          if (code >= 0xD800 && code < 0xDC00) {
            if (text_.substr(pos_, 2) != "\\u") fail("unpaired surrogate in a \\u escape");
            pos_ += 2;
            const unsigned low = hex4();
            if (low < 0xDC00 || low >= 0xE000) fail("unpaired surrogate in a \\u escape");
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
          } else if (code >= 0xDC00 && code < 0xE000) {
            fail("unpaired surrogate in a \\u escape");
          }
          append_utf8(out, code);
          break;
        }
        default: fail("invalid escape in a string");
      }
    }
  }

  std::string_view text_;
  const std::string& source_;
  std::size_t pos_ = 0;
  std::uint64_t line_ = 1;
};

}  // namespace

const JsonValue* JsonValue::find(std::string_view key) const {
  for (std::size_t i = 0; i < member_names.size(); ++i)
    if (member_names[i] == key) return &member_values[i];
  return nullptr;
}

std::string_view JsonValue::kind_name() const {
  switch (kind) {
    case Kind::null: return "null";
    case Kind::boolean: return "boolean";
    case Kind::number: return "number";
    case Kind::string: return "string";
    case Kind::array: return "array";
    case Kind::object: return "object";
  }
  return "";
}

JsonValue parse_json(std::string_view text, const std::string& source) { return Parser(text, source).document(); }

JsonValue read_json_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(path + ": cannot open: " + std::strerror(errno));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw DataError(path + ": cannot read");
  std::string text = std::move(buffer).str();
  std::string_view view(text);
  if (view.substr(0, 3) == "\xEF\xBB\xBF") view.remove_prefix(3);
  if (!is_valid_utf8(view)) throw DataError(path + ": invalid UTF-8 (firmnet reads JSON in UTF-8 only)");
  return parse_json(view, path);
}

}  // namespace firmnet
