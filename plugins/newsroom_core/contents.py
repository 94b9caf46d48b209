"""The lists Pelican's generators keep their content in, named once for every plugin."""

# ArticlesGenerator and PagesGenerator, every status and translation.
CONTENT_LISTS = ("articles", "translations", "drafts", "hidden_articles")
CONTENT_LISTS += ("pages", "hidden_pages", "draft_pages", "translations_pages")
# What has a URL on the live site: published items, and withdrawn stories' notices (hidden).
SERVED_LISTS = ("articles", "hidden_articles", "pages", "hidden_pages")
