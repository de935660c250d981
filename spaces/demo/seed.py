"""Demo groups: a lively space for every seeded cohort, alumni networks, thematic networks
with threads in English, French and Spanish, a coalition on request (translated, with a
pending request) and a secret steering group. Safe to run twice: every membership goes
through the services (which refuse a second one), and a thread or a resource is written
only when its group has none with the same title.

Threads and posts are written directly through the models (the discussions services are
built at the same time); their counters and the authors' subscriptions are kept right.
"""

import contextlib
import uuid
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale

from home.text import MEMBER_LINK_REL, formatted_html
from spaces import services
from spaces.demo import content
from spaces.errors import SpaceError
from spaces.models import (
    Access,
    Kind,
    Membership,
    Post,
    Resource,
    Space,
    Thread,
    ThreadSubscription,
)
from spaces.services.discussions import announcement_send

User = get_user_model()


# ---------------------------------------------------------------------------
# A small PDF, made here (no dependency): one page, a title and a few lines.


def _pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def demo_pdf(title: str, lines: list[str] | None = None) -> bytes:
    """A valid one-page PDF with ``title`` and ``lines`` (Latin-1 text)."""
    lines = lines or [
        "OpenGov Collective - demo document",
        "This file was generated for the demo site.",
    ]
    text = ["BT", "/F1 20 Tf", "72 760 Td", f"({_pdf_escape(title)}) Tj", "/F1 12 Tf"]
    for line in lines:
        text += ["0 -24 Td", f"({_pdf_escape(line)}) Tj"]
    text.append("ET")
    stream = "\n".join(text).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


# ---------------------------------------------------------------------------


def french(text: str) -> str:
    """French typography: a no-break space before the high punctuation."""
    for mark, space in ((":", "\u00a0"), ("?", "\u202f"), ("!", "\u202f"), (";", "\u202f")):
        text = text.replace(f" {mark}", f"{space}{mark}")
    return text


def _words(text: str, language: str) -> str:
    return french(text) if language == "fr" else text


def _users(emails) -> dict:
    return {u.email: u for u in User.objects.filter(email__in=set(emails))}


def _admin():
    from home.demo.seed import DEMO_ADMIN_EMAIL

    return (
        User.objects.filter(email=DEMO_ADMIN_EMAIL).first()
        or User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    )


def _is_member(space, user) -> bool:
    return Membership.objects.filter(space=space, user=user, state=Membership.State.ACTIVE).exists()


def _hosts(space, emails, admin, people, now) -> None:
    for email in emails:
        user = people.get(email)
        if user is None:
            continue
        row = Membership.objects.filter(space=space, user=user).first()
        if row is not None and row.is_host:
            continue
        # Hosts (and members below) joined before the threads they write in began.
        services.host_set(
            actor=admin, space=space, member=user, host=True, now=now - timedelta(days=60)
        )


def _join(space, user, now) -> bool:
    """Join an open network once; a member who left it themselves is left out."""
    if user is None or Membership.objects.filter(space=space, user=user).exists():
        return False
    with contextlib.suppress(SpaceError):
        services.space_join(space=space, member=user, now=now)
        return True
    return False


def _thread(space, spec, people, now) -> Thread | None:
    """One thread and its posts, unless the group already has a thread with that title
    or one of its authors is missing."""
    title, posts, options = spec
    title = _words(title, posts[0][1])
    if Thread.objects.filter(space=space, title=title).exists():
        return None
    authors = [people.get(email) for email, *_ in posts]
    if any(a is None for a in authors):
        return None
    start = now - timedelta(days=options.get("days_ago", 7))
    announcement = options.get("announcement", False)
    thread = Thread.objects.create(
        space=space,
        author=authors[0],
        title=title,
        is_announcement=announcement,
        pinned_at=start if announcement else None,
        created_at=start,
        last_post_at=start,
        post_count=0,
    )
    written = []
    at = start
    for n, ((_email, language, body, quoted), author) in enumerate(
        zip(posts, authors, strict=True)
    ):
        at = start + timedelta(hours=5 * n, minutes=17 * n)
        body = _words(body, language)
        quote = written[quoted] if quoted is not None else None
        written.append(
            Post.objects.create(
                thread=thread,
                author=author,
                body=body,
                html=formatted_html(body, link_rel=MEMBER_LINK_REL, linkify=True),
                language=language,
                quote=quote,
                quote_text=quote.body if quote else "",
                created_at=at,
            )
        )
        ThreadSubscription.objects.update_or_create(
            thread=thread,
            user=author,
            defaults={"state": ThreadSubscription.State.FOLLOW, "last_read_at": at},
        )
    thread.last_post_at = at
    thread.post_count = len(written)
    thread.save(update_fields=["last_post_at", "post_count"])
    if announcement:
        # Every member is told, as the discussions service does after a host posts one
        # (same notifications, marked read when the member opens the thread).
        announcement_send(thread_id=thread.pk)
    return thread


