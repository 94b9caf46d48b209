"""WordPress keeps each date twice: local (`post_date`) and UTC (`post_date_gmt`); their
difference is the site's offset at that moment, which we keep."""

from __future__ import annotations

from datetime import datetime, timezone

from .wxr import NO_DATE


def parse(value: str) -> datetime | None:
    if not value or value == NO_DATE:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def with_offset(local: str, gmt: str) -> datetime | None:
    """The local time with its offset; naive (the site's TIMEZONE applies) when the export
    has no UTC time (drafts often have 0000-00-00)."""
    local_time, utc_time = parse(local), parse(gmt)
    if local_time is None:
        return None
    if utc_time is None:
        return local_time
    return local_time.replace(tzinfo=timezone(local_time - utc_time))


def iso(moment: datetime) -> str:
    return moment.isoformat()
