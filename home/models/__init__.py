from .outbox import OutboxEmail
from .pages import HomePage, StandardPage
from .snippets import SiteSettings, Theme

__all__ = ["HomePage", "OutboxEmail", "SiteSettings", "StandardPage", "Theme"]
