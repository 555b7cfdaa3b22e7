#include "io/text_encoding.hpp"

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <iconv.h>

#include "graph/errors.hpp"

namespace firmnet {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

// iconv's name of a canonical encoding.
const char* iconv_name(const std::string& encoding) {
  if (encoding == "gb18030") return "GB18030";
  if (encoding == "gbk") return "GBK";
  if (encoding == "big5") return "BIG5";
  if (encoding == "latin1") return "ISO-8859-1";
  return "UTF-8";
}

// How bytes decode in a two-byte encoding: whether they decode at all, the share of non-ASCII
// characters that are CJK (ideographs, CJK punctuation, full-width forms), the share of
// two-byte characters whose trail byte is >= 0x80, and the share that touch another multi-byte
// character (words: Chinese names run several characters; an accented Latin-1 letter stands
// between ASCII letters). The layout is GB18030's, which Big5 shares: a lead byte >= 0x81, then
// a trail byte; GB18030's four-byte forms have a digit second.
struct Decoding {
  bool valid = false;
  double cjk_share = 0, high_trail_share = 0, in_word_share = 0;
};

Decoding decode_as(const std::string& encoding, std::string_view bytes) {
  Decoding d;
  Utf8Transcoder transcoder(encoding);
  std::string out(4 * bytes.size() + 4, '\0');
  std::size_t in_used = 0, out_used = 0;
  if (transcoder.convert(bytes.data(), bytes.size(), in_used, out.data(), out.size(), out_used) !=
      Utf8Transcoder::Stop::input_used)
    return d;
  d.valid = true;
  std::size_t non_ascii = 0, cjk = 0;
  for (std::size_t i = 0; i < out_used;) {
    const auto c = static_cast<unsigned char>(out[i]);
    const int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (len > 1) {
      std::uint32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
      for (int k = 1; k < len && i + k < out_used; ++k) cp = (cp << 6) | (static_cast<unsigned char>(out[i + k]) & 0x3F);
      ++non_ascii;
      cjk += (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x3000 && cp <= 0x303F) ||
             (cp >= 0xFF00 && cp <= 0xFFEF);
    }
    i += static_cast<std::size_t>(len);
  }
  std::size_t multi_byte = 0, two_byte = 0, high_trail = 0, in_word = 0;
  std::size_t previous_end = std::string_view::npos;  // where the previous multi-byte character ended
  bool previous_counted = true;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (static_cast<unsigned char>(bytes[i]) < 0x80 || i + 1 == bytes.size()) continue;
    const auto trail = static_cast<unsigned char>(bytes[i + 1]);
    const std::size_t length = trail >= '0' && trail <= '9' ? 4 : 2;  // GB18030 four-byte form
    const bool touches = previous_end == i;
    ++multi_byte;
    in_word += touches + (touches && !previous_counted);
    previous_counted = touches;
    previous_end = i + length;
    if (length == 2) {
      ++two_byte;
      high_trail += trail >= 0x80;
    }
    i += length - 1;
  }
  d.cjk_share = non_ascii ? static_cast<double>(cjk) / static_cast<double>(non_ascii) : 0.0;
  d.high_trail_share = two_byte ? static_cast<double>(high_trail) / static_cast<double>(two_byte) : 0.0;
  d.in_word_share = multi_byte ? static_cast<double>(in_word) / static_cast<double>(multi_byte) : 0.0;
  return d;
}

}  // namespace

const char* supported_encodings() { return "utf-8, gb18030, gbk, big5, latin1"; }

std::string canonical_encoding(std::string_view name) {
  const std::string n = lower(name);
  if (n.empty() || n == "utf-8" || n == "utf8") return "utf-8";
  if (n == "gb18030") return "gb18030";
  if (n == "gbk" || n == "gb2312" || n == "cp936") return "gbk";
  if (n == "big5" || n == "big-5" || n == "cp950") return "big5";
  if (n == "latin1" || n == "latin-1" || n == "iso-8859-1" || n == "iso8859-1") return "latin1";
  throw UsageError("unknown encoding '" + std::string(name) + "' (use " + supported_encodings() + ")");
}

