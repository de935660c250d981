"""A member's story, written with simple formatting and turned into safe HTML.

The kernel's ``home.text`` does the work (paragraphs, lists, links, bold and italic;
everything else removed); stories' links get ``rel="nofollow ugc"``.
"""

from home.text import clean_html, formatted_blocks

STORY_LINK_REL = "nofollow ugc"


def clean_story_html(html: str) -> str:
    return clean_html(html, link_rel=STORY_LINK_REL)


def story_blocks(text: str) -> list[str]:
    """The story as safe HTML, one string per top-level paragraph or list."""
    return formatted_blocks(text, link_rel=STORY_LINK_REL)


def story_html(text: str) -> str:
    """The whole story as safe HTML (the preview)."""
    return "\n".join(story_blocks(text))
