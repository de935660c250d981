"""The shared vocabulary every app uses: sectors and regions (see PRODUCT.md).

Themes are editable, so they are a snippet (home.models.Theme); sectors and regions
are fixed by the strategy, so they are choices here.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    NATIONAL_GOVERNMENT = "national_government", _("National government")
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    PARLIAMENT = "parliament", _("Parliament")
    JUDICIARY = "judiciary", _("Judiciary")
    OVERSIGHT = "oversight", _("Oversight institution")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    SOCIAL_MOVEMENT = "social_movement", _("Social movement")
    ACADEMIA = "academia", _("Academia and research")
    MEDIA = "media", _("Media")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    MULTILATERAL = "multilateral", _("Multilateral or donor organisation")


#: Sectors grouped the way selection and suggestions balance them.
GOVERNMENT_SECTORS = frozenset(
    {
        Sector.NATIONAL_GOVERNMENT,
        Sector.LOCAL_GOVERNMENT,
        Sector.PARLIAMENT,
        Sector.JUDICIARY,
        Sector.OVERSIGHT,
    }
)
CIVIL_SOCIETY_SECTORS = frozenset(
    {Sector.CIVIL_SOCIETY, Sector.SOCIAL_MOVEMENT, Sector.ACADEMIA, Sector.MEDIA}
)


def sector_family(sector: str) -> str:
    """'government', 'civil_society' or 'other' for a sector value."""
    if sector in GOVERNMENT_SECTORS:
        return "government"
    if sector in CIVIL_SOCIETY_SECTORS:
        return "civil_society"
    return "other"


class Region(models.TextChoices):
    AFRICA_MIDDLE_EAST = "africa_middle_east", _("Africa and the Middle East")
    AMERICAS = "americas", _("The Americas")
    ASIA_PACIFIC = "asia_pacific", _("Asia and the Pacific")
    EUROPE = "europe", _("Europe")


_REGION_COUNTRIES = {
    Region.AFRICA_MIDDLE_EAST: (
        "AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW KE KM LR LS "
        "LY MA MG ML MR MU MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TG TN TZ UG "
        "YT ZA ZM ZW AE BH IL IQ IR JO KW LB OM PS QA SA SY YE"
    ),
    Region.AMERICAS: (
        "AG AI AR AW BB BL BM BO BQ BR BS BZ CA CL CO CR CU CW DM DO EC FK GD GF GL GP GT "
        "GY HN HT JM KN KY LC MF MQ MS MX NI PA PE PM PR PY SR SV SX TC TT US UY VC VE VG VI"
    ),
    Region.ASIA_PACIFIC: (
        "AF AS AU BD BN BT CC CK CN CX FJ FM GU HK ID IN IO JP KG KH KI KP KR KZ LA LK MH "
        "MM MN MO MP MV MY NC NF NP NR NU NZ PF PG PH PK PN PW SB SG TH TJ TK TL TM TO TV "
        "TW UM UZ VN VU WF WS"
    ),
    Region.EUROPE: (
        "AD AL AM AT AX AZ BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GE GG GI GR HR HU "
        "IE IM IS IT JE LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM TR "
        "UA VA XK"
    ),
}

COUNTRY_REGION: dict[str, str] = {
    code: region for region, codes in _REGION_COUNTRIES.items() for code in codes.split()
}


def region_for_country(country_code: str | None) -> str:
    """The region of an ISO 3166-1 alpha-2 country code, or '' when unknown."""
    if not country_code:
        return ""
    return str(COUNTRY_REGION.get(str(country_code).upper(), ""))


def countries_in_region(region: str) -> list[str]:
    return [code for code, r in COUNTRY_REGION.items() if r == region]
