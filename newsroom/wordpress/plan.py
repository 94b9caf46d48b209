"""Decide, for every item of an export, what file it becomes and why.

Pure: an Export (and the site's declared sections, the clock, the uploads folder) in, an
ImportPlan out. Nothing is skipped without an Entry saying so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import unquote, urlsplit

from . import dates
from .body import to_markdown
from .documents import render
from .duplicates import duplicate_of
from .links import old_keys, rewrite
from .names import author_slug, fallback_section, section_for, slug_for, standfirst
from .shortcodes import Media
from .uploads import Uploads
from .wxr import Export, WpItem

CONTENT_TYPES = ("post", "page")
NOT_PUBLISHED = {"private": "private on WordPress", "trash": "in the trash on WordPress"}
DRAFT_STATUSES = {"draft": "a draft", "pending": "pending review", "auto-draft": "an auto-draft"}


@dataclass
class Entry:
    """One export item and what became of it (the report's row)."""

    wp_id: str
    post_type: str
    title: str
    line: int
    outcome: str = ""  # published, draft, scheduled, not imported, ignored, duplicate
    path: str = ""  # content-relative file
    url: str = ""  # the new site path
    reasons: list = field(default_factory=list)  # why it is a draft / not imported
    notes: list = field(default_factory=list)  # what the conversion changed or dropped
    redirects: list = field(default_factory=list)  # old site paths redirected here
    unreachable: list = field(default_factory=list)  # old URLs no static file can serve


@dataclass
class ImportPlan:
    files: dict = field(default_factory=dict)  # content-relative path -> text
    owner: dict = field(default_factory=dict)  # content-relative path -> wp id ('' = shared)
    entries: list = field(default_factory=list)
    sections: list = field(default_factory=list)  # new {name, description} to declare
    copies: dict = field(default_factory=dict)  # content-relative image path -> source file
    remote: list = field(default_factory=list)  # attachment URLs not in --uploads
    ignored: dict = field(default_factory=dict)  # post type -> count


def plan_import(
    export: Export,
    *,
    declared=(),
    now=None,
    uploads_dir=None,
    taken=frozenset(),
    advance=None,
) -> ImportPlan:
    """`taken`: content-relative paths of Markdown files already there and not from an
    earlier import of this export; an item never takes their name."""
    now = now or datetime.now(UTC)
    plan = ImportPlan()
    uploads = Uploads(export.site_url, uploads_dir)
    media = _media(export)
    builder = _Builder(export, plan, list(declared), now, uploads, media)
    builder.taken = frozenset(taken)
    for item in export.items:
        builder.add(item)
        if advance:
            advance()
    builder.finish()
    plan.copies = dict(sorted(uploads.copies.items()))
    plan.remote = sorted(uploads.remote)
    return plan


def _media(export: Export) -> Media:
    media = Media()
    for item in export.items:
        if item.post_type == "attachment":
            media.by_id[item.post_id] = (
                item.attachment_url,
                item.meta.get("_wp_attachment_image_alt", ""),
            )
            media.children.setdefault(item.parent, []).append(item.post_id)
    return media


class _Builder:
    def __init__(self, export, plan, declared, now, uploads, media):
        self.export, self.plan, self.declared = export, plan, declared
        self.now, self.uploads, self.media = now, uploads, media
        self.urls: dict[str, str] = {}  # new site path -> wp id
        self.old_paths: dict[str, Entry] = {}
        self.attachments = {i.post_id: i for i in export.items if i.post_type == "attachment"}
        self.authors_used: dict[str, str] = {}  # slug -> login
        self.documents: dict[str, tuple] = {}  # path -> (entry, front, body, kind)
        self.taken: frozenset = frozenset()

    def add(self, item: WpItem) -> None:
        if item.post_type == "attachment":
            self.plan.ignored["attachment (used by posts)"] = (
                self.plan.ignored.get("attachment (used by posts)", 0) + 1
            )
            return
        if item.post_type not in CONTENT_TYPES or item.status == "auto-draft":
            kind = "auto-draft" if item.status == "auto-draft" else item.post_type
            self.plan.ignored[kind] = self.plan.ignored.get(kind, 0) + 1
            return
        entry = Entry(item.post_id, item.post_type, item.title, item.line)
        self.plan.entries.append(entry)
        if item.status in NOT_PUBLISHED:
            entry.outcome = "not imported"
            entry.reasons.append(NOT_PUBLISHED[item.status])
            return
        if item.post_type == "post":
            self._article(item, entry)
        else:
            self._page(item, entry)

    # --- articles -------------------------------------------------------------------------

    def _article(self, item: WpItem, entry: Entry) -> None:
        notes = entry.notes
        body = self._body(item, entry)
        front: dict = {"title": self._title(item, entry)}
        moment = dates.with_offset(item.post_date, item.post_date_gmt)
        if moment is None:
            moment = self.now.replace(microsecond=0)
            entry.reasons.append("no date in the export (today's date written; check it)")
        elif moment.tzinfo is None:
            notes.append("no UTC time in the export; the site's TIMEZONE applies to its date")
        front["date"] = dates.iso(moment)
        modified = dates.with_offset(item.modified, item.modified_gmt)
        if modified and modified.tzinfo and moment.tzinfo and modified > moment:
            front["modified"] = dates.iso(modified)
        front["authors"] = [self._author(item, entry)]
        section, tags = section_for(item, self.export.categories, self.declared, self.plan)
        if section is None:
            section = fallback_section(self.declared, self.plan)
            notes.append(f"no category; put in section {section!r}")
        front["category"] = section
        tags += [t for t in item.tags if t not in tags]
        if tags:
            front["tags"] = tags
        front["summary"] = self._summary(item, body, front["title"], entry)
        self._lead_image(item, front, notes)
        status = self._status(item, moment, front, entry)
        slug = slug_for(item)
        url = self._unique(
            f"{moment:%Y}/{moment:%m}/", slug, item.post_id, f"articles/{moment:%Y}/"
        )
        front["slug"] = url.rstrip("/").rsplit("/", 1)[1]
        if status == "published":
            self._redirects(item, url, front, entry)
        entry.outcome, entry.url = status, "/" + url
        entry.path = f"articles/{moment:%Y}/{front['slug']}.md"
        self._emit(entry, front, body, "article")

    def _body(self, item, entry) -> str:
        """The Markdown body; markup the HTML parser had to repair makes the item a draft."""
        problems: list = []
        body = to_markdown(
            item.content, item.post_id, self.media, self.uploads, entry.notes, problems
        )
        entry.reasons.extend(problems)
        return body

    def _title(self, item, entry) -> str:
        if item.title.strip():
            return " ".join(item.title.split())
        entry.reasons.append("no title (a placeholder title was written)")
        return f"Untitled WordPress {item.post_type} {item.post_id}"

    def _author(self, item, entry) -> str:
        author = self.export.authors.get(item.creator)
        if author is None:
            who = item.creator or "(none)"
            entry.reasons.append(f"unknown author {who!r}: not among the export's authors")
        slug, profile, notes = author_slug(item.creator, author)
        if slug not in self.authors_used:
            self.authors_used[slug] = item.creator
            self.plan.files.setdefault(f"authors/{slug}.md", profile)
            self.plan.owner.setdefault(f"authors/{slug}.md", "")
            entry.notes.extend(notes)
        return slug

    def _summary(self, item, body, title, entry) -> str:
        summary = standfirst(item.excerpt) or standfirst(body)
        if not summary:
            entry.reasons.append("no excerpt and no text to make a summary from (title used)")
            return title
        return summary

    def _lead_image(self, item, front, notes) -> None:
        thumbnail = self.attachments.get(item.meta.get("_thumbnail_id", ""))
        if thumbnail is None:
            return
        local = self.uploads.local(thumbnail.attachment_url)
        alt = thumbnail.meta.get("_wp_attachment_image_alt", "").strip()
        if local is None:
            notes.append(f"featured image {thumbnail.attachment_url} is remote; not a lead image")
            return
        if not alt:
            notes.append(f"featured image {local} has no alt text; not set as the lead image")
            return
        front.update(image=local, image_alt=alt)
        if thumbnail.excerpt:
            front["image_caption"] = standfirst(thumbnail.excerpt, limit=300)
        if thumbnail.meta.get("_media_credit"):
            front["image_credit"] = thumbnail.meta["_media_credit"]

    def _status(self, item, moment, front, entry) -> str:
        if item.password:
            entry.reasons.append("password-protected on WordPress: never published in full here")
        if item.status in DRAFT_STATUSES:
            entry.reasons.append(f"{DRAFT_STATUSES[item.status]} on WordPress")
        if item.status == "future":
            due = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
            if due > self.now:
                front["scheduled"] = True
                return "scheduled" if not entry.reasons else self._draft(front)
            entry.reasons.append(f"was scheduled for {front['date']}, which has passed")
        elif item.status not in ("publish", *DRAFT_STATUSES):
            entry.reasons.append(f"unknown WordPress status {item.status!r}")
        if not entry.reasons:
            return "published"
        # Problems (not a plain WordPress draft) go into `needs`: the draft is held back
        # (never stops a build or a publish gate) until an editor has dealt with them.
        plain = {f"{label} on WordPress" for label in DRAFT_STATUSES.values()}
        problems = [reason for reason in entry.reasons if reason not in plain]
        if problems:
            front["needs"] = problems
        return self._draft(front)

    @staticmethod
    def _draft(front) -> str:
        front["status"] = "draft"
        front.pop("scheduled", None)
        return "draft"

    # --- pages -----------------------------------------------------------------------------

    def _page(self, item: WpItem, entry: Entry) -> None:
        body = self._body(item, entry)
        front: dict = {"title": self._title(item, entry)}
        # Pages need `modified` (their sitemap lastmod): WordPress's last change, else its
        # publication date, else today (said in the report).
        changed = dates.with_offset(item.modified, item.modified_gmt) or dates.with_offset(
            item.post_date, item.post_date_gmt
        )
        if changed is None:
            changed = self.now.replace(microsecond=0)
            entry.notes.append("no date in the export; today's date written as modified")
        front["modified"] = dates.iso(changed)
        summary = standfirst(item.excerpt)
        if summary:
            front["summary"] = summary
        url = self._unique("", slug_for(item), item.post_id, "pages/")
        front["slug"] = url.rstrip("/")
        if item.password:
            entry.reasons.append("password-protected on WordPress: never published in full here")
        if item.status != "publish":
            entry.reasons.append(DRAFT_STATUSES.get(item.status, f"status {item.status!r}"))
        status = self._draft(front) if entry.reasons else "published"
        if status == "published":
            self._redirects(item, url, front, entry)
        entry.outcome, entry.url, entry.path = status, "/" + url, f"pages/{front['slug']}.md"
        self._emit(entry, front, body, "page")

    # --- shared ----------------------------------------------------------------------------

    def _unique(self, prefix: str, slug: str, wp_id: str, folder: str) -> str:
        """The item's site path; `-<id>` added when another item or a file has the name."""
        url = f"{prefix}{slug}/"
        if url in self.urls or f"{folder}{slug}.md" in self.taken:
            url = f"{prefix}{slug}-{wp_id}/"
        self.urls[url] = wp_id
        return url

    def _redirects(self, item, url, front, entry) -> None:
        parts = urlsplit(item.link)
        if parts.query or not parts.path.strip("/"):
            if item.link:
                entry.unreachable.append(item.link)
            return
        old = unquote(parts.path)
        old = old if old.endswith("/") else old + "/"
        if old.lstrip("/") == url:
            return
        entry.redirects.append(old)
        self.old_paths[old] = entry

    def _new_urls(self) -> dict:
        """Old path or id of each published item (duplicates: of the copy kept) → new URL."""
        items = {item.post_id: item for item in self.export.items}
        mapping = {}
        for entry, *_ in self.documents.values():
            if entry.outcome != "published":
                continue
            for key in old_keys(items[entry.wp_id].link, entry.wp_id) + entry.redirects:
                mapping[key] = entry.url
        return mapping

    def _fold_duplicates(self) -> None:
        articles = {p: doc[2] for p, doc in self.documents.items() if doc[3] == "article"}
        for later, (earlier, similarity) in duplicate_of(articles).items():
            entry, kept = self.documents.pop(later)[0], self.documents[earlier][0]
            entry.outcome, entry.path = "duplicate", ""
            entry.reasons.append(
                f"{similarity:.0%} of its text matches WordPress item {kept.wp_id} "
                f"({earlier}); not imported, its old URL redirects there"
            )
            if kept.outcome == "published":
                for old in entry.redirects:
                    kept.redirects.append(old)
                    self.old_paths[old] = kept
            else:
                entry.unreachable.extend(entry.redirects)
            entry.redirects = []
            self.urls.pop(entry.url.lstrip("/"), None)

    def _emit(self, entry: Entry, front: dict, body: str, kind: str) -> None:
        self.documents[entry.path] = (entry, front, body, kind)

    def finish(self) -> None:
        """Near-duplicates fold into the first copy; an old path that is now another item's
        URL cannot redirect (that page is there); then every document is rendered."""
        self._fold_duplicates()
        for old, entry in sorted(self.old_paths.items()):
            page = f"pages/{old.strip('/')}.md"
            if page in self.taken:
                entry.redirects.remove(old)
                entry.unreachable.append(f"{old} (now the URL of {page})")
            elif old.lstrip("/") in self.urls and self.urls[old.lstrip("/")] != entry.wp_id:
                other = self.urls[old.lstrip("/")]
                entry.redirects.remove(old)
                entry.unreachable.append(f"{old} (now the URL of WordPress item {other})")
        new_url_of = self._new_urls()
        for path, (entry, front, body, kind) in self.documents.items():
            body = rewrite(body, self.export.site_url, new_url_of)
            if entry.redirects:
                front["redirect_from"] = entry.redirects
            self.plan.files[path] = render(front, body, kind=kind)
            self.plan.owner[path] = entry.wp_id
