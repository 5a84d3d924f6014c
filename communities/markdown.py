"""Markdown written by staff, rendered to HTML that is safe to show on the site.

Markdown passes raw HTML through, so the output is always cleaned with nh3 (an allow-list
HTML sanitiser): scripts, event handlers, styles and ``javascript:`` links are removed.
Headings are renumbered so the text's top level is ``<h2>``: the page's own title is the only
``<h1>``, and no level is skipped under it (``## Who you need`` and ``# Who you need`` both
make an ``<h2>``).
"""

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "td": {"align"},
    "th": {"align", "scope"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class _ShiftHeadings(Treeprocessor):
    def run(self, root):
        headings = [element for element in root.iter() if element.tag in HEADINGS]
        if not headings:
            return
        shift = 2 - min(int(element.tag[1]) for element in headings)
        for element in headings:
            element.tag = f"h{min(int(element.tag[1]) + shift, 6)}"


class ShiftHeadingsExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(_ShiftHeadings(md), "shift_headings", 5)


def markdown_to_html(text: str) -> str:
    """Render ``text`` (Markdown) to clean HTML: only allowed tags, attributes and links."""
    html = markdown.markdown(
        text or "",
        extensions=["extra", "sane_lists", ShiftHeadingsExtension()],
        output_format="html",
    )
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
