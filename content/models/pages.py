"""Content pages: OpenStories, resources (with the multi-page guide), news and themes.

Pages read and render; writes (a member proposing a story) live in content.services,
reads that span relations (listings, theme gatherings) in content.selectors.
"""

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField

from content.blocks import ContentStreamBlock, RelatedStreamBlock
from home.frame import SearchGroup, TranslationNotice
from home.images import image_alt_field, image_field
from home.routing import private_q
from home.taxonomy import Region, Sector, region_for_country

PER_PAGE = 12

# Where the site search lists these pages (home.frame); pages of other models are
# listed under "Other pages".
STORIES = SearchGroup("stories", _("Stories"), order=10)
RESOURCES = SearchGroup("resources", _("Resources"), order=20)
NEWS = SearchGroup("news", _("News"), order=30)
THEMES = SearchGroup("themes", _("Themes"), order=40)


class ResourceType(models.TextChoices):
    GUIDE = "guide", _("Guide")
    TOOLKIT = "toolkit", _("Toolkit")
    CASE_STUDY = "case_study", _("Case study")
    RESEARCH = "research", _("Research")


class NewsType(models.TextChoices):
    ANNOUNCEMENT = "announcement", _("Announcement")
    PRESS_RELEASE = "press_release", _("Press release")
    BLOG = "blog", _("Blog post")
    UPDATE = "update", _("Community update")


