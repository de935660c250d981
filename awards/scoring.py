"""The scoring maths moved to the kernel (``home.scoring``), shared with cohort review."""

from home.scoring import TWO_PLACES, Aggregate, aggregate, rank  # noqa: F401
