"""Reading a response as a visitor would: its visible text and its links."""
import re

from bs4 import BeautifulSoup


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def visible_text(response):
    """The text a visitor reads (no tags, scripts or styles), spaces collapsed."""
    document = soup(response)
    for hidden in document(["script", "style", "template", "head"]):
        hidden.decompose()
    return re.sub(r"\s+", " ", document.get_text(" ")).strip()


def links(response):
    """The href of every link of the page, in order."""
    return [a["href"] for a in soup(response).find_all("a", href=True)]


def stylesheets(response):
    return [
        link["href"]
        for link in soup(response).find_all("link", href=True)
        if "stylesheet" in (link.get("rel") or [])
    ]
