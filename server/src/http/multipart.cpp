// multipart/form-data (RFC 7578 over RFC 2046's multipart syntax), from the whole body in memory.
// Strict where a lenient reading could be fooled (the boundary, the delimiters, the part headers),
// lenient only where browsers differ harmlessly (transport padding, the epilogue, empty forms).
#include "http/multipart.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace lvzhi::http {
namespace {

namespace err = contract::err;

constexpr std::size_t kMaxBoundary = 70;  // RFC 2046 §5.1.1
constexpr std::string_view kCrlf = "\r\n";
// Bounds the header search when max_header_bytes is huge (no overflow in window arithmetic).
constexpr std::size_t kMaxWindow = std::size_t{1} << 30;

Error bad(std::string message) { return make_error(err::kRequestBadMultipart, std::move(message)); }

// Errors about one part name it by its 1-based position and carry it in details.part.
Error bad_part(std::size_t index, std::string_view message) {
  return make_error(err::kRequestBadMultipart,
                    "第 " + std::to_string(index + 1) + " 部分" + std::string(message),
                    Json{{"part", index + 1}});
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

bool is_ows(char c) { return c == ' ' || c == '\t'; }

std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && is_ows(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ows(s.back())) s.remove_suffix(1);
  return s;
}

// RFC 9110 tchar.
bool is_tchar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// Control characters other than HT (header values may carry raw UTF-8, which is no control).
bool is_ctl(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u < 0x20 && u != '\t') || u == 0x7f;
}

// RFC 2046 bchars: the quoted boundary may hold these; a space may not end it.
bool is_bchar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

struct Parameter {
  std::string name;  // lowercase
  std::string value;
};

// The `; name=value` list after a media type or disposition type (values are tokens or quoted
// strings with backslash escapes). nullopt when malformed. Empty elements (";;") are skipped.
std::optional<std::vector<Parameter>> parse_parameters(std::string_view s) {
  std::vector<Parameter> out;
  std::size_t pos = 0;
  const auto skip_ows = [&] {
    while (pos < s.size() && is_ows(s[pos])) ++pos;
  };
  for (;;) {
    skip_ows();
    if (pos == s.size()) return out;
    if (s[pos] != ';') return std::nullopt;
    ++pos;
    skip_ows();
    if (pos == s.size() || s[pos] == ';') continue;
    const auto name_start = pos;
    while (pos < s.size() && is_tchar(s[pos])) ++pos;
    if (pos == name_start) return std::nullopt;
    Parameter parameter{to_lower(s.substr(name_start, pos - name_start)), {}};
    skip_ows();
    if (pos == s.size() || s[pos] != '=') return std::nullopt;
    ++pos;
    skip_ows();
    if (pos < s.size() && s[pos] == '"') {
      ++pos;
      bool closed = false;
      while (pos < s.size()) {
        char c = s[pos++];
        if (c == '"') {
          closed = true;
          break;
        }
        if (c == '\\') {
          if (pos == s.size()) return std::nullopt;
          c = s[pos++];
        }
        if (is_ctl(c)) return std::nullopt;
        parameter.value.push_back(c);
      }
      if (!closed) return std::nullopt;
    } else {
      const auto value_start = pos;
      while (pos < s.size() && is_tchar(s[pos])) ++pos;
      if (pos == value_start) return std::nullopt;
      parameter.value.assign(s.substr(value_start, pos - value_start));
    }
    out.push_back(std::move(parameter));
  }
}

// "type/subtype" or a disposition type, up to the first ';', without surrounding whitespace.
std::pair<std::string_view, std::string_view> split_type(std::string_view value) {
  const auto semicolon = value.find(';');
  if (semicolon == std::string_view::npos) return {trim_ows(value), {}};
  return {trim_ows(value.substr(0, semicolon)), value.substr(semicolon)};
}

