"""The build's clock: one value for scheduled articles, the news window and tests."""

import os
from datetime import UTC, datetime


def build_now(settings) -> datetime:
    """`BUILD_TIME` setting → `SOURCE_DATE_EPOCH` → the wall clock, always timezone-aware."""
    configured = settings.get("BUILD_TIME")
    if configured:
        value = (
            configured if isinstance(configured, datetime) else datetime.fromisoformat(configured)
        )
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(UTC)
