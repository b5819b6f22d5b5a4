#pragma once
// Builds an .xlsx in memory (exports, import templates): sheets with a bold frozen header row.
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace lvzhi::excel {

// A calendar date "YYYY-MM-DD" (2021/9/1 and the other forms excel_date_to_iso reads work too),
// written as a real Excel date shown as yyyy-mm-dd. Text that is no date is written as text.
struct Date {
  std::string text;
};

// One cell: empty, text, an integer, or a date. Implicit so that rows read naturally:
// w.row({"张三", 42, Date{"2021-09-01"}, {}}).
class Cell {
 public:
  using Value = std::variant<std::monostate, std::string, std::int64_t, Date>;

  Cell() = default;
  Cell(std::string text) : value_(std::move(text)) {}         // NOLINT(google-explicit-constructor)
  Cell(std::string_view text) : value_(std::string(text)) {}  // NOLINT(google-explicit-constructor)
  Cell(const char* text) : value_(std::string(text)) {}       // NOLINT(google-explicit-constructor)
  Cell(Date date) : value_(std::move(date)) {}                // NOLINT(google-explicit-constructor)
  // A missing value (a nullable column) is an empty cell.
  Cell(const std::optional<std::string>& text) {  // NOLINT(google-explicit-constructor)
    if (text) value_ = *text;
  }
  template <std::integral I>
  requires(!std::same_as<I, bool>) Cell(I number)
      : value_(static_cast<std::int64_t>(number)) {}  // NOLINT(google-explicit-constructor)

  [[nodiscard]] const Value& value() const { return value_; }

 private:
  Value value_;
};

// Usage: XlsxWriter w; w.sheet("委员名单"); w.header({...}); w.row({...}); auto bytes = w.finish();
// Rows stream to libxlsxwriter as they come (constant-memory mode, inline strings), so a long
// export does not hold every cell in memory. Column widths follow the widest text (CJK characters
// count double). Misuse (a row before any sheet, a header after rows, finish twice) throws
// std::logic_error; failing to write or read the private temp file throws std::runtime_error.
class XlsxWriter {
 public:
  XlsxWriter();
  ~XlsxWriter();
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;
  XlsxWriter(XlsxWriter&&) noexcept;
  XlsxWriter& operator=(XlsxWriter&&) noexcept;

  // Starts a new worksheet; later calls write to it. Characters Excel forbids in a sheet name
  // ([]:*?/\) become '_', the name is cut at 31 characters, and a repeated name gets " (2)".
  XlsxWriter& sheet(std::string_view name);
  // The bold first row, frozen so it stays in view. At most once per sheet, before any row.
  XlsxWriter& header(const std::vector<std::string>& titles);
  XlsxWriter& row(const std::vector<Cell>& cells);
  // An in-cell dropdown (data validation list) on `column` (A = 0) for every row below the
  // header; other values are refused by Excel. The choices may total 255 characters with commas.
  XlsxWriter& list_validation(std::size_t column, const std::vector<std::string>& choices);
  // The .xlsx file's bytes. The writer is spent afterwards.
  std::string finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lvzhi::excel
