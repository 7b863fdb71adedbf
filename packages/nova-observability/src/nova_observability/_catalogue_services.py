"""Catalogue of the alarms for Lambda functions, HTTP APIs and S3 buckets."""

from collections.abc import Mapping

from nova_observability._kind import LOGS_INSIGHTS_ERROR_QUERY, AlarmKind

__all__ = ["SERVICE_KINDS"]

_FUNCTION_LOGS = (
    "the function's log group {log_group_name} (Logs Insights: SOURCE '{log_group_name}' | "
    + LOGS_INSIGHTS_ERROR_QUERY
    + ")"
)

SERVICE_KINDS: Mapping[str, Mapping[str, AlarmKind]] = {
    "functions": {
        "errors": AlarmKind(
            resource_type="functions",
            kind="errors",
            namespace="AWS/Lambda",
            metric_name="Errors",
            statistic="Sum",
            threshold=1.0,
            comparison_operator="GreaterThanOrEqualToThreshold",
            period_seconds=60,
            evaluation_periods=3,
            treat_missing_data="notBreaching",
            what="errors",
            unit="",
            rate=False,
            first_look=_FUNCTION_LOGS + ", then the last deployment of the function.",
            basis="AWS recommended alarm Lambda Errors: Sum > 0, 60 s, 3 of 3.",
        ),
        "throttles": AlarmKind(
            resource_type="functions",
            kind="throttles",
            namespace="AWS/Lambda",
            metric_name="Throttles",
            statistic="Sum",
            threshold=1.0,
            comparison_operator="GreaterThanOrEqualToThreshold",
            period_seconds=60,
            evaluation_periods=5,
            treat_missing_data="notBreaching",
            what="throttled invocations",
            unit="",
            rate=False,
            first_look=(
                "ConcurrentExecutions of {function_name} on the dashboard, its reserved "
                "concurrency, and the account's unreserved concurrency in this Region."
            ),
            basis="AWS recommended alarm Lambda Throttles: Sum > 0, 60 s, 5 of 5.",
        ),
        "duration": AlarmKind(
            resource_type="functions",
            kind="duration",
            namespace="AWS/Lambda",
            metric_name="Duration",
            statistic="p99",
            threshold=None,
            comparison_operator="GreaterThanOrEqualToThreshold",
            period_seconds=60,
            evaluation_periods=15,
            treat_missing_data="notBreaching",
            what="p99 duration",
            unit=" ms",
            rate=False,
            first_look=(
                "slow downstream calls in the log group {log_group_name} (Logs Insights: "
                "SOURCE '{log_group_name}' | filter @type = \"REPORT\" | sort @duration desc "
                "| limit 20); invocations past the timeout fail."
            ),
            basis=(
                "AWS recommended alarm Lambda Duration (60 s, 15 of 15, threshold left to the "
                "user): p99 at 80 % of the function's timeout."
            ),
        ),
    },
    "apis": {
        "5xx": AlarmKind(
            resource_type="apis",
            kind="5xx",
            namespace="AWS/ApiGateway",
            metric_name="5xx",
            statistic="Sum",
            threshold=1.0,
            comparison_operator="GreaterThanOrEqualToThreshold",
            period_seconds=60,
            evaluation_periods=3,
            treat_missing_data="notBreaching",
            what="5xx responses",
            unit="",
            rate=False,
            first_look=(
                "the API's access log (filter status >= 500) and the log groups of the "
                "integration functions; 500/502 usually mean the function failed or returned "
                "a malformed response, 503/504 a timeout."
            ),
            basis=(
                "AWS recommended alarm API Gateway 5XXError (60 s, 3 of 3); counted (Sum >= 1) "
                "instead of a 5 % rate because any server error is a defect."
            ),
        ),
        "4xx": AlarmKind(
            resource_type="apis",
            kind="4xx",
            namespace="AWS/ApiGateway",
            metric_name="4xx",
            statistic="Average",
            threshold=0.05,
            comparison_operator="GreaterThanThreshold",
            period_seconds=60,
            evaluation_periods=5,
            treat_missing_data="notBreaching",
            what="4xx rate (share of requests)",
            unit="",
            rate=True,
            first_look=(
                "the API's access log grouped by route and status: 401/403 point to "
                "authorizers or tokens, 404 to routes, 429 to stage throttling."
            ),
            basis="AWS recommended alarm API Gateway 4XXError: Average > 0.05, 60 s, 5 of 5.",
        ),
        "latency": AlarmKind(
            resource_type="apis",
            kind="latency",
            namespace="AWS/ApiGateway",
            metric_name="Latency",
            statistic="p99",
            threshold=2500.0,
            comparison_operator="GreaterThanOrEqualToThreshold",
            period_seconds=60,
            evaluation_periods=5,
            treat_missing_data="notBreaching",
            what="p99 latency",
            unit=" ms",
            rate=False,
            first_look=(
                "IntegrationLatency on the dashboard: when it is close to Latency, the backend "
                "function is slow (see its p99 duration); otherwise the gateway (authorizer, "
                "throttling) adds the time."
            ),
            basis=(
                "AWS recommended alarm API Gateway Latency (p90 >= 2500 ms, 60 s, 5 of 5), "
                "taken at p99 to catch the slow tail."
            ),
        ),
        "integration_latency": AlarmKind(
            resource_type="apis",
            kind="integration_latency",
            namespace="AWS/ApiGateway",
            metric_name="IntegrationLatency",
            statistic="p99",
            threshold=2500.0,
            comparison_operator="GreaterThanOrEqualToThreshold",
            period_seconds=60,
            evaluation_periods=5,
            treat_missing_data="notBreaching",
            what="p99 integration latency",
            unit=" ms",
            rate=False,
            first_look=(
                "the p99 duration and the logs of the integration functions: the backend, "
                "not the gateway, is slow."
            ),
            basis="Same window and threshold as the latency alarm, to separate backend time.",
        ),
    },
    "buckets": {
        "4xx": AlarmKind(
            resource_type="buckets",
            kind="4xx",
            namespace="AWS/S3",
            metric_name="4xxErrors",
            statistic="Average",
            threshold=0.05,
            comparison_operator="GreaterThanThreshold",
            period_seconds=60,
            evaluation_periods=15,
            treat_missing_data="notBreaching",
            what="4xx rate (share of requests)",
            unit="",
            rate=True,
            first_look=(
                "403 AccessDenied (bucket policy, TLS-only rule, KMS key grants) and 404 "
                "NoSuchKey in CloudTrail data events or the server access log of {bucket_name}."
            ),
            basis="AWS recommended alarm S3 4xxErrors: Average > 0.05, 60 s, 15 of 15.",
        ),
        "5xx": AlarmKind(
            resource_type="buckets",
            kind="5xx",
            namespace="AWS/S3",
            metric_name="5xxErrors",
            statistic="Average",
            threshold=0.05,
            comparison_operator="GreaterThanThreshold",
            period_seconds=60,
            evaluation_periods=15,
            treat_missing_data="notBreaching",
            what="5xx rate (share of requests)",
            unit="",
            rate=True,
            first_look=(
                "503 SlowDown: the request rate per prefix of {bucket_name}; clients should "
                "retry with exponential backoff."
            ),
            basis="AWS recommended alarm S3 5xxErrors: Average > 0.05, 60 s, 15 of 15.",
        ),
    },
}
"""Alarm kinds of functions, APIs and buckets, by resource type then kind name."""