Result<std::string> boundary_of(std::string_view content_type) {
  const auto [type, rest] = split_type(content_type);
  if (!iequals(type, "multipart/form-data")) {
    return bad("请求的 Content-Type 不是 multipart/form-data");
  }
  const auto parameters = parse_parameters(rest);
  if (!parameters) return bad("请求的 Content-Type 参数格式有误");
  std::optional<std::string> boundary;
  for (const auto& parameter : *parameters) {
    if (parameter.name != "boundary") continue;
    if (boundary) return bad("请求的 Content-Type 中 boundary 参数重复");
    boundary = parameter.value;
  }
  if (!boundary) return bad("请求的 Content-Type 缺少 boundary 参数");
  if (boundary->empty() || boundary->size() > kMaxBoundary) {
    return bad("boundary 参数的长度应为 1 到 70 个字符，实际为 " +
               std::to_string(boundary->size()) + " 个");
  }
  for (const char c : *boundary) {
    if (!is_bchar(c)) return bad("boundary 参数含有不允许的字符");
  }
  if (boundary->back() == ' ') return bad("boundary 参数不能以空格结尾");
  return std::move(*boundary);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 8187 ext-value: charset "'" [language] "'" value-chars. Only UTF-8 is accepted (browsers
// send nothing else); nullopt when malformed.
std::optional<std::string> decode_ext_value(std::string_view ext) {
  const auto first = ext.find('\'');
  if (first == std::string_view::npos) return std::nullopt;
  const auto second = ext.find('\'', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  if (!iequals(ext.substr(0, first), "utf-8")) return std::nullopt;
  const auto encoded = ext.substr(second + 1);
  constexpr std::string_view kAttrChars = "!#$&+-.^_`|~";
  std::string out;
  out.reserve(encoded.size());
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    const char c = encoded[i];
    if (c == '%') {
      if (encoded.size() - i < 3) return std::nullopt;
      const int high = hex_value(encoded[i + 1]);
      const int low = hex_value(encoded[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               kAttrChars.find(c) != std::string_view::npos) {
      out.push_back(c);
    } else {
      return std::nullopt;
    }
  }
  return out;
}

struct Header {
  std::string_view name;
  std::string value;  // unfolded, without surrounding whitespace
};

// The header block: lines ending in CRLF (the block ends with one, or is empty). A line starting
// with SP/HT continues the previous header (obsolete folding).
Result<std::vector<Header>> parse_headers(std::size_t index, std::string_view block) {
  std::vector<Header> headers;
  while (!block.empty()) {
    const auto end = block.find(kCrlf);  // the block ends in CRLF, so this always finds one
    const auto line = block.substr(0, end);
    block.remove_prefix(end + kCrlf.size());
    if (line.empty()) return bad_part(index, "的头部含有空行");  // unreachable: the block has none
    if (line.find_first_of("\r\n") != std::string_view::npos) {
      return bad_part(index, "的头部含有单独的回车或换行符");
    }
    for (const char c : line) {
      if (is_ctl(c)) return bad_part(index, "的头部含有控制字符");
    }
    if (is_ows(line.front())) {
      if (headers.empty()) return bad_part(index, "的头部以空白开头");
      const auto more = trim_ows(line);
      if (!more.empty()) {
        auto& value = headers.back().value;
        if (!value.empty()) value.push_back(' ');
        value.append(more);
      }
      continue;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) return bad_part(index, "的头部有一行缺少冒号");
    const auto name = line.substr(0, colon);
    if (name.empty()) return bad_part(index, "的头部有一行缺少名称");
    for (const char c : name) {
      if (!is_tchar(c)) return bad_part(index, "的头部名称含有不允许的字符");
    }
    headers.push_back(Header{name, std::string(trim_ows(line.substr(colon + 1)))});
  }
  return headers;
}

// One part: its headers checked and interpreted, its data a view into the body.
Result<MultipartPart> make_part(std::size_t index, std::string_view header_block,
                                std::string_view data) {
  auto headers = parse_headers(index, header_block);
  if (!headers) return headers.take_error();
  const Header* disposition = nullptr;
  const Header* content_type = nullptr;
  for (const auto& header : headers.value()) {
    if (iequals(header.name, "content-disposition")) {
      if (disposition != nullptr) return bad_part(index, "有多个 Content-Disposition 头");
      disposition = &header;
    } else if (iequals(header.name, "content-type")) {
      if (content_type != nullptr) return bad_part(index, "有多个 Content-Type 头");
      content_type = &header;
    } else if (iequals(header.name, "content-transfer-encoding")) {
      // RFC 7578 §4.7: deprecated; only the identity encodings leave the data usable as sent.
      const auto& v = header.value;
      if (!iequals(v, "binary") && !iequals(v, "8bit") && !iequals(v, "7bit")) {
        return bad_part(index, "使用了不支持的 Content-Transfer-Encoding（只接受 binary）");
      }
    }
  }
  if (disposition == nullptr) return bad_part(index, "缺少 Content-Disposition 头");

  const auto [type, rest] = split_type(disposition->value);
  if (!iequals(type, "form-data")) return bad_part(index, "的 Content-Disposition 不是 form-data");
  const auto parameters = parse_parameters(rest);
  if (!parameters) return bad_part(index, "的 Content-Disposition 参数格式有误");
  std::optional<std::string> name;
  std::optional<std::string> filename;
  std::optional<std::string> filename_ext;
  for (const auto& parameter : *parameters) {
    std::optional<std::string>* slot = nullptr;
    if (parameter.name == "name") {
      slot = &name;
    } else if (parameter.name == "filename") {
      slot = &filename;
    } else if (parameter.name == "filename*") {
      slot = &filename_ext;
    } else {
      continue;
    }
    if (*slot) return bad_part(index, "的 Content-Disposition 中 " + parameter.name + " 参数重复");
    *slot = parameter.value;
  }
  if (!name) return bad_part(index, "的 Content-Disposition 缺少 name 参数");
  if (name->empty()) return bad_part(index, "的 Content-Disposition 中 name 参数为空");

  MultipartPart part;
  part.name = std::move(*name);
  if (filename_ext) {
    auto decoded = decode_ext_value(*filename_ext);
    if (!decoded) {
      return bad_part(index, "的 filename* 参数格式有误（应为 UTF-8''加百分号编码的文件名）");
    }
    part.filename = std::move(*decoded);  // preferred over filename= (RFC 6266 §4.3)
  } else {
    part.filename = std::move(filename);
  }
  if (content_type != nullptr) part.content_type = content_type->value;
  part.data = data;
  return part;
}

}  // namespace

Result<std::vector<MultipartPart>> parse_multipart(std::string_view content_type,
                                                   std::string_view body,
                                                   const MultipartLimits& limits) {
  auto boundary = boundary_of(content_type);
  if (!boundary) return boundary.take_error();
  const std::string delimiter = "\r\n--" + boundary.value();
  const std::string_view dash_boundary = std::string_view(delimiter).substr(kCrlf.size());

  // The first delimiter may open the body; otherwise a preamble (ignored) ends with CRLF before it.
  std::size_t pos = 0;
  if (body.starts_with(dash_boundary)) {
    pos = dash_boundary.size();
  } else {
    const auto first = body.find(delimiter);
    if (first == std::string_view::npos) return bad("请求体中找不到 boundary 分隔符");
    pos = first + delimiter.size();
  }

  std::vector<MultipartPart> parts;
  for (;;) {
    // Right after a boundary: "--" closes (the epilogue after it is ignored), else optional
    // transport padding and CRLF open the next part.
    if (body.substr(pos).starts_with("--")) {
      // An empty form is the close delimiter alone, as browsers send it. After a preamble, a
      // first delimiter that closes would turn the whole body into ignored preamble.
      if (parts.empty() && pos != dash_boundary.size()) return bad("请求体中没有任何部分");
      return parts;
    }
    while (pos < body.size() && is_ows(body[pos])) ++pos;
    if (pos == body.size()) return bad("请求体在分隔符之后意外结束，缺少结束分隔符");
    if (!body.substr(pos).starts_with(kCrlf)) return bad("分隔符之后有多余的字符");
    pos += kCrlf.size();

    const std::size_t index = parts.size();
    if (index >= limits.max_parts) {
      return make_error(err::kRequestBadMultipart,
                        "上传内容的部分过多（最多 " + std::to_string(limits.max_parts) + " 个）",
                        Json{{"max_parts", limits.max_parts}});
    }

    // The header block runs to the empty line; `blank` is the position of that line's CRLF.
    std::size_t blank = pos;
    if (!body.substr(pos).starts_with(kCrlf)) {
      const auto window =
          body.substr(pos, std::min(limits.max_header_bytes, kMaxWindow) + 2 * kCrlf.size());
      const auto end = window.find("\r\n\r\n");
      if (end == std::string_view::npos || end + kCrlf.size() > limits.max_header_bytes) {
        if (end != std::string_view::npos || window.size() < body.size() - pos) {
          return bad_part(index, "的头部超过 " + std::to_string(limits.max_header_bytes) + " 字节");
        }
        return bad_part(index, "的头部不完整（缺少头部后的空行）");
      }
      blank = pos + end + kCrlf.size();
    }
    // The data ends at the next delimiter. One that starts before the empty line means the
    // headers were cut off. (A delimiter right at the empty line is an empty body-part: legal.)
    const auto next = body.find(delimiter, pos - kCrlf.size());
    if (next == std::string_view::npos) return bad("请求体缺少结束分隔符");
    if (next < blank) return bad_part(index, "的头部不完整（缺少头部后的空行）");
    const auto data_start = blank + kCrlf.size();
    const auto data =
        next == blank ? body.substr(data_start, 0) : body.substr(data_start, next - data_start);

    auto part = make_part(index, body.substr(pos, blank - pos), data);
    if (!part) return part.take_error();
    parts.push_back(std::move(part.value()));
    pos = next + delimiter.size();
  }
}

}  // namespace lvzhi::http
