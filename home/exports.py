"""Spreadsheet exports that cannot smuggle a formula into a staff member's spreadsheet."""

#: Spreadsheet apps run cells starting with these as formulas (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A cell a spreadsheet would read as a formula gets a leading quote; others pass."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class FormulaSafeExportMixin:
    """For Wagtail index and report views with spreadsheet export: every cell neutralised."""

    def preprocess_field_value(self, field, value, export_format):
        return neutralise(super().preprocess_field_value(field, value, export_format))