# ---------------------------------------------------------------------------
# Shared pieces
# ---------------------------------------------------------------------------
class TaggedContentMixin(models.Model):
    """Summary, listing image, themes, country (and derived region) for listable pages.

    Any page model with a ``themes`` relation to ``home.Theme`` shows up on theme
    pages (see content.selectors.tagged_pages): this mixin is one way to get it.
    """

    summary = models.TextField(
        max_length=300,
        blank=True,
        verbose_name=_("Summary"),
        help_text=_("One or two sentences shown in listings, feeds and search results."),
    )
    listing_image = image_field()
    listing_image_alt = image_alt_field()
    themes = ParentalManyToManyField("home.Theme", blank=True, verbose_name=_("Themes"))
    country = CountryField(blank=True, verbose_name=_("Country"))
    region = models.CharField(
        max_length=32, choices=Region.choices, blank=True, editable=False, verbose_name=_("Region")
    )

    #: Content templates say themselves that a page is not translated yet, naming its language.
    translation_notice = TranslationNotice.INLINE

    tagging_panels = [
        FieldPanel("summary"),
        FieldPanel("listing_image"),
        FieldPanel("listing_image_alt"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("country"),
    ]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.region = region_for_country(self.country.code if self.country else "")
        super().save(*args, **kwargs)

    def get_meta_description(self):
        return self.search_description or self.summary


class FilterableIndexPage(RoutablePageMixin, Page):
    """An index listing its children with filters, pagination and RSS/Atom feeds."""

    intro = models.TextField(blank=True, max_length=500, verbose_name=_("Introduction"))

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    #: The listed model, its "type" field and that field's choices (set by subclasses).
    listing_model: str = ""
    type_field: str = ""
    type_choices: list = []
    type_label = _("Type")
    feed_title = ""
    translation_notice = TranslationNotice.INLINE

    class Meta:
        abstract = True

    def get_listing_model(self):
        from django.apps import apps

        return apps.get_model(self.listing_model)

    def get_context(self, request, *args, **kwargs):
        from content import selectors
        from content.forms import ListingFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = ListingFilterForm(request.GET or None, index_page=self)
        filters = form.filters()
        items = selectors.index_listing(self, filters=filters)
        paginator = Paginator(items, PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        context.update(
            filter_form=form,
            chips=form.chips(request),
            page_obj=page_obj,
            items=list(page_obj.object_list),
            theme_names=selectors.theme_names(),
            querystring=form.querystring(),
        )
        return context

    def get_feed_links(self) -> list[dict]:
        """The feeds the page advertises in its <head> (home_tags.page_head)."""
        from django.utils import translation

        from home import links

        url = links.page_url(self, translation.get_language())
        return [
            {
                "type": "application/rss+xml",
                "title": f"{self.title} (RSS)",
                "url": f"{url}feed/rss/",
            },
            {
                "type": "application/atom+xml",
                "title": f"{self.title} (Atom)",
                "url": f"{url}feed/atom/",
            },
        ]

    @path("feed/rss/", name="feed_rss")
    def feed_rss(self, request):
        from content.feeds import IndexRssFeed

        return IndexRssFeed()(request, index_page=self)

    @path("feed/atom/", name="feed_atom")
    def feed_atom(self, request):
        from content.feeds import IndexAtomFeed

        return IndexAtomFeed()(request, index_page=self)


# ---------------------------------------------------------------------------
# OpenStories
# ---------------------------------------------------------------------------
class StoryIndexPage(FilterableIndexPage):
    kind_label = _("Stories")
    listing_model = "content.StoryPage"
    type_field = "sectors"
    type_choices = Sector.choices
    type_label = _("Sector")

    parent_page_types = ["home.HomePage"]
    subpage_types = ["content.StoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Story index")

    @path("propose/", name="propose")
    def propose(self, request):
        """A member proposes a story; it becomes a draft in the moderation workflow."""
        from django.contrib import messages
        from django.contrib.auth.views import redirect_to_login

        from content import services
        from content.errors import StoryError
        from content.forms import StoryProposalForm

        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        form = StoryProposalForm(request.POST or None, request.FILES or None, user=request.user)
        context = {"page": self, "form": form, "self": self}
        if request.method == "POST" and "preview" in request.POST:
            # Show the story as it will look; nothing is saved until it is sent.
            form.fields["agree"].required = False
            if form.is_valid():
                from content.text import story_html

                form.keep_uploads()
                context["preview"] = {
                    "title": form.cleaned_data["title"],
                    "summary": form.cleaned_data["summary"],
                    "body": mark_safe(story_html(form.cleaned_data["body"])),  # noqa: S308 (sanitised by nh3)
                }
            return render(request, "content/story_propose.html", context)
        if request.method == "POST" and form.is_valid():
            try:
                services.story_propose(author=request.user, index=self, **form.cleaned_data)
            except StoryError as error:
                form.add_error(None, error.message)
                return render(request, "content/story_propose.html", {"page": self, "form": form})
            messages.success(
                request,
                _("Thank you. Your story is with our editors; we will email you at each step."),
            )
            return redirect(self.url)
        return render(request, "content/story_propose.html", context)


class StoryPageForm(WagtailAdminPageForm):
    sectors = forms.MultipleChoiceField(
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Sectors"),
    )


class StoryPage(TaggedContentMixin, Page):  # noqa: DJ008 (Page.__str__)
    """An OpenStory: a reform told by the people who did it."""

    #: What people call it on cards and in search (issue 11), not the verbose_name.
    kind_label = _("Story")

    search_group = STORIES

    sectors = models.JSONField(default=list, blank=True, verbose_name=_("Sectors"))
    pull_quote = models.TextField(max_length=400, blank=True, verbose_name=_("Pull quote"))
    pull_quote_attribution = models.CharField(
        max_length=150, blank=True, verbose_name=_("Pull quote attribution")
    )
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("Story"))
    related = StreamField(
        RelatedStreamBlock(), blank=True, verbose_name=_("Related resources and events")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Proposed by"),
        help_text=_("The member who proposed this story from the site."),
    )
    publish_anonymously = models.BooleanField(
        default=False,
        verbose_name=_("Publish anonymously"),
        help_text=_("The author asked not to be named."),
    )

    base_form_class = StoryPageForm
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [*TaggedContentMixin.tagging_panels, FieldPanel("sectors")], _("About the story")
        ),
        MultiFieldPanel(
            [FieldPanel("pull_quote"), FieldPanel("pull_quote_attribution")], _("Pull quote")
        ),
        FieldPanel("body"),
        InlinePanel("people", label=_("People involved")),
        FieldPanel("related"),
        MultiFieldPanel(
            [FieldPanel("submitted_by", read_only=True), FieldPanel("publish_anonymously")],
            _("Member story"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("pull_quote"),
        index.SearchField("body"),
        index.FilterField("country"),
        index.FilterField("region"),
    ]

    parent_page_types = ["content.StoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Story")
        verbose_name_plural = _("Stories")

    def get_context(self, request, *args, **kwargs):
        from content import selectors

        context = super().get_context(request, *args, **kwargs)
        context["people"] = selectors.story_people(self, viewer=request.user)
        context["author_credit"] = selectors.story_author_credit(self, viewer=request.user)
        context["theme_names"] = selectors.theme_names()
        return context

    @property
    def sector_labels(self):
        labels = dict(Sector.choices)
        return [labels[value] for value in self.sectors or [] if value in labels]


class StoryPerson(Orderable):
    """A member involved in a story, named only with their consent and as privacy allows."""

    page = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="people")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("Member"),
    )
    role = models.CharField(max_length=150, blank=True, verbose_name=_("Role in the story"))
    consent = models.BooleanField(
        default=False,
        verbose_name=_("The member agreed to be named"),
        help_text=_(
            "Shown only when ticked, and only to readers the member's profile settings allow."
        ),
    )

    panels = [FieldPanel("member"), FieldPanel("role"), FieldPanel("consent")]

    class Meta(Orderable.Meta):
        verbose_name = _("Person involved")
        verbose_name_plural = _("People involved")


