"""The lists Pelican's generators keep their content in, named once for every plugin."""

# ArticlesGenerator and PagesGenerator, every status and translation.
CONTENT_LISTS = ("articles", "translations", "drafts", "hidden_articles")
CONTENT_LISTS += ("pages", "hidden_pages", "draft_pages", "translations_pages")
# What has a URL on the live site: published items, and withdrawn stories' notices (hidden).
SERVED_LISTS = ("articles", "hidden_articles", "pages", "hidden_pages")

# Setting: {Jinja global: names it reads from the page's context}. A global that takes the
# context (news_seo's head) adds its entry: the page engine counts those names among what a
# page that calls it shows.
CONTEXT_READS_SETTING = "PAGE_CONTEXT_READS"
# Setting: fields a plugin sets on a story that only the story's own page shows (its reading
# time, say), never its card in a list or box: a change to them renders that page alone.
OWN_PAGE_FIELDS_SETTING = "OWN_PAGE_FIELDS"
# Setting: {field: the fields of the same story it is made from}, for a field a plugin sets on
# a story only from others it also sets (images' og_image from the lead image or the social
# card). A page's digest sees the sources, so the field is left out of it wherever they are in.
DERIVED_FIELDS_SETTING = "DERIVED_FIELDS"
# Setting: {feed_generated receiver, by `receiver_name`: the context names it reads}. A plugin
# that dresses feeds adds its entry (news_seo reads the sections, authors and tags to link each
# feed to its list page): the page engine then writes a feed again only when its entries or
# those names change. While any receiver has no entry, every feed is written on every build.
FEED_CONTEXT_READS_SETTING = "FEED_CONTEXT_READS"


def receiver_name(function) -> str:
    """How FEED_CONTEXT_READS names a signal receiver: its module and qualified name."""
    return f"{function.__module__}.{function.__qualname__}"
