"""Pure helpers: which stories the front page shows, and where."""

from __future__ import annotations


def newest_first(articles) -> list:
    """Newest first; between equal dates, by URL, so that the order is stable."""
    return sorted(articles, key=lambda a: (a.date, a.url), reverse=True)


def edition(articles, categories, cfg, zone) -> dict:
    """The home page's edition, as plain data:

    - lead: the newest story marked `featured: true` → the newest story;
    - top: the other featured stories, newest first → the newest of the rest, up to TOP_COUNT;
    - sections: per section with stories, in SECTIONS order, its newest SECTION_COUNT stories
      (a section front repeats a story from the top of the page, as a printed section does);
    - latest: the newest LATEST_COUNT stories not already lead or top;
    - date: the newest story's date in the site's time zone (`zone`), the edition's date.
    """
    ordered = newest_first(articles)
    if not ordered:
        return dict(date=None, date_text="", lead=None, top=[], sections=[], latest=[])
    featured = [a for a in ordered if getattr(a, "featured", False) is True]
    rest = [a for a in ordered if a not in featured]
    picked = (featured + rest)[: cfg["TOP_COUNT"] + 1]
    lead, top = picked[0], picked[1:]
    shown = set(map(id, picked))
    sections = [
        {"category": category, "stories": newest_first(items)[: cfg["SECTION_COUNT"]]}
        for category, items in categories
        if items
    ]
    latest = [a for a in ordered if id(a) not in shown][: cfg["LATEST_COUNT"]]
    date = ordered[0].date.astimezone(zone) if ordered[0].date.tzinfo else ordered[0].date
    return {
        "date": date,
        "date_text": date.strftime("%A %-d %B %Y"),
        "lead": lead,
        "top": top,
        "sections": sections,
        "latest": latest,
    }
