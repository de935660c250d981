"""Who may do what with surveys (docs/roles.md): editors and moderators build surveys; programme staff
(and superusers) launch stakeholder surveys and see results, which are aggregates only."""

from home.permissions import ACCESS_ADMIN, has

RESULTS_PERM = "surveys.view_results"
LAUNCH_PERM = "surveys.launch_survey"
EDIT_PERMS = ["surveys.add_survey", "surveys.change_survey", "surveys.view_survey"]

#: group name → permissions (see docs/roles.md).
GROUPS = {
    "Editors": [ACCESS_ADMIN, *EDIT_PERMS],
    "Moderators": [ACCESS_ADMIN, *EDIT_PERMS],
    "Programme staff": [ACCESS_ADMIN, *EDIT_PERMS, RESULTS_PERM, LAUNCH_PERM],
}


def can_see_results(user, survey=None) -> bool:
    """A survey's results: counts, means and (past the threshold) free text, never who."""
    return has(user, RESULTS_PERM)


def can_launch(user, survey=None) -> bool:
    """Send a stakeholder survey to its group."""
    return has(user, LAUNCH_PERM)