def _link(space, spec, people, now) -> None:
    title, description, url, email = spec
    if Resource.objects.filter(space=space, title=title).exists():
        return
    Resource.objects.create(
        space=space,
        added_by=people.get(email),
        title=title,
        description=description,
        url=url,
        created_at=now - timedelta(days=3),
    )


def _file(space, spec, people, now) -> None:
    title, filename, email = spec
    if Resource.objects.filter(space=space, title=title).exists():
        return
    data = demo_pdf(title, [space.name, "Shared with the members of the group."])
    resource = Resource(
        space=space,
        added_by=people.get(email),
        title=title,
        original_name=filename,
        content_type="application/pdf",
        size=len(data),
        created_at=now - timedelta(days=1),
    )
    resource.file.save(filename, ContentFile(data, name=filename), save=False)
    resource.save()


def _threads(space, specs, people, now) -> int:
    return sum(1 for spec in specs if _thread(space, spec, people, now) is not None)


# ---------------------------------------------------------------------------


def _session_materials(cohort, log) -> None:
    """The running cohort's sessions get their materials (a generated PDF, a link), in
    each language, once (only while a session has none)."""
    from wagtail.documents import get_document_model

    from home.demo.seed import publish

    Document = get_document_model()
    pages = [cohort, *[p.specific for p in cohort.get_translations()]]
    changed = 0
    for page in pages:
        language = page.locale.language_code
        raw = [dict(block) for block in page.curriculum.raw_data]
        touched = False
        for index, materials in content.SESSION_MATERIALS.items():
            if index >= len(raw) or materials.get(language) is None:
                continue
            value = dict(raw[index]["value"])
            if value.get("materials"):
                continue
            items = []
            for title, target in materials[language]:
                title = _words(title, language)
                item = {"title": title, "document": None, "url": ""}
                if target == "document":
                    document = Document.objects.filter(title=title).first()
                    if document is None:
                        data = demo_pdf(title, [cohort.title, "Session materials."])
                        document = Document(title=title)
                        document.file.save(
                            f"{cohort.slug}-session-{index + 1}-{language}.pdf",
                            ContentFile(data),
                            save=False,
                        )
                        document.save()
                    item["document"] = document.pk
                else:
                    item["url"] = target
                items.append({"type": "item", "value": item, "id": str(uuid.uuid4())})
            value["materials"] = items
            raw[index] = {**raw[index], "value": value}
            touched = True
        if touched:
            page.curriculum = raw
            publish(page)
            changed += 1
    if changed:
        log(f"Groups: added session materials to {changed} versions of {cohort.title}.")


def _cohort_spaces(admin, now, log) -> None:
    from cohorts.models import CohortPage

    default = Locale.get_default()
    emails = [
        email
        for spec in content.COHORTS.values()
        for email in spec["hosts"] + [e for _t, posts, _o in spec["threads"] for e, *_ in posts]
    ]
    people = _users(emails)
    for slug, spec in content.COHORTS.items():
        cohort = CohortPage.objects.filter(locale=default, slug=slug).first()
        if cohort is None:
            continue
        space = services.ensure_cohort_space(cohort)
        _hosts(space, spec["hosts"], admin, people, now)
        members = {e: u for e, u in people.items() if _is_member(space, u)}
        written = _threads(space, spec["threads"], members, now)
        for resource in spec["resources"]:
            _link(space, resource, people, now)
        if spec.get("file"):
            _file(space, spec["file"], people, now)
        if written:
            log(f"Groups: {written} threads in the space of {cohort.title}.")
        if cohort.status() == "running":
            _session_materials(cohort, log)


def _alumni_networks(admin, now, log) -> None:
    networks = {
        (s.programme.slug if s.programme_id else None): s
        for s in services.ensure_alumni_networks()
        if s is not None
    }
    for key, spec in content.ALUMNI.items():
        space = networks.get(key)
        if space is None:
            continue
        people = _users(spec["hosts"] + [e for _t, posts, _o in spec["threads"] for e, *_ in posts])
        # Hosts of an alumni network are alumni (members already, from the cohorts app).
        hosts = {e: u for e, u in people.items() if e in spec["hosts"] and _is_member(space, u)}
        _hosts(space, list(hosts), admin, hosts, now)
        members = {e: u for e, u in people.items() if _is_member(space, u)}
        written = _threads(space, spec["threads"], members, now)
        if written:
            log(f"Groups: {written} threads in {space.name}.")


