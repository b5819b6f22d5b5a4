#!/usr/bin/env python3
"""Writes a roster .xlsx for the browser journey: the import template's header and the rows given.

usage: roster-xlsx.py OUT.xlsx ROWS.json   (ROWS.json: a list of rows, each a list of cell texts)
A minimal package (inline strings only), built with the standard library so the journey needs nothing more.
"""
import json
import sys
import zipfile
from xml.sax.saxutils import escape

HEADER = ["委员编号*", "姓名*", "性别*", "民族", "出生日期", "党派", "界别", "工作单位", "职务", "常委",
          "港澳委员", "专门委员会", "委员小组", "手机", "邮箱", "身份证号"]


def column(index):
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def sheet(rows):
    lines = []
    for r, row in enumerate(rows, start=1):
        cells = "".join(
            f'<c r="{column(c)}{r}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'
            for c, text in enumerate(row) if text != "")
        lines.append(f'<row r="{r}">{cells}</row>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<sheetData>{"".join(lines)}</sheetData></worksheet>')


def main():
    out, rows_file = sys.argv[1], sys.argv[2]
    with open(rows_file, encoding="utf-8") as f:
        rows = [HEADER] + json.load(f)
    main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg_ns = "http://schemas.openxmlformats.org/package/2006/relationships"
    parts = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '</Types>',
        "_rels/.rels":
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{pkg_ns}">'
            f'<Relationship Id="rId1" Type="{rel_ns}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml":
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main_ns}" xmlns:r="{rel_ns}">'
            '<sheets><sheet name="委员名单" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels":
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{pkg_ns}">'
            f'<Relationship Id="rId1" Type="{rel_ns}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet(rows),
    }
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)


if __name__ == "__main__":
    main()
