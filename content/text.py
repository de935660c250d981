"""A member's story, written with simple formatting and turned into safe HTML.

Members write paragraphs (an empty line between them), lists ("- " or "1. " at the
start of a line), links ("[words](https://…)"), **bold** and *italic*, or the same
few HTML tags. markdown-it-py (a maintained CommonMark parser) reads the text with only
those rules switched on (a "#" stays a "#"), then nh3 keeps only the tags below: any
other tag, every attribute but a link's address, and script and style with their
content are removed, and links get ``rel="nofollow ugc"``.
"""

import nh3
from markdown_it import MarkdownIt

STORY_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a"}
STORY_ATTRIBUTES = {"a": {"href"}}
STORY_SCHEMES = {"http", "https", "mailto"}
STORY_LINK_REL = "nofollow ugc"

_markdown = MarkdownIt("zero", {"breaks": True, "html": True}).enable(
    ["emphasis", "list", "link", "newline", "escape", "html_block", "html_inline"]
)


def clean_story_html(html: str) -> str:
    return nh3.clean(
        html or "",
        tags=STORY_TAGS,
        attributes=STORY_ATTRIBUTES,
        url_schemes=STORY_SCHEMES,
        link_rel=STORY_LINK_REL,
        strip_comments=True,
    ).strip()


def story_blocks(text: str) -> list[str]:
    """The story as safe HTML, one string per top-level paragraph or list."""
    tokens = _markdown.parse((text or "").replace("\r\n", "\n"))
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
        html = clean_story_html(_markdown.renderer.render(group, _markdown.options, {}))
        if html:
            blocks.append(html if html.startswith(("<p>", "<ul>", "<ol>")) else f"<p>{html}</p>")
    return blocks


def story_html(text: str) -> str:
    """The whole story as safe HTML (the preview)."""
    return "\n".join(story_blocks(text))
