#!/usr/bin/env python3
"""check_links.py — the documentation's links resolve: README.md and every docs/*.md page.

Usage: check_links.py REPO_ROOT

For every Markdown link and image outside code (`[text](target)`, `![alt](target)`, and the
`href`/`src` of inline HTML), a relative target must be an existing file or folder, and an
anchor (`page.md#anchor`, or `#anchor` within the page) must be a heading of that page, slugged
as GitHub does (lower case, punctuation dropped, spaces to hyphens, `-1`, `-2`… for repeats).
Paths of the repository written as code (`engine/analysis/pareto.hpp`) must exist too, so a
moved file is caught. The README must link every docs/ page, each page must link back to the
README, and the README's first code block must open with its two commands, `make run` and
`make test`. External links (http, https, mailto) are not fetched.

Prints FILE:LINE: what is wrong, one line per problem; exit status 1 if there is any, else 0.
"""
import os
import re
import sys

LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML_ATTR = re.compile(r"""<(?:a|img)\b[^>]*?\b(?:href|src)\s*=\s*["']([^"']+)["']""", re.I)
HTML_ANCHOR = re.compile(r"""<a\b[^>]*?\b(?:id|name)\s*=\s*["']([^"']+)["']""", re.I)
HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(.+?)\1")
# Code spans that name a file of the repository: a top-level source folder, then a path.
REPO_PATH = re.compile(
    r"^(?:agents|assets|bench|cli|cmake|configs|docs|engine|examples|gui|mpi|scripts|tests)/[\w./+-]*$")
# Paths the documentation names on purpose although they do not exist (an example to create).
HYPOTHETICAL_PATHS = {"agents/my_strategy.hpp/.cpp"}


def slug(heading_text):
    """GitHub's anchor for a heading: its text without markup, lower case, punctuation
    dropped (letters, digits, '_', '-' and spaces stay), spaces turned into hyphens."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading_text)  # links: their text
    text = re.sub(r"<[^>]+>", "", text)  # inline HTML tags
    text = text.replace("`", "")
    text = text.lower()
    text = "".join(c for c in text if c.isalnum() or c in "_- ")
    return text.replace(" ", "-")


def read_page(path):
    """Returns (lines outside fenced code with their numbers, code blocks, anchors)."""
    prose = []
    code_blocks = []
    anchors = set()
    counts = {}
    fence = None
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for number, line in enumerate(lines, 1):
        m = FENCE.match(line)
        if fence is None and m:
            fence = m.group(1)
            code_blocks.append((number, []))
            continue
        if fence is not None:
            if line.strip().startswith(fence[0] * len(fence)) and line.strip().strip(fence[0]) == "":
                fence = None
            else:
                code_blocks[-1][1].append(line)
            continue
        prose.append((number, line))
        h = HEADING.match(line)
        if h:
            base = slug(h.group(2))
            n = counts.get(base, 0)
            counts[base] = n + 1
            anchors.add(base if n == 0 else f"{base}-{n}")
        for a in HTML_ANCHOR.findall(line):
            anchors.add(a)
    return prose, code_blocks, anchors


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().split("\n")[2], file=sys.stderr)
        return 2
    root = os.path.abspath(sys.argv[1])
    readme = os.path.join(root, "README.md")
    docs_dir = os.path.join(root, "docs")
    docs_pages = sorted(
        os.path.join(docs_dir, name) for name in os.listdir(docs_dir) if name.endswith(".md")
    ) if os.path.isdir(docs_dir) else []
    pages = [readme] + docs_pages
    parsed = {page: read_page(page) for page in pages}
    problems = []
    linked_from = {page: set() for page in pages}

    def rel(path):
        return os.path.relpath(path, root)

    for page in pages:
        prose, code_blocks, own_anchors = parsed[page]
        folder = os.path.dirname(page)
        for number, line in prose:
            spans = [m.group(2).strip() for m in CODE_SPAN.finditer(line)]
            bare = CODE_SPAN.sub("", line)
            targets = LINK.findall(bare) + HTML_ATTR.findall(bare)
            for target in targets:
                if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
                    continue  # http:, https:, mailto:
                path_part, _, anchor = target.partition("#")
                target_file = os.path.normpath(os.path.join(folder, path_part)) if path_part else page
                where = f"{rel(page)}:{number}"
                if not os.path.exists(target_file):
                    problems.append(f"{where}: link to {target}: no such file {rel(target_file)}")
                    continue
                if target_file in linked_from:
                    linked_from[target_file].add(page)
                if anchor:
                    if not target_file.endswith(".md"):
                        problems.append(f"{where}: link to {target}: an anchor into a non-Markdown file")
                        continue
                    if target_file not in parsed:
                        parsed[target_file] = read_page(target_file)
                    if anchor not in parsed[target_file][2]:
                        problems.append(
                            f"{where}: link to {target}: {rel(target_file)} has no heading "
                            f"with the anchor #{anchor}")
            for span in spans:
                if REPO_PATH.match(span) and span not in HYPOTHETICAL_PATHS:
                    if not os.path.exists(os.path.join(root, span)):
                        problems.append(f"{rel(page)}:{number}: `{span}` does not exist")

    for page in docs_pages:
        if readme not in linked_from[page]:
            problems.append(f"README.md: does not link {rel(page)} (add it to \"Where to read on\")")
        if page not in linked_from[readme]:
            problems.append(f"{rel(page)}: does not link back to the README (../README.md)")

    code_blocks = parsed[readme][1]
    first = [l.strip() for l in code_blocks[0][1] if l.strip()] if code_blocks else []
    if len(first) < 2 or not first[0].startswith("make run ") or not first[1].startswith("make test "):
        problems.append("README.md: the first code block must open with `make run` and `make test`")

    for p in problems:
        print(p)
    checked = ", ".join(rel(p) for p in pages)
    print(f"check_links: {len(problems)} problem(s) in {checked}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
