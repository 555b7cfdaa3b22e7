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

CsvReader::CsvReader(std::string path, char delimiter, std::size_t max_record_bytes, const std::string& encoding)
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
  const std::string canonical = canonical_encoding(encoding);
  if (canonical != "utf-8") {
    transcoder_ = std::make_unique<Utf8Transcoder>(canonical);
    raw_.resize(buf_.size());
    read_raw();
  } else {
    fill();
  }
  // The first bytes, as in the file, tell a spreadsheet or a binary format from text.
  const std::string_view head = transcoder_ ? std::string_view(raw_.data(), raw_end_) : std::string_view(buf_.data(), end_);
  if (const std::string reason = not_csv_reason(head.substr(0, 16)); !reason.empty()) throw DataError(path_ + ": " + reason);
  if (transcoder_) fill();
  if (end_ >= 3 && std::memcmp(buf_.data(), "\xEF\xBB\xBF", 3) == 0) pos_ = 3;  // UTF-8 BOM
  if (delimiter_ == 0) detect_delimiter();
}

CsvReader::~CsvReader() {
  if (file_) std::fclose(file_);
}

bool CsvReader::fill() {
  if (transcoder_) return fill_transcoded();
  consumed_ += pos_;
  // Keep nothing: records are copied into record_ as they are parsed.
  end_ = std::fread(buf_.data(), 1, buf_.size(), file_);
  pos_ = 0;
  if (end_ == 0 && std::ferror(file_)) fail(line_, std::string("read error: ") + std::strerror(errno));
  return end_ > 0;
}

bool CsvReader::read_raw() {
  const std::size_t tail = raw_end_ - raw_pos_;
  std::memmove(raw_.data(), raw_.data() + raw_pos_, tail);
  raw_pos_ = 0;
  raw_end_ = tail;
  const std::size_t got = std::fread(raw_.data() + tail, 1, raw_.size() - tail, file_);
  if (got == 0 && std::ferror(file_)) fail(line_, std::string("read error: ") + std::strerror(errno));
  raw_end_ += got;
  raw_read_ += got;
  return got > 0;
}

// Converts file bytes into buf_ until some output exists; the line of a byte the encoding
// lacks is the current line plus the line ends converted before it.
bool CsvReader::fill_transcoded() {
  consumed_ += pos_;
  pos_ = end_ = 0;
  bool incomplete = false;
  while (end_ == 0) {
    if ((raw_pos_ == raw_end_ || incomplete) && !read_raw()) {
      if (raw_pos_ < raw_end_)
        fail(line_, "the file ends inside a character (not valid " + transcoder_->encoding() + " text; check --encoding)");
      return false;
    }
    const auto stop = transcoder_->convert(raw_.data(), raw_end_, raw_pos_, buf_.data(), buf_.size(), end_);
    incomplete = stop == Utf8Transcoder::Stop::incomplete;
    if (stop == Utf8Transcoder::Stop::invalid) {
      char byte[8];
      std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(raw_[raw_pos_]));
      fail(line_ + static_cast<std::uint64_t>(std::count(buf_.data(), buf_.data() + end_, '\n')),
           std::string("byte ") + byte + " is not valid " + transcoder_->encoding() + " text (check --encoding)");
    }
  }
  return true;
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
  static constexpr char kCandidates[] = {',', '\t', ';', '|'};  // a tie goes to the earlier one
  std::size_t counts[4] = {};
  bool quoted = false;
  for (std::size_t i = pos_; i < end_; ++i) {
    const char c = buf_[i];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    for (int k = 0; k < 4; ++k) counts[k] += c == kCandidates[k];
  }
  delimiter_ = kCandidates[std::max_element(counts, counts + 4) - counts];
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

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
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
