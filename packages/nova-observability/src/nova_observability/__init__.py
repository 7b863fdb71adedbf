"""nova-observability: alarms on by default, an alarm topic, and a generated CloudWatch dashboard.

Components: :class:`ServiceMonitor` (the facade), :class:`AlarmTopic`, :class:`Dashboard`.
Pure helpers: :func:`render_dashboard_body`, :func:`paginate_dashboard_spec`, the alarm
catalogue :data:`ALARM_KINDS` and the policy builders.
"""

from .__about__ import __version__
from ._policies import alarm_topic_key_policy, alarm_topic_policy
from .alarm_topic import AlarmTopic, AlarmTopicArgs, SubscriptionArgs
from .alarms import ALARM_KINDS, AlarmKind, AlarmSettings, alarm_description
from .dashboard import Dashboard, DashboardArgs
from .dashboard_body import DashboardSpec, paginate_dashboard_spec, render_dashboard_body
from .service_monitor import ServiceMonitor, ServiceMonitorArgs
from .targets import ApiLike, BucketLike, FunctionLike, QueueLike, TableLike

__all__ = [
    # components
    "ServiceMonitor",
    "ServiceMonitorArgs",
    "AlarmTopic",
    "AlarmTopicArgs",
    "SubscriptionArgs",
    "Dashboard",
    "DashboardArgs",
    # alarm catalogue
    "ALARM_KINDS",
    "AlarmKind",
    "AlarmSettings",
    "alarm_description",
    # dashboard bodies
    "DashboardSpec",
    "render_dashboard_body",
    "paginate_dashboard_spec",
    # accepted resource shapes
    "FunctionLike",
    "ApiLike",
    "BucketLike",
    "QueueLike",
    "TableLike",
    # policy documents
    "alarm_topic_policy",
    "alarm_topic_key_policy",
    "__version__",
]
