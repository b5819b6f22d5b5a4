#pragma once
// Reads the first worksheet of an uploaded .xlsx into cell texts, defended against zip bombs and
// junk.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace lvzhi::excel {

// Bounds on what an upload may cost. Exceeding one is an import.* error, never a partial result.
struct ReadLimits {
  std::size_t max_compressed = std::size_t{10} << 20;    // the .xlsx file itself
  std::size_t max_uncompressed = std::size_t{50} << 20;  // all entries, declared and inflated
  std::size_t max_rows = 5000;                           // non-blank rows, header included
  // A non-empty cell right of this many columns is an error; empty (styled) ones are ignored.
  std::size_t max_columns = 64;
  std::size_t max_entries = 1000;  // zip entries
};

struct SheetRow {
  int number = 0;  // 1-based Excel row number (blank rows are skipped, numbers kept)
  std::vector<std::string> cells;  // indexed by column, A = 0; ends at the last non-empty cell

  // The cell's text, or "" beyond the end of the row.
  [[nodiscard]] std::string_view cell(std::size_t column) const {
    return column < cells.size() ? std::string_view(cells[column]) : std::string_view();
  }
};

struct Sheet {
  std::string name;  // the tab's name, for messages
  std::vector<SheetRow> rows;
};

// Cell texts as Excel stores them: shared/inline/rich strings as text, numbers as their literal
// ("42", "3.5"; dates arrive as serial numbers, see excel_date_to_iso), booleans as "TRUE"/"FALSE",
// formulas as their cached value, error values as their text ("#N/A").
// Errors: import.not_xlsx (not a zip, no workbook/worksheet, encrypted, corrupt zip or XML, CRC
// mismatch), import.too_large (the file over max_compressed; declared or inflated entry sizes,
// or the cell texts together, over max_uncompressed; an XML part with more elements than
// max_rows × max_columns × 4 + 64 Ki), import.too_many_entries, import.too_many_rows,
// import.too_many_columns. Each limit error's details carry the limit (max_rows, max_bytes, …);
// the row, column and size errors name it in their Chinese message too.
Result<Sheet> read_first_sheet(std::string_view bytes, const ReadLimits& limits = {});

// The entry names of a zip archive held in memory (as stored, in central-directory order; names
// over 1024 bytes are left out), through the same hardened minizip reader: for content sniffing
// (an OOXML upload is a zip holding word/… or xl/…). Only max_compressed and max_entries apply.
// Errors: import.not_xlsx (not a zip, empty, corrupt central directory), import.too_large,
// import.too_many_entries.
Result<std::vector<std::string>> zip_entry_names(std::string_view bytes,
                                                 const ReadLimits& limits = {});

// "YYYY-MM-DD" from an Excel serial date ("44440", "44440.5"; 1900 date system), from yyyymmdd
// ("20210901"), or from text such as 2021-09-01, 2021/9/1, 2021.9.1, 2021年9月1日 (full-width
// digits allowed, a trailing time ignored). nullopt when it is no real date (2021-02-30, serial 60
// — Excel's fictitious 1900-02-29 —, 0, negatives, anything else).
std::optional<std::string> excel_date_to_iso(std::string_view cell);

}  // namespace lvzhi::excel
