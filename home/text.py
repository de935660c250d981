"""What members write with simple formatting, turned into safe HTML: one way for stories,
messages and (later) group posts.

Members write paragraphs (an empty line between them), lists ("- " or "1. " at the start
of a line), links ("[words](https://…)" or a bare address), **bold** and *italic*, or the
same few HTML tags. markdown-it-py (a maintained CommonMark parser, with linkify-it-py for
bare addresses) reads the text with only those rules switched on (a "#" stays a "#"), then
nh3 keeps only the tags below: any other tag, every attribute but a link's address, and
script and style with their content are removed, and every link gets the ``rel`` the
caller asks for.
"""

import nh3
from markdown_it import MarkdownIt

TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a"}
ATTRIBUTES = {"a": {"href"}}
SCHEMES = {"http", "https", "mailto"}
#: Links in what members write: not endorsed, user content, no window handle, no referrer.
MEMBER_LINK_REL = "nofollow ugc noopener noreferrer"

_RULES = ["emphasis", "list", "link", "newline", "escape", "html_block", "html_inline"]
_markdown = MarkdownIt("zero", {"breaks": True, "html": True}).enable(_RULES)
_markdown_linkify = (
    MarkdownIt("zero", {"breaks": True, "html": True, "linkify": True})
    .enable(_RULES)
    .enable("linkify")
)


def clean_html(html: str, *, link_rel: str = MEMBER_LINK_REL) -> str:
    return nh3.clean(
        html or "",
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=SCHEMES,
        link_rel=link_rel,
        strip_comments=True,
    ).strip()


def formatted_blocks(
    text: str, *, link_rel: str = MEMBER_LINK_REL, linkify: bool = False
) -> list[str]:
    """The text as safe HTML, one string per top-level paragraph or list."""
    parser = _markdown_linkify if linkify else _markdown
    tokens = parser.parse((text or "").replace("\r\n", "\n"))
    groups, current = [], []
    for token in tokens:
        current.append(token)
        if token.level == 0 and token.nesting <= 0:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    blocks = []
    for group in groups:
        html = clean_html(parser.renderer.render(group, parser.options, {}), link_rel=link_rel)
        if html:
            blocks.append(html if html.startswith(("<p>", "<ul>", "<ol>")) else f"<p>{html}</p>")
    return blocks


def formatted_html(text: str, *, link_rel: str = MEMBER_LINK_REL, linkify: bool = False) -> str:
    return "\n".join(formatted_blocks(text, link_rel=link_rel, linkify=linkify))


def plain_text(html: str) -> str:
    """The words of formatted HTML without its tags (previews, search results)."""
    import html as html_lib

    text = nh3.clean((html or "").replace("</p>", "</p> ").replace("<br>", " "), tags=set())
    return " ".join(html_lib.unescape(text).split())
