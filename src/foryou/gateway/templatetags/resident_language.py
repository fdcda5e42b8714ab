"""{% language_switcher %}: links to this same page in each offered language, each named in its own
language (a reader who cannot read the current one still finds theirs)."""

from django import template
from django.utils import translation

from foryou.gateway.languages import PARAMETER, html_lang
from foryou.shared import languages

register = template.Library()


@register.inclusion_tag("gateway/_language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context.get("request")
    current = translation.get_language()
    links = []
    for code, name in languages.offered():
        query = request.GET.copy() if request is not None else None
        if query is not None:
            query[PARAMETER] = code
        links.append({"code": code, "name": name, "lang": html_lang(code), "current": code == current,
                      "url": f"?{query.urlencode()}" if query is not None else f"?{PARAMETER}={code}"})
    return {"links": links}


@register.simple_tag
def page_lang() -> str:
    return html_lang(translation.get_language() or "ja")
