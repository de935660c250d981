"""The content tree is built once per module (``module_db``); what one test writes to it is
undone before the next, in whichever order they run, and each test gets its own copies."""

from wagtail.models import Page

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("writer", ["first", "second"])
def test_a_tests_writes_to_the_shared_tree_are_undone(tree, writer):
    story = tree["story"]
    assert story.title == "Budget story"
    assert Page.objects.get(pk=story.pk).title == "Budget story"
    assert not Page.objects.filter(title__startswith="Written by").exists()
    story.title = f"Written by the {writer} test"
    story.save_revision().publish()
    Page.objects.get(pk=tree["stories"].pk).add_child(
        instance=type(story)(title=f"Written by the {writer} test, new", slug=f"new-{writer}")
    )
    assert Page.objects.filter(title__startswith="Written by").count() == 2
