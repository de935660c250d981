"""Every page type of the demo, for a visitor and for a signed-in member, by name.

The fit walk (tests/e2e/test_fit.py) and the query budget (tests/home/test_query_budget.py)
both visit this list, so a new page type joins both by being named here once."""

from django.urls import NoReverseMatch, reverse
from django.utils import translation

#: The demo's member who has a profile, connections, events and notifications.
MEMBER_EMAIL = "amina.diallo@example.org"


def seed_demo_site(only=None):
    """The demo site (without the staff accounts), or only the named seeding steps."""
    from importlib import import_module

    from home.management.commands.seed_demo import SEEDERS

    for path, _label in SEEDERS:
        if path != "home.demo.staff" and (only is None or path in only):
            import_module(path).seed(lambda message: None)


def _first_url(model, language, **filters):
    page = model.objects.live().filter(locale__language_code=language, **filters).first()
    assert page is not None, f"the demo has no live {model.__name__} in {language}"
    return page.url


def _reverse(name, language, *args):
    with translation.override(language):
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            return None


def visitor_pages(language):
    """Every page type a visitor can reach, named for the failure message."""
    from awards.models import AwardIndexPage, AwardProgrammePage
    from awards.models.pages import Phase
    from cohorts.models import CohortPage, ProgrammePage
    from community.models import DirectoryPage, Profile
    from community.models.profile import Visibility
    from content.models import (
        GuideChapterPage,
        GuidePage,
        NewsIndexPage,
        NewsPage,
        ResourceIndexPage,
        ResourcePage,
        StoryIndexPage,
        StoryPage,
        ThemeIndexPage,
        ThemePage,
    )
    from events.models import EventIndexPage, EventPage
    from home.models import HomePage

    pages = {
        "home": _first_url(HomePage, language),
        "stories": _first_url(StoryIndexPage, language),
        "story": _first_url(StoryPage, language),
        "resources": _first_url(ResourceIndexPage, language),
        "resource": _first_url(ResourcePage, language),
        "guide": _first_url(GuidePage, language),
        "guide chapter": _first_url(GuideChapterPage, language),
        "news": _first_url(NewsIndexPage, language),
        "news item": _first_url(NewsPage, language),
        "themes": _first_url(ThemeIndexPage, language),
        "theme": _first_url(ThemePage, language),
        "events": _first_url(EventIndexPage, language),
        "past events": _first_url(EventIndexPage, language) + "?when=past",
        "event": _first_url(EventPage, language),
        "programme (cohorts)": _first_url(ProgrammePage, language),
        "cohort": _first_url(CohortPage, language),
        "awards": _first_url(AwardIndexPage, language),
        "members": _first_url(DirectoryPage, language),
        "search": f"/{language}/search/?q=budget",
        "search, nothing found": f"/{language}/search/?q=zzzzqqqq",
        "sign-in": _reverse("account_login", language),
        "sign-up": _reverse("account_signup", language),
        "password reset": _reverse("account_reset_password", language),
        "404": f"/{language}/no-such-page-here/",
    }
    for index, programme in enumerate(
        AwardProgrammePage.objects.live().filter(locale__language_code=language)
    ):
        pages[f"award programme {index + 1}"] = programme.url
        if programme.phase() == Phase.ANNOUNCED:
            pages["award results"] = _reverse("awards:results", language, programme.pk)
    public = Profile.objects.filter(visibility=Visibility.PUBLIC).order_by("pk").first()
    if public is not None:
        pages["member profile"] = _reverse("community:profile", language, public.pk)
    from spaces.models import Space

    pages["groups"] = _reverse("spaces:index", language)
    open_group = Space.objects.originals().filter(access="open").order_by("pk").first()
    if open_group is not None:
        pages["group page"] = _reverse("spaces:space", language, open_group.slug)
        pages["group resources"] = _reverse("spaces:resources", language, open_group.slug)
    return pages


def member_pages(language, member):
    """The pages a signed-in member works in."""
    from awards.models import AwardProgrammePage
    from cohorts.models import CohortPage
    from community.models import Profile
    from content.models import StoryIndexPage

    cohort = next(c for c in CohortPage.objects.live() if c.is_open())
    programme = next(p for p in AwardProgrammePage.objects.live() if p.accepting_nominations())
    peer = Profile.objects.exclude(user=member).order_by("pk").first()
    pages = {
        "my space": _reverse("me", language),
        "profile edit": _reverse("community:profile_edit", language),
        "own profile": _reverse("community:profile", language, member.profile.pk),
        "another member's profile": _reverse("community:profile", language, peer.pk),
        "network": _reverse("community:network", language),
        "account": _reverse("community:account", language),
        "account deletion": _reverse("community:account_delete", language),
        "password change": _reverse("account_change_password", language),
        "email addresses": _reverse("account_email", language),
        "notifications": _reverse("notifications:list", language),
        "notification settings": _reverse("notifications:preferences", language),
        "message settings": _reverse("messaging:settings", language),
        "messages": _reverse("messaging:inbox", language),
        "new group conversation": _reverse("messaging:start_group", language),
        "mentoring and peer-exchange requests": _reverse("messaging:exchanges", language),
        "my events": _reverse("events:my_events", language),
        "my applications": _reverse("cohorts:my_applications", language),
        "my nominations": _reverse("awards:my_nominations", language),
        "application form": _reverse("cohorts:apply", language, cohort.pk),
        "nomination form": _reverse("awards:nominate", language, programme.pk),
        "story proposal": _first_url(StoryIndexPage, language) + "propose/",
        "members (signed in)": visitor_pages(language)["members"],
        "event (signed in)": visitor_pages(language)["event"],
        "cohort (signed in)": visitor_pages(language)["cohort"],
    }
    for index, pk in enumerate(
        member.conversation_places.values_list("conversation", flat=True)[:2]
    ):
        pages[f"conversation {index + 1}"] = _reverse("messaging:conversation", language, pk)
    from spaces.models import Thread

    for membership in member.space_memberships.filter(state="active").select_related("space")[:1]:
        slug = membership.space.slug
        pages[f"group {slug}"] = _reverse("spaces:space", language, slug)
        pages[f"group {slug} discussions"] = _reverse("spaces:threads", language, slug)
        pages[f"group {slug} new thread"] = _reverse("spaces:thread_new", language, slug)
        pages[f"group {slug} members"] = _reverse("spaces:members", language, slug)
        pages[f"group {slug} resources"] = _reverse("spaces:resources", language, slug)
        thread = Thread.objects.filter(space=membership.space, hidden_at__isnull=True).first()
        if thread is not None:
            pages[f"group {slug} thread"] = _reverse("spaces:thread", language, slug, thread.pk)
            post = thread.posts.order_by("pk").first()
            pages[f"group {slug} report form"] = _reverse("spaces:post_report", language, post.pk)
    return {name: url for name, url in pages.items() if url}
