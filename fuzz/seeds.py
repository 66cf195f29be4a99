#!/usr/bin/env python3
"""Writes the small seed corpora under fuzz/corpus/<target>/ (run it again to regenerate them; it replaces only
the seeds it names). Documents are tiny zips, mostly stored uncompressed so that the fuzzer's mutations reach
the XML."""

import io
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

PROSE = (
    "Sam is a service user who failed to engage.\n"
    "She said \u201cI am not hard to reach\u201d. The client is wheelchair-bound and non-compliant.\n"
)


def write(target, name, data):
    folder = os.path.join(HERE, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def zipped(parts, compress=zipfile.ZIP_STORED):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compress) as z:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = compress
            z.writestr(info, text)
    return out.getvalue()


# normalise_match: UTF-8 text.
write("normalise_match", "prose.txt", PROSE)
write("normalise_match", "unicode.txt",
      "STRASSE \u00dfervice\u2011user \ufb01le \u0130 Hard\u2013to\u2013Reach  service\u00a0users\r\nthe\rservice user\u2019s")
write("normalise_match", "articles.txt", "an addict, a Service User, AN ADDICT. the respite; service-resistant families")

# plain: bytes in each encoding reframe reads.
write("plain", "utf8.txt", PROSE + "reframe-disable-next-line service-user\nthe service user\n")
write("plain", "bom.txt", b"\xef\xbb\xbf" + PROSE.encode("utf-8"))
write("plain", "utf16le.txt", b"\xff\xfe" + PROSE.encode("utf-16-le"))
write("plain", "utf16be.txt", b"\xfe\xff" + PROSE.encode("utf-16-be"))
write("plain", "cp1252.txt", "The service user said \u201cno\u201d \u2013 caf\u00e9.\r\n".encode("cp1252"))

# markdown
write("markdown", "note.md",
      "---\ntitle: x\n---\n# A **service** user\n\n> \u201cfailed to engage\u201d\n\n| a | b |\n|---|---|\n"
      "| service user | `service user` |\n\n<!-- reframe-disable-next-line -->\nservice user[^1]\n\n"
      "[^1]: a [service user](http://x) &amp; *addict*\n\n```\nservice user\n```\n")

# html
write("html", "note.html",
      "<!DOCTYPE html><html><head><title>service user</title><style>p{}</style></head><body>"
      "<p>A <b>service</b> user &amp; an&nbsp;addict.</p><!-- reframe-disable-next-line -->"
      "<p>failed to engage</p><script>service user</script><img alt=\"service user\">"
      "<table><tr><td>client</td></tr></table><pre>service user</pre></body></html>")

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
DOCUMENT = (
    f'<?xml version="1.0"?><w:document {W}><w:body>'
    "<w:p><w:r><w:t>Sam is a </w:t></w:r><w:r><w:t>service</w:t></w:r><w:r><w:t xml:space=\"preserve\"> user.</w:t></w:r></w:p>"
    "<w:p><w:commentRangeStart w:id=\"0\"/><w:r><w:t>failed to engage</w:t></w:r><w:commentRangeEnd w:id=\"0\"/></w:p>"
    "<w:p><w:del><w:r><w:delText>addict</w:delText></w:r></w:del><w:ins><w:r><w:t>client</w:t><w:tab/><w:br/></w:r></w:ins></w:p>"
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>wheelchair</w:t><w:noBreakHyphen/><w:t>bound</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    "<w:p><w:r><w:fldChar/><w:instrText>service user</w:instrText></w:r></w:p>"
    "</w:body></w:document>"
)
COMMENTS = f'<?xml version="1.0"?><w:comments {W}><w:comment w:id="0"><w:p><w:r><w:t>reframe-ignore failed-to-engage</w:t></w:r></w:p></w:comment></w:comments>'
HEADER = f'<?xml version="1.0"?><w:hdr {W}><w:p><w:r><w:t>the service users</w:t></w:r></w:p></w:hdr>'
FOOTNOTES = f'<?xml version="1.0"?><w:footnotes {W}><w:footnote w:id="1"><w:p><w:r><w:t>an addict</w:t></w:r></w:p></w:footnote></w:footnotes>'

