#!/usr/bin/env python3
# Writes the tiny test workbooks tests/data/workbook.{xlsx,ods,fods} (python3 make-workbooks.py
# tests/data/workbook): sheet "25C" (a title
# row, a blank row, then Frequency (Hz) | Z' (Ohm) | -Z'' (Ohm) and 5 rows), sheet "60C"
# (freq | Zre | Zim, Im(Z) as is, the 25C values times 0.25) and sheet "notes" (text only).
import zipfile, sys
from xml.sax.saxutils import escape
out = sys.argv[1]
f = [1e5, 1e4, 1e3, 100, 10]
re = [12.5005, 12.5544, 17.9048, 343.155, 842.829]
im = [-0.677255, -6.77211, -67.2914, -411.674, -103.378]
s25 = [["LLZO pellet, 25 \u00b0C"], [], ["Frequency (Hz)", "Z' (Ohm)", "-Z'' (Ohm)"]] + \
      [[f[i], re[i], -im[i]] for i in range(5)]
s60 = [["freq", "Zre", "Zim"]] + [[f[i], 0.25 * re[i], 0.25 * im[i]] for i in range(5)]
notes = [["measured 2024-01-02, Li|LLZO|Li"]]
sheets = [("25C", s25), ("60C", s60), ("notes", notes)]

def col(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s

def xlsx(path):
    shared = []
    def sidx(t):
        if t not in shared:
            shared.append(t)
        return shared.index(t)
    z = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
    wb = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>']
    rels = ['<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">']
    for k, (name, rows) in enumerate(sheets):
        # the sheets' parts are numbered backwards: the relationships must be followed
        part = "sheet%d.xml" % (len(sheets) - k)
        wb.append('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (escape(name), k + 1, k + 1))
        rels.append('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/%s"/>' % (k + 1, part))
        x = ['<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
        for r, row in enumerate(rows):
            if not row:
                continue
            x.append('<row r="%d">' % (r + 1))
            for c, v in enumerate(row):
                ref = "%s%d" % (col(c), r + 1)
                if isinstance(v, str):
                    if name == "60C":   # inline strings here, shared strings elsewhere
                        x.append('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, escape(v)))
                    else:
                        x.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, sidx(v)))
                elif name == "60C" and c == 1:   # a formula and its stored result
                    x.append('<c r="%s"><f>0.25*%r</f><v>%r</v></c>' % (ref, re[r - 1], v))
                else:
                    x.append('<c r="%s"><v>%r</v></c>' % (ref, v))
            x.append('</row>')
        x.append('</sheetData></worksheet>')
        z.writestr("xl/worksheets/" + part, "".join(x))
    wb.append('</sheets></workbook>')
    rels.append('</Relationships>')
    z.writestr("xl/workbook.xml", "".join(wb))
    z.writestr("xl/_rels/workbook.xml.rels", "".join(rels))
    # a rich-text shared string (two runs) and a phonetic reading that is not text
    ss = ['<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">']
    for t in shared:
        if t == "Frequency (Hz)":
            ss.append('<si><r><t>Frequency</t></r><r><t xml:space="preserve"> (Hz)</t></r><rPh><t>x</t></rPh></si>')
        else:
            ss.append('<si><t>%s</t></si>' % escape(t))
    ss.append('</sst>')
    z.writestr("xl/sharedStrings.xml", "".join(ss))
    z.close()

def odf_body():
    b = ['<office:body><office:spreadsheet>']
    for name, rows in sheets:
        b.append('<table:table table:name="%s">' % escape(name))
        for r, row in enumerate(rows):
            if not row:
                b.append('<table:table-row><table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
                continue
            b.append('<table:table-row>')
            for c, v in enumerate(row):
                if isinstance(v, str):
                    b.append('<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % escape(v))
                elif name == "60C" and c == 1:   # a formula and its stored result
                    b.append('<table:table-cell table:formula="of:=0.25*%r" office:value-type="float" office:value="%r"><text:p>%.2f</text:p></table:table-cell>' % (re[r - 1], v, v))
                else:
                    # the displayed text is rounded; office:value holds the number
                    b.append('<table:table-cell office:value-type="float" office:value="%r"><text:p>%.2f</text:p></table:table-cell>' % (v, v))
            b.append('<table:table-cell table:number-columns-repeated="1021"/></table:table-row>')
        b.append('<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
        b.append('</table:table>')
    b.append('</office:spreadsheet></office:body>')
    return "".join(b)

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')

def ods(path):
    z = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
    z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
    z.writestr("content.xml", '<?xml version="1.0" encoding="UTF-8"?><office:document-content %s office:version="1.2">%s</office:document-content>' % (NS, odf_body()))
    z.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>')
    z.close()

def fods(path):
    open(path, "w", encoding="utf-8").write('<?xml version="1.0" encoding="UTF-8"?>\n<office:document %s office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">\n%s\n</office:document>\n' % (NS, odf_body().replace("><table:table ", ">\n<table:table ")))

xlsx(out + ".xlsx"); ods(out + ".ods"); fods(out + ".fods")
