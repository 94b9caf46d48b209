"""Shared contract for the newsroom plugins: the front-matter schema, content errors,
URL helpers, the build clock and the JSON-LD encoder.

Not a Pelican plugin itself: the plugins import it, and it imports none of them.
"""
