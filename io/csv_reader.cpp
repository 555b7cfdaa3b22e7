#include "io/csv_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/stat.h>

#include "graph/errors.hpp"

namespace firmnet {

namespace {
constexpr std::size_t kChunkBytes = 1u << 20;
}

CsvReader::CsvReader(std::string path, char delimiter, std::size_t max_record_bytes)
    : path_(std::move(path)), delimiter_(delimiter), max_record_bytes_(max_record_bytes) {
  struct stat st {};
  if (::stat(path_.c_str(), &st) != 0)
    throw DataError(path_ + ": cannot open: " + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) throw DataError(path_ + ": is a directory, not a CSV file");
  // No larger than a regular file needs (one byte more, to see EOF in the first read): small
  // files are common (surveys, tests, fuzz inputs) and a fresh 1 MiB costs 256 page faults.
  const auto file_bytes = static_cast<std::uint64_t>(st.st_size);
  buf_.resize(S_ISREG(st.st_mode) ? static_cast<std::size_t>(std::clamp<std::uint64_t>(file_bytes + 1, 4096, kChunkBytes))
                                  : kChunkBytes);
  file_ = std::fopen(path_.c_str(), "rb");
  if (!file_) throw DataError(path_ + ": cannot open: " + std::strerror(errno));
  file_size_ = static_cast<std::uint64_t>(st.st_size);
  fill();
  if (end_ >= 3 && std::memcmp(buf_.data(), "\xEF\xBB\xBF", 3) == 0) pos_ = 3;  // UTF-8 BOM
  if (delimiter_ == 0) detect_delimiter();
}

CsvReader::~CsvReader() {
  if (file_) std::fclose(file_);
}

bool CsvReader::fill() {
  consumed_ += pos_;
  // Keep nothing: records are copied into record_ as they are parsed.
  end_ = std::fread(buf_.data(), 1, buf_.size(), file_);
  pos_ = 0;
  if (end_ == 0 && std::ferror(file_)) fail(line_, std::string("read error: ") + std::strerror(errno));
  return end_ > 0;
}

void CsvReader::resume_at(std::uint64_t offset, std::uint64_t line) {
  if (std::fseek(file_, static_cast<long>(offset), SEEK_SET) != 0)
    fail(line, std::string("seek error: ") + std::strerror(errno));
  consumed_ = offset;
  pos_ = end_ = 0;
  line_ = line;
}

int CsvReader::peek_byte() {
  if (pos_ == end_ && !fill()) return -1;
  return static_cast<unsigned char>(buf_[pos_]);
}

void CsvReader::detect_delimiter() {
  std::size_t commas = 0, tabs = 0;
  bool quoted = false;
  for (std::size_t i = pos_; i < end_; ++i) {
    const char c = buf_[i];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    commas += c == ',';
    tabs += c == '\t';
  }
  delimiter_ = tabs > commas ? '\t' : ',';
}

void CsvReader::fail(std::uint64_t line, const std::string& message) const {
  throw DataError(path_ + ":" + std::to_string(line) + ": " + message);
}

bool CsvReader::next(std::vector<std::string_view>& fields) {
  for (;;) {
    record_.clear();
    field_ends_.clear();
    problem_ = {};
    record_line_ = line_;
    int c = peek_byte();
    if (c < 0) return false;

    // Parse one record. States: at field start, in unquoted field, in quoted field.
    bool at_field_start = true, in_quotes = false, after_closing_quote = false;
    std::uint64_t quote_line = 0;
    for (;;) {
      if (pos_ == end_ && !fill()) {
        if (in_quotes)
          fail(quote_line, "unterminated quoted field (the closing '\"' is missing; it runs to the end of the file)");
        break;
      }
      // Fast path: copy a run of ordinary bytes at once.
      if (!in_quotes) {
        std::size_t run = pos_;
        while (run < end_) {
          const char ch = buf_[run];
          if (ch == delimiter_ || ch == '\n' || ch == '\r' || ch == '"') break;
          ++run;
        }
        if (run > pos_) {
          if (after_closing_quote && !has_problem())
            problem_ = {"bad_quoting", "text after a closing quote"};
          record_.append(buf_.data() + pos_, run - pos_);
          pos_ = run;
          at_field_start = false;
          if (record_.size() > max_record_bytes_)
            fail(record_line_, "record longer than " + std::to_string(max_record_bytes_) + " bytes");
          continue;
        }
      }
      const char ch = buf_[pos_++];
      if (in_quotes) {
        if (ch == '"') {
          if (peek_byte() == '"') {
            record_.push_back('"');
            ++pos_;
          } else {
            in_quotes = false;
            after_closing_quote = true;
          }
        } else {
          if (ch == '\n') ++line_;
          if (ch == '\r' && peek_byte() != '\n') ++line_;
          record_.push_back(ch);
          if (record_.size() > max_record_bytes_)
            fail(quote_line, "quoted field longer than " + std::to_string(max_record_bytes_) +
                                 " bytes (probably an unbalanced quote)");
        }
        continue;
      }
      if (ch == delimiter_) {
        field_ends_.push_back(record_.size());
        at_field_start = true;
        after_closing_quote = false;
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r' && peek_byte() == '\n') ++pos_;
        ++line_;
        break;
      } else {  // ch == '"'
        if (at_field_start) {
          in_quotes = true;
          quote_line = line_;
          at_field_start = false;
        } else {
          if (!has_problem()) problem_ = {"bad_quoting", "quote character inside an unquoted field"};
          record_.push_back(ch);
        }
      }
    }
    field_ends_.push_back(record_.size());
    if (field_ends_.size() == 1 && record_.empty() && !after_closing_quote) continue;  // blank line

    fields.clear();
    std::size_t start = 0;
    for (std::size_t e : field_ends_) {
      fields.emplace_back(record_.data() + start, e - start);
      start = e;
    }
    if (!has_problem() && !is_valid_utf8(record_)) problem_ = {"invalid_utf8", "the record is not valid UTF-8"};
    return true;
  }
}

bool is_valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    // Skip ASCII eight bytes at a time.
    while (end - p >= 8) {
      std::uint64_t w;
      std::memcpy(&w, p, 8);
      if (w & 0x8080808080808080ULL) break;
      p += 8;
    }
    if (p == end) break;
    const unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int len;
    std::uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (end - p < len) return false;
    for (int i = 1; i < len; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    static constexpr std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    p += len;
  }
  return true;
}

}  // namespace firmnet
