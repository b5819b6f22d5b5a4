// Builds .xlsx files with libxlsxwriter, which only writes to a path: a private temp file is read
// back and removed.
#include "excel/xlsx_writer.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include <unistd.h>
#include <xlsxwriter.h>

#include "core/text.hpp"
#include "excel/xlsx_reader.hpp"

namespace lvzhi::excel {
namespace {

// Excel's limits: characters per cell, per sheet name, and in a dropdown's choices with commas.
constexpr std::size_t kMaxCellChars = 32767;
constexpr std::size_t kMaxSheetNameChars = 31;
constexpr std::size_t kMaxValidationChars = 255;
constexpr std::size_t kMaxColumns = 16384;
// Integers beyond 15 digits lose precision in Excel (a double): such ones are written as text.
constexpr std::int64_t kMaxExactInteger = 999'999'999'999'999;
constexpr std::size_t kMinColumnWidth = 8;
constexpr std::size_t kMaxColumnWidth = 60;
constexpr std::size_t kColumnPadding = 2;
constexpr std::size_t kDateWidth = 10;
constexpr char32_t kReplacement = 0xFFFD;

[[noreturn]] void fail(std::string_view what, lxw_error error) {
  throw std::runtime_error("xlsx: " + std::string(what) + ": " + lxw_strerror(error));
}

void check(lxw_error error, std::string_view what) {
  if (error != LXW_NO_ERROR) fail(what, error);
}

// Characters shown double width in Excel's grid: CJK ideographs, kana, Hangul, full-width forms.
bool is_wide(char32_t c) {
  struct Range {
    char32_t first;
    char32_t last;
  };
  constexpr std::array<Range, 12> kWide{{{0x1100, 0x115F},
                                         {0x2E80, 0x303E},
                                         {0x3041, 0x33FF},
                                         {0x3400, 0x4DBF},
                                         {0x4E00, 0x9FFF},
                                         {0xA000, 0xA4CF},
                                         {0xAC00, 0xD7A3},
                                         {0xF900, 0xFAFF},
                                         {0xFE30, 0xFE4F},
                                         {0xFF00, 0xFF60},
                                         {0xFFE0, 0xFFE6},
                                         {0x20000, 0x3FFFD}}};
  return std::any_of(kWide.begin(), kWide.end(),
                     [c](const Range& r) { return c >= r.first && c <= r.last; });
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// The next code point of UTF-8 text at pos; malformed or overlong sequences and surrogates are
// one U+FFFD each.
char32_t next_code_point(std::string_view text, std::size_t& pos) {
  const auto lead = static_cast<unsigned char>(text[pos++]);
  if (lead < 0x80) return lead;
  // Per sequence length: the lead byte's pattern, its payload bits and the smallest code point
  // that needs that length (anything below is an overlong encoding).
  struct Form {
    unsigned char mask;
    unsigned char pattern;
    std::size_t extra;
    char32_t min;
  };
  constexpr std::array<Form, 3> kForms{{{0xE0, 0xC0, 1, 0x80},  //
                                        {0xF0, 0xE0, 2, 0x800},
                                        {0xF8, 0xF0, 3, 0x10000}}};
  const auto* form = std::find_if(kForms.begin(), kForms.end(),
                                  [lead](const Form& f) { return (lead & f.mask) == f.pattern; });
  if (form == kForms.end()) return kReplacement;
  const std::size_t extra = form->extra;
  const char32_t min = form->min;
  char32_t c = lead & static_cast<unsigned char>(~form->mask);
  for (std::size_t i = 0; i < extra; ++i) {
    if (pos >= text.size() || (static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80) {
      return kReplacement;
    }
    c = (c << 6) | (static_cast<unsigned char>(text[pos++]) & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return kReplacement;
  return c;
}

struct CleanText {
  std::string text;
  std::size_t width = 0;  // of the widest line, wide characters counting 2
};

// What XML 1.0 and Excel accept: valid UTF-8, no control characters but tab and line breaks, no
// U+FFFE/U+FFFF, at most `max_chars` characters. Data from the database should already be so;
// this keeps one bad value from making the whole file unreadable.
CleanText clean_text(std::string_view text, std::size_t max_chars = kMaxCellChars) {
  CleanText out;
  out.text.reserve(text.size());
  std::size_t chars = 0;
  std::size_t line_width = 0;
  std::size_t pos = 0;
  while (pos < text.size() && chars < max_chars) {
    const char32_t c = next_code_point(text, pos);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF) continue;
    append_utf8(out.text, c);
    ++chars;
    if (c == '\n') {
      line_width = 0;
    } else {
      line_width += is_wide(c) ? 2 : 1;
      out.width = std::max(out.width, line_width);
    }
  }
  return out;
}

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Excel reads "_xHHHH_" in a string as an escaped character (libxlsxwriter passes text through),
// so a literal one gets its underscore escaped as _x005F_, as Excel itself writes it.
std::string protect_escapes(std::string text) {
  constexpr std::size_t kLength = 7;  // _xHHHH_
  if (text.find("_x") == std::string::npos) return text;
  std::string out;
  out.reserve(text.size() + kLength);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool escape_like =
        text[i] == '_' && text.size() - i >= kLength && text[i + 1] == 'x' &&
        std::all_of(text.begin() + static_cast<std::ptrdiff_t>(i + 2),
                    text.begin() + static_cast<std::ptrdiff_t>(i + 6), is_hex) &&
        text[i + kLength - 1] == '_';
    out += escape_like ? std::string_view("_x005F_") : std::string_view(&text[i], 1);
  }
  return out;
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

std::string temp_directory() {
  const char* dir = std::getenv("TMPDIR");
  return dir != nullptr && *dir != '\0' ? std::string(dir) : std::string("/tmp");
}

// A fresh private (0600) file for libxlsxwriter to write the workbook to.
std::string make_temp_file(const std::string& dir) {
  std::string path = dir + "/lvzhi-xlsx-XXXXXX";
  const int fd = mkstemp(path.data());
  if (fd < 0) {
    // generic_category().message, unlike strerror, is safe on the worker threads.
    throw std::runtime_error("xlsx: cannot create a temp file in " + dir + ": " +
                             std::generic_category().message(errno));
  }
  close(fd);
  return path;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  const auto size = in ? static_cast<std::streamoff>(in.tellg()) : std::streamoff{-1};
  std::string bytes(size > 0 ? static_cast<std::size_t>(size) : 0, '\0');
  if (size <= 0 || !in.seekg(0) || !in.read(bytes.data(), size)) {
    throw std::runtime_error("xlsx: cannot read back " + path);
  }
  return bytes;
}

struct Validation {
  lxw_col_t column;
  std::vector<std::string> choices;
};

struct SheetState {
  lxw_worksheet* worksheet = nullptr;
  lxw_row_t next_row = 0;
  bool has_header = false;
  std::vector<std::size_t> widths;  // display width of the widest cell, per column
  std::vector<Validation> validations;

  void widen(std::size_t column, std::size_t width) {
    if (widths.size() <= column) widths.resize(column + 1, 0);
    widths[column] = std::max(widths[column], width);
  }
};

lxw_col_t checked_column(std::size_t column) {
  if (column >= kMaxColumns) throw std::logic_error("xlsx: column beyond XFD");
  return static_cast<lxw_col_t>(column);
}

}  // namespace

struct XlsxWriter::Impl {
  std::string tmpdir = temp_directory();
  std::string path = make_temp_file(tmpdir);
  lxw_workbook* workbook = nullptr;
  lxw_format* bold = nullptr;
  lxw_format* date = nullptr;
  std::vector<SheetState> sheets;
  std::vector<std::string> sheet_names;  // lower-cased: Excel compares them case-insensitively
  bool finished = false;

  Impl() {
    // Constant memory: each finished row goes to a temp file, so exports of any length stay
    // small in memory. Strings are then inline rather than shared; every reader copes.
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    options.tmpdir = tmpdir.data();
    workbook = workbook_new_opt(path.c_str(), &options);
    if (workbook == nullptr) {
      std::remove(path.c_str());
      throw std::runtime_error("xlsx: cannot create a workbook");
    }
    bold = workbook_add_format(workbook);
    format_set_bold(bold);
    date = workbook_add_format(workbook);
    format_set_num_format(date, "yyyy-mm-dd");
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  Impl(Impl&&) = delete;
  Impl& operator=(Impl&&) = delete;
  ~Impl() {
    if (workbook != nullptr) lxw_workbook_free(workbook);
    if (!path.empty()) std::remove(path.c_str());
  }

  SheetState& current() {
    if (finished) throw std::logic_error("xlsx: the writer is finished");
    if (sheets.empty()) throw std::logic_error("xlsx: call sheet() first");
    return sheets.back();
  }

  std::string unique_sheet_name(std::string_view requested) {
    std::string name;
    for (const char c : clean_text(requested, kMaxSheetNameChars).text) {
      const bool forbidden = std::string_view("[]:*?/\\\t\r\n").find(c) != std::string_view::npos;
      name.push_back(forbidden ? '_' : c);
    }
    // Excel refuses a name that starts or ends with an apostrophe.
    if (!name.empty() && name.front() == '\'') name.front() = '_';
    if (!name.empty() && name.back() == '\'') name.back() = '_';
    if (name.empty()) name = "Sheet" + std::to_string(sheets.size() + 1);
    std::string candidate = name;
    for (int n = 2; std::find(sheet_names.begin(), sheet_names.end(), lower_ascii(candidate)) !=
                    sheet_names.end();
         ++n) {
      const std::string suffix = " (" + std::to_string(n) + ")";
      candidate = clean_text(name, kMaxSheetNameChars - suffix.size()).text + suffix;
    }
    sheet_names.push_back(lower_ascii(candidate));
    return candidate;
  }

  void write_text(SheetState& sheet, lxw_col_t column, std::string_view text, lxw_format* format) {
    if (text.empty()) return;
    const auto clean = clean_text(text);
    const auto stored = protect_escapes(clean.text);
    check(worksheet_write_string(sheet.worksheet, sheet.next_row, column, stored.c_str(), format),
          "write_string");
    sheet.widen(column, clean.width);
  }

  void write_integer(SheetState& sheet, lxw_col_t column, std::int64_t number) {
    if (number > kMaxExactInteger || number < -kMaxExactInteger) {
      write_text(sheet, column, std::to_string(number), nullptr);
      return;
    }
    check(worksheet_write_number(sheet.worksheet, sheet.next_row, column,
                                 static_cast<double>(number), nullptr),
          "write_number");
    sheet.widen(column, std::to_string(number).size());
  }

  void write_date(SheetState& sheet, lxw_col_t column, const Date& value) {
    const auto iso = excel_date_to_iso(value.text);
    if (!iso) {
      write_text(sheet, column, value.text, nullptr);
      return;
    }
    // excel_date_to_iso gives exactly YYYY-MM-DD.
    lxw_datetime when{};
    when.year = std::stoi(iso->substr(0, 4));
    when.month = std::stoi(iso->substr(5, 2));
    when.day = std::stoi(iso->substr(8, 2));
    check(worksheet_write_datetime(sheet.worksheet, sheet.next_row, column, &when, date),
          "write_datetime");
    sheet.widen(column, kDateWidth);
  }

  void apply_layout(SheetState& sheet) {
    for (std::size_t column = 0; column < sheet.widths.size(); ++column) {
      if (sheet.widths[column] == 0) continue;
      const auto width =
          std::clamp(sheet.widths[column] + kColumnPadding, kMinColumnWidth, kMaxColumnWidth);
      const auto col = static_cast<lxw_col_t>(column);
      check(worksheet_set_column(sheet.worksheet, col, col, static_cast<double>(width), nullptr),
            "set_column");
    }
    for (auto& validation : sheet.validations) {
      // libxlsxwriter wants mutable, NULL-terminated C strings; it copies them.
      std::vector<char*> list;
      list.reserve(validation.choices.size() + 1);
      for (auto& choice : validation.choices) list.push_back(choice.data());
      list.push_back(nullptr);
      std::string error_title = "输入有误";
      std::string error_message = "请从下拉列表中选择";
      lxw_data_validation rule{};
      rule.validate = LXW_VALIDATION_TYPE_LIST;
      rule.value_list = list.data();
      rule.error_title = error_title.data();
      rule.error_message = error_message.data();
      const lxw_row_t first_row = sheet.has_header ? 1 : 0;
      check(worksheet_data_validation_range(sheet.worksheet, first_row, validation.column,
                                            LXW_ROW_MAX - 1, validation.column, &rule),
            "data_validation");
    }
  }
};

XlsxWriter::XlsxWriter() : impl_(std::make_unique<Impl>()) {}
XlsxWriter::~XlsxWriter() = default;
XlsxWriter::XlsxWriter(XlsxWriter&&) noexcept = default;
XlsxWriter& XlsxWriter::operator=(XlsxWriter&&) noexcept = default;

XlsxWriter& XlsxWriter::sheet(std::string_view name) {
  if (impl_->finished) throw std::logic_error("xlsx: the writer is finished");
  const auto unique = impl_->unique_sheet_name(name);
  auto* worksheet = workbook_add_worksheet(impl_->workbook, unique.c_str());
  if (worksheet == nullptr) throw std::runtime_error("xlsx: cannot add sheet " + unique);
  impl_->sheets.push_back(SheetState{worksheet});
  return *this;
}

XlsxWriter& XlsxWriter::header(const std::vector<std::string>& titles) {
  auto& sheet = impl_->current();
  if (sheet.has_header || sheet.next_row != 0) {
    throw std::logic_error("xlsx: header() must come once, before any row");
  }
  for (std::size_t column = 0; column < titles.size(); ++column) {
    impl_->write_text(sheet, checked_column(column), titles[column], impl_->bold);
  }
  worksheet_freeze_panes(sheet.worksheet, 1, 0);
  sheet.has_header = true;
  sheet.next_row = 1;
  return *this;
}

XlsxWriter& XlsxWriter::row(const std::vector<Cell>& cells) {
  auto& sheet = impl_->current();
  for (std::size_t index = 0; index < cells.size(); ++index) {
    const auto column = checked_column(index);
    const auto& value = cells[index].value();
    if (const auto* text = std::get_if<std::string>(&value)) {
      impl_->write_text(sheet, column, *text, nullptr);
    } else if (const auto* number = std::get_if<std::int64_t>(&value)) {
      impl_->write_integer(sheet, column, *number);
    } else if (const auto* date = std::get_if<Date>(&value)) {
      if (!date->text.empty()) impl_->write_date(sheet, column, *date);
    }
  }
  ++sheet.next_row;
  return *this;
}

XlsxWriter& XlsxWriter::list_validation(std::size_t column,
                                        const std::vector<std::string>& choices) {
  auto& sheet = impl_->current();
  Validation validation{checked_column(column), {}};
  std::size_t chars = choices.empty() ? 0 : choices.size() - 1;  // the commas
  for (const auto& choice : choices) {
    // The list is stored as one quoted, comma-separated formula string.
    if (choice.find_first_of(",\"") != std::string::npos) {
      throw std::invalid_argument("xlsx: a dropdown choice cannot contain , or \"");
    }
    auto clean = clean_text(choice).text;
    chars += text::char_count(clean);
    validation.choices.push_back(std::move(clean));
  }
  if (choices.empty() || chars > kMaxValidationChars) {
    throw std::invalid_argument("xlsx: a dropdown needs 1 to 255 characters of choices");
  }
  sheet.validations.push_back(std::move(validation));
  return *this;
}

std::string XlsxWriter::finish() {
  if (impl_->finished) throw std::logic_error("xlsx: finish() called twice");
  impl_->finished = true;
  for (auto& sheet : impl_->sheets) impl_->apply_layout(sheet);
  // workbook_close frees the workbook whether or not it could write the file.
  const lxw_error error = workbook_close(std::exchange(impl_->workbook, nullptr));
  if (error != LXW_NO_ERROR) fail("close", error);
  auto bytes = read_file(impl_->path);
  std::remove(impl_->path.c_str());
  impl_->path.clear();
  return bytes;
}

}  // namespace lvzhi::excel
