"""Account deletion and data download for what cohorts keep about a member."""

from django.dispatch import receiver

from community.signals import collect_member_data, member_deleting


@receiver(member_deleting, dispatch_uid="cohorts_member_deleting")
def anonymise_member(sender, user, **kwargs):
    from cohorts.services import member_anonymise

    member_anonymise(user=user)


@receiver(collect_member_data, dispatch_uid="cohorts_collect_member_data")
def member_data(sender, user, **kwargs):
    """Applications (own answers and released status only), participations, certificates.

    Reviewer notes and scores are staff records and are not part of the download.
    """
    from cohorts import credentials
    from cohorts.models import Application, Certificate, Participant

    applications = [
        {
            "cohort": a.cohort.title,
            "status": a.public_status,
            "organisation": a.organisation,
            "role": a.role,
            "country": str(a.country.code if a.country else ""),
            "sector": a.sector,
            "scope": a.scope,
            "gender": a.gender,
            "answers": {
                labels.get(key, key): value
                for labels in [{q["id"]: q["label"] for q in a.cohort.question_list()}]
                for key, value in a.answers.items()
            },
            "files": [f.original_name for f in a.files.all()],
            "created_at": a.created_at.isoformat(),
            "submitted_at": a.submitted_at.isoformat() if a.submitted_at else None,
        }
        for a in Application.objects.filter(applicant=user)
        .select_related("cohort")
        .prefetch_related("files")
    ]
    participations = [
        {"cohort": p.cohort.title, "status": p.status}
        for p in Participant.objects.filter(user=user).select_related("cohort")
    ]
    certificates = [
        {
            "identifier": c.identifier,
            "cohort": c.cohort_title,
            "issued_on": c.issued_on.isoformat(),
            "revoked": c.is_revoked,
            "credential": credentials.credential_url(c.identifier) if c.credential else "",
        }
        for c in Certificate.objects.filter(participant__user=user)
    ]
    return (
        "cohorts",
        {
            "applications": applications,
            "participations": participations,
            "certificates": certificates,
        },
    )
