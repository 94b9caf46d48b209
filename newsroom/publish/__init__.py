"""Publishing the built site: a gate, precompression, and atomic release deploys.

from newsroom.publish import publish, rollback
publish("output.staging", settings, dry_run=False, extra_checks=[lint])
"""

from .deploy import DeployError, DeployResult
from .gate import GateFailed, Problem, check_site
from .pipeline import PublishReport, publish, rollback
from .settings import DEFAULTS, PublishSettingsError, publish_settings

__all__ = [
    "DEFAULTS",
    "DeployError",
    "DeployResult",
    "GateFailed",
    "Problem",
    "PublishReport",
    "PublishSettingsError",
    "check_site",
    "publish",
    "publish_settings",
    "rollback",
]
