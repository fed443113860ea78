#!/usr/bin/env python3
"""Prints a section's tables of a dipstream report (default: the FFmpeg comparison) as Markdown."""
import html.parser
import sys


class Tables(html.parser.HTMLParser):
    def __init__(self, section):
        super().__init__()
        self.section, self.inside, self.rows, self.cell = section, False, [], None

    def handle_starttag(self, tag, attrs):
        if tag == "section":
            self.inside = dict(attrs).get("id") == self.section
        elif self.inside and tag == "tr":
            self.rows.append([])
        elif self.inside and tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join(self.cell.split()))
            self.cell = None
        elif tag == "section":
            self.inside = False

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


p = Tables(sys.argv[2] if len(sys.argv) > 2 else "comparison")
p.feed(open(sys.argv[1], encoding="utf-8").read())
for i, row in enumerate(p.rows):
    print("| " + " | ".join(row) + " |")
    if i == 0:
        print("|" + "---|" * len(row))