Utf8Transcoder::Utf8Transcoder(const std::string& encoding) : encoding_(encoding) {
  handle_ = ::iconv_open("UTF-8", iconv_name(encoding));
  if (handle_ == reinterpret_cast<void*>(static_cast<std::intptr_t>(-1)))
    throw UsageError("this system's iconv cannot read " + encoding + " (" + std::strerror(errno) + ")");
}

Utf8Transcoder::~Utf8Transcoder() { ::iconv_close(static_cast<iconv_t>(handle_)); }

Utf8Transcoder::Stop Utf8Transcoder::convert(const char* in, std::size_t in_size, std::size_t& in_used, char* out,
                                             std::size_t out_size, std::size_t& out_used) {
  char* in_ptr = const_cast<char*>(in + in_used);  // iconv's signature; it does not write the input
  std::size_t in_left = in_size - in_used;
  char* out_ptr = out + out_used;
  std::size_t out_left = out_size - out_used;
  const std::size_t result = ::iconv(static_cast<iconv_t>(handle_), &in_ptr, &in_left, &out_ptr, &out_left);
  const int error = errno;
  in_used = in_size - in_left;
  out_used = out_size - out_left;
  if (result != static_cast<std::size_t>(-1)) return Stop::input_used;
  if (error == E2BIG) return Stop::output_full;
  if (error == EINVAL) return Stop::incomplete;
  return Stop::invalid;
}

std::string guess_encoding(std::string_view bytes) {
  const Decoding gb = decode_as("gb18030", bytes), big5 = decode_as("big5", bytes);
  // Chinese text in GB18030 is nearly all CJK with high trail bytes (GB2312's rows A1-FE);
  // Latin-1 read as two-byte characters has an ASCII letter for trail and stands alone.
  if (gb.valid && gb.cjk_share >= 0.8 && gb.high_trail_share >= 0.7) return "gb18030";
  // Big5 trail bytes run 0x40-0x7E and 0xA1-0xFE, so its words tell it from Latin-1.
  const auto wordy = [](const Decoding& d) { return d.in_word_share >= 0.5 || d.high_trail_share >= 0.5; };
  if (big5.valid && big5.cjk_share >= 0.8 && wordy(big5) && (!gb.valid || big5.cjk_share > gb.cjk_share)) return "big5";
  if (gb.valid && gb.cjk_share >= 0.8 && wordy(gb)) return "gb18030";
  return "latin1";
}

std::string encoding_advice(std::string_view bytes) {
  const std::string guess = guess_encoding(bytes);
  const char* shown = guess == "gb18030" ? "GB18030" : guess == "big5" ? "Big5" : "Latin-1";
  return std::string("looks like ") + shown + "; rerun with --encoding " + guess;
}

std::string not_csv_reason(std::string_view first_bytes) {
  const std::string spreadsheet_route =
      ": save it as CSV UTF-8 from the spreadsheet, or read it with pandas and use the Python module "
      "(firmnet.from_pandas)";
  auto starts = [&](std::string_view magic) { return first_bytes.substr(0, magic.size()) == magic; };
  if (starts(std::string_view("PK\x03\x04", 4)))
    return "an Excel .xlsx workbook (a zip archive), not a CSV file" + spreadsheet_route;
  if (starts("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
    return "an Excel .xls workbook (an OLE2 compound file), not a CSV file" + spreadsheet_route;
  if (starts("PAR1")) return "a Parquet file, not a CSV file" + spreadsheet_route;
  if (starts("\x89HDF\r\n\x1A\n"))
    return "an HDF5 file (a firmnet network?), not a CSV file: firmnet info, report and the analyses read it directly";
  if (starts("\xFF\xFE") || starts("\xFE\xFF"))
    return "UTF-16 text (a spreadsheet's 'Unicode Text'), not UTF-8" + spreadsheet_route;
  return "";
}

}  // namespace firmnet
