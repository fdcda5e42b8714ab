"""Reading resident pages in tests: the elements of a page by id, with their attributes and text."""

from html.parser import HTMLParser

VOID = {"input", "br", "img", "meta", "link", "hr"}


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.by_id: dict[str, dict] = {}
        self.open: list[dict] = []

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, **{k: (v if v is not None else "") for k, v in attrs}, "text": ""}
        if element.get("id"):
            self.by_id[element["id"]] = element
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag):
        if self.open:
            self.open.pop()

    def handle_data(self, data):
        for element in self.open:
            element["text"] += data


def elements(html: str) -> dict[str, dict]:
    """Every element that has an id: {id: {"tag": …, attribute: value, …, "text": its text}}."""
    parser = _Elements()
    parser.feed(html)
    return parser.by_id


def script(html: str, name: str) -> str:
    """The text of a static script the page includes (resident pages have no inline script), or ""."""
    from django.contrib.staticfiles import finders

    if f"/static/{name}" not in html:
        return ""
    with open(finders.find(name), encoding="utf-8") as file:
        return file.read()
