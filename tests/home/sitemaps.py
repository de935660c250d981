"""Reading the sitemaps the way a crawler does: through their URLs, parsed as XML."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def section_urls(client, **headers) -> list[str]:
    response = client.get("/sitemap.xml", **headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    return [loc.text for loc in root.findall("sm:sitemap/sm:loc", NS)]


def entries(client, **headers) -> list[dict]:
    """Every ``<url>`` of every section: ``{"loc": ..., "alternates": {hreflang: href}}``."""
    found = []
    for section in section_urls(client, **headers):
        response = client.get(local(section), **headers)
        assert response.status_code == 200, section
        for url in ET.fromstring(response.content).findall("sm:url", NS):  # noqa: S314
            found.append(
                {
                    "loc": url.find("sm:loc", NS).text,
                    "alternates": {
                        link.get("hreflang"): link.get("href")
                        for link in url.findall("xhtml:link", NS)
                    },
                }
            )
    return found


def locations(client, **headers) -> list[str]:
    return [entry["loc"] for entry in entries(client, **headers)]