write("docx", "full.docx", zipped([
    ("[Content_Types].xml", CONTENT_TYPES),
    ("word/document.xml", DOCUMENT),
    ("word/comments.xml", COMMENTS),
    ("word/header1.xml", HEADER),
    ("word/footnotes.xml", FOOTNOTES),
]))
write("docx", "deflated.docx", zipped([("word/document.xml", DOCUMENT)], zipfile.ZIP_DEFLATED))
write("docx", "minimal.docx", zipped([
    ("word/document.xml", f'<w:document {W}><w:body><w:p><w:r><w:t>service user</w:t></w:r></w:p></w:body></w:document>'),
]))

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"')
CONTENT = (
    f'<?xml version="1.0"?><office:document-content {NS}><office:body><office:text>'
    "<text:tracked-changes><text:changed-region><text:p>addict</text:p></text:changed-region></text:tracked-changes>"
    "<text:h>A service user</text:h>"
    "<text:p>Sam is a <text:span>service</text:span><text:s/>user.<text:tab/>"
    "<office:annotation office:name=\"a\"><text:p>reframe-ignore</text:p></office:annotation>failed to engage"
    "<office:annotation-end office:name=\"a\"/></text:p>"
    "<table:table><table:table-row><table:table-cell><text:p>client<text:line-break/>non-compliant</text:p>"
    "</table:table-cell><table:covered-table-cell/></table:table-row></table:table>"
    "<text:p>x<text:note text:note-class=\"footnote\"><text:note-citation>1</text:note-citation>"
    "<text:note-body><text:p>an addict</text:p></text:note-body></text:note></text:p>"
    "<text:p><draw:frame><draw:text-box><text:p>service users</text:p></draw:text-box></draw:frame></text:p>"
    "</office:text></office:body></office:document-content>"
)
STYLES = (f'<?xml version="1.0"?><office:document-styles {NS}><office:master-styles><style:master-page>'
          "<style:header><text:p>the service user</text:p></style:header><style:footer-left><text:p>client</text:p>"
          "</style:footer-left></style:master-page></office:master-styles></office:document-styles>")
MANIFEST = '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'

write("odt", "full.odt", zipped([
    ("mimetype", "application/vnd.oasis.opendocument.text"),
    ("META-INF/manifest.xml", MANIFEST),
    ("content.xml", CONTENT),
    ("styles.xml", STYLES),
]))
write("odt", "deflated.odt", zipped([("content.xml", CONTENT)], zipfile.ZIP_DEFLATED))
write("odt", "minimal.odt", zipped([
    ("content.xml", f'<office:document-content {NS}><office:body><office:text><text:p>service user</text:p></office:text></office:body></office:document-content>'),
]))

# pack: small packs in the format of rules/*.toml.
write("pack", "pack.toml", '''[pack]
name = "fuzz"
description = "Seed pack."
version = "0.1.0"
default-enabled = true
sources = [{ id = "s", title = "A source", url = "https://example.org/" }]

[[rule]]
id = "service-user"
terms = ["service user(s)", "client(s)"]
not-preceded-by = ["dedicated"]
not-followed-by = ["account"]
suggestions = ["(person|people) we support", "<their name>"]
message = "labels a person by the service they receive"
why = "A person is more than the service they use."
category = "label"
severity = "warning"
fix = "safe"
sources = ["s"]
exceptions = ["service user account"]
examples = ["The service user was seen.", { text = "Sam is a service user.", fixed = "Sam is a person we support." }]
counter-examples = ["Run it as a dedicated service user."]

[[rule]]
id = "addict"
terms = ["addict(s)"]
suggestions = ["(person|people) who (uses|use) drugs"]
why = "A label."
category = "label"
case-sensitive = true
examples = ["He is an addict."]
''')
write("pack", "regex.toml", '''[pack]
name = "re"
description = "Regex rule."

[[rule]]
id = "non-compliant"
regex = "(?i)non[- ]?complian(t|ce)"
suggestions = ["<what happened>"]
why = "Blames the person."
category = "blame"
fix = "unsafe"
examples = ["She was non-compliant with medication."]
''')
write("pack", "broken.toml", '[pack]\nname = "Bad Name"\n[[rule]]\nid = "x"\nterms = ["a(b|"]\n[[rul]]\n')

# config: reframe.toml files.
write("config", "reframe.toml", '''packs = ["core", "social-care"]
rules = ["rules/local.toml"]
disable = ["label"]
enable = ["service-user"]
allow = ["Service User Forum", "client"]
include = ["**/*.md", "notes/*.txt"]
exclude = ["vendor/**"]
quotes = "info"
fail-on = "warning"
redact = false

[severity]
service-user = "error"

[formats]
note = "markdown"
htm = "html"

[[overrides]]
paths = ["care-review*.md"]
packs = ["core", "children-in-care"]
severity = { addict = "info" }
''')
write("config", "typos.toml", 'pakcs = ["core"]\nquotes = "skp"\nfail-on = 3\n[[overrides]]\npaths = "x"\n')
