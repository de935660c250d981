"""Spreadsheet exports that cannot smuggle formulas into a staff member's spreadsheet."""

from home.exports import neutralise

__all__ = ["FormulaSafeExportMixin", "neutralise"]


class FormulaSafeExportMixin:
    """For Wagtail index views with ``list_export``: every text cell is neutralised."""

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        return {field: neutralise(self._as_text(value)) for field, value in row.items()}

    @staticmethod
    def _as_text(value):
        if value is None or isinstance(value, int | float | bool) or hasattr(value, "isoformat"):
            return value
        return str(value)