def _profile_themes(now, log) -> None:
    """Members join the networks of the themes on their profile (hidden profiles aside),
    so that every thematic network has members."""
    from community.models import Visibility

    joined = 0
    for space in Space.objects.originals().filter(kind=Kind.THEMATIC, theme__isnull=False):
        users = User.objects.filter(
            is_active=True,
            profile__themes__translation_key=space.theme.translation_key,
        ).exclude(profile__visibility=Visibility.HIDDEN)
        for user in users.exclude(space_memberships__space=space).distinct():
            joined += _join(space, user, now - timedelta(days=40))
    if joined:
        log(f"Groups: {joined} members joined the networks of their profile's themes.")


def _thematic_networks(now, log) -> None:
    from home.models import Theme

    default = Locale.get_default()
    _profile_themes(now, log)
    for slug, spec in content.THEMATIC.items():
        theme = Theme.objects.filter(locale=default, slug=slug).first()
        if theme is None:
            continue
        space = services.ensure_thematic_network(theme)
        people = _users(
            spec["members"] + [e for _t, posts, _o in spec["threads"] for e, *_ in posts]
        )
        for email in spec["members"]:
            _join(space, people.get(email), now - timedelta(days=30))
        members = {e: u for e, u in people.items() if _is_member(space, u)}
        written = _threads(space, spec["threads"], members, now)
        if written:
            log(f"Groups: {written} threads in the {theme.name} network.")


def _coalition(admin, now, log) -> Space:
    from home.models import Theme

    spec = content.COALITION
    default = Locale.get_default()
    space = Space.objects.originals().filter(slug=spec["slug"]).first()
    if space is None:
        name, description = spec["en"]
        space = Space.objects.create(
            locale=default,
            name=name,
            description=description,
            slug=spec["slug"],
            kind=Kind.COALITION,
            access=Access.REQUEST,
            theme=Theme.objects.filter(locale=default, slug=spec["theme"]).first(),
        )
        log(f"Groups: created {name}.")
    for code in ("fr", "es"):
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None or space.get_translation_or_none(locale) is not None:
            continue
        translated = space.copy_for_translation(locale)
        translated.name, translated.description = spec[code]
        translated.save()
    people = _users(
        spec["hosts"]
        + spec["approved"]
        + [e for e, _n in spec["pending"]]
        + [e for _t, posts, _o in spec["threads"] for e, *_ in posts]
    )
    _hosts(space, spec["hosts"], admin, people, now)
    host = people.get(spec["hosts"][0])
    for email in spec["approved"]:
        user = people.get(email)
        if user is None or host is None:
            continue
        if Membership.objects.filter(space=space, user=user).exists():
            continue
        row = services.space_request(space=space, member=user, now=now - timedelta(days=20))
        services.request_answer(
            host=host, membership=row, approve=True, now=now - timedelta(days=19)
        )
    for email, note in spec["pending"]:
        user = people.get(email)
        if user is None or Membership.objects.filter(space=space, user=user).exists():
            continue
        services.space_request(space=space, member=user, note=note, now=now - timedelta(days=1))
    members = {e: u for e, u in people.items() if _is_member(space, u)}
    _threads(space, spec["threads"], members, now)
    return space


def _secret_group(admin, now, log) -> Space:
    spec = content.SECRET
    space = Space.objects.originals().filter(slug=spec["slug"]).first()
    if space is None:
        space = Space.objects.create(
            locale=Locale.get_default(),
            name=spec["name"],
            description=spec["description"],
            slug=spec["slug"],
            kind=Kind.COALITION,
            access=Access.SECRET,
        )
        log(f"Groups: created {spec['name']} (secret).")
    people = _users(
        spec["hosts"]
        + spec["invited"]
        + [e for _t, posts, _o in spec["threads"] for e, *_ in posts]
    )
    _hosts(space, spec["hosts"], admin, people, now)
    host = people.get(spec["hosts"][0])
    for email in spec["invited"]:
        user = people.get(email)
        if user is None or host is None:
            continue
        if Membership.objects.filter(space=space, user=user).exists():
            continue
        services.space_invite(host=host, space=space, member=user, now=now - timedelta(days=10))
        services.invitation_answer(
            member=user, space=space, accept=True, now=now - timedelta(days=9)
        )
    members = {e: u for e, u in people.items() if _is_member(space, u)}
    _threads(space, spec["threads"], members, now)
    return space


@transaction.atomic
def seed(log) -> None:
    now = timezone.now()
    services.ensure_all(now=now - timedelta(days=60))
    admin = _admin()
    if admin is None:
        log("Groups: no administrator account; run the home seeder first.")
        return
    _cohort_spaces(admin, now, log)
    _alumni_networks(admin, now, log)
    _thematic_networks(now, log)
    _coalition(admin, now, log)
    _secret_group(admin, now, log)