# ---------------------------------------------------------------------------
# Resources and the guide
# ---------------------------------------------------------------------------
class ResourceIndexPage(FilterableIndexPage):
    kind_label = _("Resources")
    listing_model = "content.ResourcePage"
    type_field = "resource_type"
    type_choices = ResourceType.choices

    parent_page_types = ["home.HomePage"]
    subpage_types = ["content.ResourcePage", "content.GuidePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Resource index")


class ResourcePage(TaggedContentMixin, Page):  # noqa: DJ008 (Page.__str__)
    """A guide, toolkit, case study or piece of research, with downloads."""

    #: What people call it on cards and in search (issue 11), not the verbose_name.
    kind_label = _("Resource")

    search_group = RESOURCES

    resource_type = models.CharField(
        max_length=20,
        choices=ResourceType.choices,
        default=ResourceType.TOOLKIT,
        verbose_name=_("Type"),
    )
    publication_date = models.DateField(null=True, blank=True, verbose_name=_("Publication date"))
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("Body"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("resource_type"),
                FieldPanel("publication_date"),
                *TaggedContentMixin.tagging_panels,
            ],
            _("About the resource"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("resource_type"),
        index.FilterField("country"),
        index.FilterField("region"),
    ]

    parent_page_types = ["content.ResourceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Resource")
        verbose_name_plural = _("Resources")

    def get_context(self, request, *args, **kwargs):
        from content import selectors

        context = super().get_context(request, *args, **kwargs)
        context["theme_names"] = selectors.theme_names()
        return context


class GuidePage(ResourcePage):  # noqa: DJ008 (Page.__str__)
    """A structured multi-page resource (the Open Government Guide): chapters as children."""

    content_panels = ResourcePage.content_panels
    parent_page_types = ["content.ResourceIndexPage"]
    subpage_types = ["content.GuideChapterPage"]

    class Meta:
        verbose_name = _("Guide")
        verbose_name_plural = _("Guides")

    def save(self, *args, **kwargs):
        self.resource_type = ResourceType.GUIDE
        super().save(*args, **kwargs)

    def chapters(self):
        return GuideChapterPage.objects.child_of(self).live().exclude(private_q()).order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["chapters"] = list(self.chapters())
        return context


