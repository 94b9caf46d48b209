"""The build benchmark behind `invoke bench`: a seeded corpus, timed builds, a report."""
