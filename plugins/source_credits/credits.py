"""Pure helpers: the credit wording, the syndication policy and the outlets index."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from markupsafe import Markup
from pelican.utils import slugify

from newsroom_core.urls import host_of

LEADS = {
    "republished": "Originally published by",
    "rewritten": "Rewritten from reporting by",
    "based-on": "Based on reporting by",
}


@dataclass(frozen=True)
class Credit:
    name: str
    url: str
    relation: str
    lead: str
    author: str = ""
    title: str = ""  # the original work's headline, when the front matter gives it
    date: object = None
    date_text: str = ""
    policy: str = "none"

    @property
    def host(self) -> str:
        return host_of(self.url)

    @property
    def sentence(self) -> Markup:
        return credit_sentence(self)


def credit_sentence(credit: Credit) -> Markup:
    """The credit line, worded once for the article page and for feed entries: lead, linked
    outlet (rel=noopener, as it leaves the site), the original's author and date if given."""
    return Markup('{} <a href="{}" rel="noopener">{}</a>{}{}.').format(
        credit.lead,
        credit.url,
        credit.name,
        Markup(" ({})").format(credit.author) if credit.author else "",
        Markup(" on {}").format(credit.date_text) if credit.date_text else "",
    )


def credits_for(metadata: dict, default_policy: str) -> list[Credit]:
    """`source` or `sources` → Credits. Relation defaults to based-on. Only republished copy
    follows the syndication policy; rewritten and based-on articles are our own pages."""
    sources = metadata.get("sources") or ([metadata["source"]] if metadata.get("source") else [])
    credits = []
    for source in sources:
        relation = source.get("relation", "based-on")
        policy = source.get("policy", default_policy) if relation == "republished" else "none"
        date = source.get("date")
        credits.append(
            Credit(
                name=source["name"],
                url=source["url"],
                relation=relation,
                lead=LEADS[relation],
                author=source.get("author", ""),
                title=source.get("title", ""),
                date=date,
                # Only republished copy names the original date: it is the same text.
                date_text=_day(date) if date and relation == "republished" else "",
                policy=policy,
            )
        )
    return credits


def _day(value) -> str:
    return f"{value.day} {value.strftime('%B %Y')}"


def syndication(credits: list[Credit]) -> tuple[str, str]:
    """(policy, original URL) for the article: the first republished credit decides."""
    for credit in credits:
        if credit.relation == "republished":
            return credit.policy, credit.url
    return "none", ""


@dataclass
class Outlet:
    name: str
    host: str
    slug: str
    articles: list = field(default_factory=list)
    spellings: list = field(default_factory=list)


def outlets_index(articles) -> list[Outlet]:
    """Every outlet credited, grouped by host; the most used spelling names it."""
    by_host = defaultdict(list)
    for article in articles:
        for credit in getattr(article, "credits", []):
            by_host[credit.host].append((credit.name, article))
    outlets = []
    for host, uses in by_host.items():
        counts = Counter(name for name, _ in uses)
        name = sorted(counts, key=lambda n: (-counts[n], n))[0]
        unique_articles = list(dict.fromkeys(article for _, article in uses))
        unique_articles.sort(key=lambda a: (a.date, a.slug), reverse=True)
        outlets.append(Outlet(name, host, slugify(host), unique_articles, sorted(counts)))
    return sorted(outlets, key=lambda o: (o.name.lower(), o.host))
