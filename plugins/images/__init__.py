"""Responsive images, search crops, social cards and avatars, built with Pillow.

Settings: the `IMAGES` dict (see settings.DEFAULTS). Attaches `lead_image`, `og_image` and
`social_card` to articles and pages, `avatar` to authors with a profile photo, and rewrites
local body `<img>` tags into `<picture>`. Bad images are raised together as ImageErrors.
"""

from pelican import signals

from . import handlers
from .errors import ImageError, ImageErrors

__all__ = ["ImageError", "ImageErrors", "register"]


def register():
    signals.initialized.connect(handlers.on_initialized)
    signals.article_generator_finalized.connect(handlers.on_article_generator_finalized)
    signals.page_generator_finalized.connect(handlers.on_page_generator_finalized)
    signals.all_generators_finalized.connect(handlers.on_all_generators_finalized)