class GuideChapterPage(Page):
    kind_label = _("Guide")
    search_group = RESOURCES
    translation_notice = TranslationNotice.INLINE

    summary = models.TextField(max_length=300, blank=True, verbose_name=_("Summary"))
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("Body"))

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    parent_page_types = ["content.GuidePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Guide chapter")
        verbose_name_plural = _("Guide chapters")

    def get_meta_description(self):
        return self.search_description or self.summary

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        guide = self.get_parent().specific
        chapters = list(guide.chapters()) if isinstance(guide, GuidePage) else []
        position = next((i for i, c in enumerate(chapters) if c.pk == self.pk), None)
        context.update(
            guide=guide,
            chapters=chapters,
            previous_chapter=chapters[position - 1] if position else None,
            next_chapter=(
                chapters[position + 1]
                if position is not None and position + 1 < len(chapters)
                else None
            ),
        )
        return context


# ---------------------------------------------------------------------------
# News
# ---------------------------------------------------------------------------
class NewsIndexPage(FilterableIndexPage):
    kind_label = _("News")
    listing_model = "content.NewsPage"
    type_field = "news_type"
    type_choices = NewsType.choices

    parent_page_types = ["home.HomePage"]
    subpage_types = ["content.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("News index")


class NewsPage(TaggedContentMixin, Page):  # noqa: DJ008 (Page.__str__)
    #: What people call it on cards and in search (issue 11), not the verbose_name.
    kind_label = _("News")

    search_group = NEWS

    date = models.DateField(default=timezone.localdate, verbose_name=_("Date"))
    news_type = models.CharField(
        max_length=20, choices=NewsType.choices, default=NewsType.UPDATE, verbose_name=_("Type")
    )
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("Body"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("news_type"), *TaggedContentMixin.tagging_panels],
            _("About the news"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("news_type"),
        index.FilterField("country"),
        index.FilterField("region"),
    ]

    parent_page_types = ["content.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("News item")
        verbose_name_plural = _("News")

    def get_context(self, request, *args, **kwargs):
        from content import selectors

        context = super().get_context(request, *args, **kwargs)
        context["theme_names"] = selectors.theme_names()
        return context


# ---------------------------------------------------------------------------
# Themes
# ---------------------------------------------------------------------------
class ThemeIndexPage(Page):
    kind_label = _("Themes")
    translation_notice = TranslationNotice.INLINE

    intro = models.TextField(blank=True, max_length=500, verbose_name=_("Introduction"))

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["content.ThemePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Theme index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["theme_pages"] = (
            ThemePage.objects.child_of(self).live().exclude(private_q()).select_related("locale")
        )
        return context


class ThemePage(Page):
    """Everything tagged with one theme: stories, resources, events, calls, peers."""

    #: What people call it on cards and in search (issue 11), not the verbose_name.
    kind_label = _("Theme")

    search_group = THEMES
    translation_notice = TranslationNotice.INLINE

    theme = models.ForeignKey(
        "home.Theme", on_delete=models.PROTECT, related_name="+", verbose_name=_("Theme")
    )
    intro = models.TextField(blank=True, max_length=600, verbose_name=_("Introduction"))
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("Body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("theme"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["content.ThemeIndexPage"]
    subpage_types = []
    #: Loaded with the page when it is served (home.routing): its sections read it.
    serve_select_related = ("theme",)

    class Meta:
        verbose_name = _("Theme page")
        verbose_name_plural = _("Theme pages")

    def get_meta_description(self):
        return self.search_description or self.intro

    def get_context(self, request, *args, **kwargs):
        from content import selectors
        from home import themes

        context = super().get_context(request, *args, **kwargs)
        context["sections"] = selectors.tagged_pages(self.theme, exclude=(ThemePage,))
        context["peers"] = selectors.peers_for_theme(self.theme, viewer=request.user)
        context["theme_names"] = selectors.theme_names()
        context["asides"] = themes.asides(self.theme, request.user)
        return context
